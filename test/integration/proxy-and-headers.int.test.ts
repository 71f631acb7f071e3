import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  TEST_PASSWORD,
  buildCheckinPlan,
  buildClient,
  buildPractice,
  buildPractitioner,
  buildSession,
  giveCheckinConsent,
  scheduleCheckins,
  signedIn,
  type TestPractice,
} from "../support/factories.js";
import { startTestApp, type TestApp } from "../support/server.js";

const from = (address: string) => ({ "x-forwarded-for": address });

describe("behind a trusted proxy (PALPABLE_TRUST_PROXY=1)", () => {
  let app: TestApp;
  let practice: TestPractice;
  beforeAll(async () => {
    app = await startTestApp({ trustProxy: "1", now: new Date("2026-11-28T10:00:00Z") });
    practice = await buildPractice(app);
  });
  afterAll(async () => app.close());

  it("limits sign-in attempts per client, so one person's failures do not lock everyone out", async () => {
    const member = await buildPractitioner(app, practice, "therapist");
    const victim = await buildPractitioner(app, practice, "therapist");
    const guesser = app.browser();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt += 1) {
      statuses.push(
        (
          await guesser.request(
            "POST",
            "/api/auth/sign-in/email",
            { email: victim.email, password: `wrong-${attempt}` },
            from("203.0.113.10"),
          )
        ).status,
      );
    }
    expect(statuses).toContain(429);
    // Someone else behind the same proxy signs in at once.
    const other = await app
      .browser()
      .request("POST", "/api/auth/sign-in/email", { email: member.email, password: TEST_PASSWORD }, from("198.51.100.20"));
    expect(other.status).toBe(200);
  });

  it("records the client's address, not the proxy's, in the audit log", async () => {
    const owner = app.browser();
    await owner.request("POST", "/api/auth/sign-in/email", { email: practice.ownerEmail, password: TEST_PASSWORD }, from("198.51.100.77"));
    await owner.get("/api/clients", from("198.51.100.77"));
    const events = (await owner.get("/api/audit?action=read&limit=5", from("198.51.100.77"))).json.events as { ip: string }[];
    expect(events[0]?.ip).toBe("198.51.100.77");
  });

  it("keeps the check-in link limit per client", async () => {
    for (let i = 0; i < 61; i += 1) await app.browser().get("/c/not-a-token", from("203.0.113.99"));
    expect((await app.browser().get("/c/not-a-token", from("203.0.113.99"))).status).toBe(429);
    expect((await app.browser().get("/c/not-a-token", from("198.51.100.5"))).status).toBe(404);
  });

  it("sends HSTS when the proxy says the request came over HTTPS", async () => {
    const response = await app.browser().get("/api/health", { "x-forwarded-proto": "https" });
    expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });
});

describe("without PALPABLE_TRUST_PROXY", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app.close());

  it("ignores a forged X-Forwarded-For: new addresses in the header do not reset the limit", async () => {
    // A new e-mail each time, so only the per-address limit can stop these.
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 14; attempt += 1) {
      const forged = from(`203.0.113.${attempt}`);
      statuses.push(
        (
          await app
            .browser()
            .request("POST", "/api/auth/sign-in/email", { email: `someone-${attempt}@example.test`, password: "wrong" }, forged)
        ).status,
      );
    }
    expect(statuses.at(-1)).toBe(429);
  });

  it("ignores a forged X-Forwarded-Proto (no HSTS over plain HTTP)", async () => {
    const response = await app.browser().get("/api/health", { "x-forwarded-proto": "https" });
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });
});

describe("security headers on every route family", () => {
  let app: TestApp;
  let webDir: string;
  let linkPath: string;
  beforeAll(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), "palpable-web-"));
    fs.mkdirSync(path.join(webDir, "assets"));
    fs.writeFileSync(path.join(webDir, "index.html"), "<!doctype html><title>Palpable</title><div id=root></div>");
    fs.writeFileSync(path.join(webDir, "assets", "app-1.js"), "console.log(1)");
    app = await startTestApp({ webDir, now: new Date("2026-11-28T10:00:00Z") });
    const practice = await buildPractice(app);
    const owner = await signedIn(app, practice.ownerEmail);
    const clientId = await buildClient(owner);
    await giveCheckinConsent(owner, clientId);
    const [checkin] = await scheduleCheckins(owner, await buildSession(owner, clientId), await buildCheckinPlan(owner));
    linkPath = new URL(checkin?.linkUrl ?? "").pathname;
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  const common = (headers: Headers) => {
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("x-frame-options")).toBe("DENY");
    expect(headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(headers.get("content-security-policy")).not.toContain("unsafe-inline");
  };

  it.each([
    ["the web app", "GET", "/"],
    ["an app route (SPA fallback)", "GET", "/clients/abc"],
    ["a static asset", "GET", "/assets/app-1.js"],
    ["the API", "GET", "/api/health"],
    ["an API error (401)", "GET", "/api/me"],
    ["an unknown API route (404)", "GET", "/api/no-such-route"],
    ["an oversized body (413)", "POST", "/api/setup"],
    ["better-auth", "GET", "/api/auth/get-session"],
  ])("%s: CSP with our scripts only, no framing, nosniff, same-origin referrer", async (_name, method, url) => {
    const body = url === "/api/setup" ? "x".repeat(300 * 1024) : undefined;
    const response = await app.browser().request(method, url, body);
    common(response.headers);
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
  });

  it.each([
    ["a check-in page", "GET", () => linkPath],
    ["an unusable link (404)", "GET", () => "/c/not-a-token"],
    ["a check-in answer with errors (422)", "POST", () => linkPath],
    ["the unsubscribe page (404)", "GET", () => "/c/unsubscribe/not-a-token"],
    ["the check-in stylesheet", "GET", () => "/c/assets/checkin.css"],
    ["an invitation link (404)", "GET", () => "/join/not-a-token"],
  ])("%s: a CSP with no script source at all, no framing, nosniff, no referrer", async (_name, method, url) => {
    const headers = method === "POST" ? { "content-type": "application/x-www-form-urlencoded" } : undefined;
    const response = await app.browser().request(method, url(), method === "POST" ? "nprs=99" : undefined, headers);
    common(response.headers);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("script-src");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });
});
