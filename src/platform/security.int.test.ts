import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPractice, signedIn } from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";

let app: TestApp;
let owner: TestBrowser;
let webDir: string;

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), "palpable-web-"));
  fs.mkdirSync(path.join(webDir, "assets"));
  fs.writeFileSync(path.join(webDir, "index.html"), "<!doctype html><title>Palpable</title><div id=root></div>");
  fs.writeFileSync(path.join(webDir, "assets", "app-1234.js"), "console.log('app')");
  app = await startTestApp({ webDir });
  owner = await signedIn(app, (await buildPractice(app)).ownerEmail);
});
afterAll(async () => {
  await app.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

describe("security headers", () => {
  it("sends CSP, frame-ancestors, nosniff and a referrer policy on pages and API responses", async () => {
    for (const url of ["/", "/api/health", "/clients/123"]) {
      const response = await app.browser().get(url);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
      expect(response.headers.get("strict-transport-security")).toBeNull();
    }
  });

  it("marks API answers as not cacheable", async () => {
    expect((await owner.get("/api/me")).headers.get("cache-control")).toBe("no-store");
  });

  it("serves the web app with a fallback to index.html for app routes, but not for unknown API routes", async () => {
    const page = await app.browser().get("/clients/some-id/edit");
    expect(page.status).toBe(200);
    expect(page.text).toContain("<div id=root>");
    const asset = await app.browser().get("/assets/app-1234.js");
    expect(asset.headers.get("content-type")).toContain("text/javascript");
    expect(asset.headers.get("cache-control")).toContain("immutable");
    const api = await owner.get("/api/no-such-thing");
    expect(api.status).toBe(404);
    expect(api.json.error.code).toBe("not_found");
  });

  it("does not serve files outside the web directory", async () => {
    const response = await app.browser().get("/..%2f..%2fetc%2fpasswd");
    expect(response.text).not.toContain("root:");
  });

  it("answers health checks without a session", async () => {
    const response = await app.browser().get("/api/health");
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ status: "ok", database: expect.stringMatching(/^(sqlite|postgres)$/) });
  });
});

describe("cross-site request forgery", () => {
  it("refuses a cookie-authenticated write from another origin", async () => {
    const response = await owner.post("/api/clients", { firstName: "A", lastName: "B" }, { origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe("cross_site_request");
    expect((await owner.get("/api/clients?q=B")).json.total).toBe(0);
  });

  it("refuses a write that the browser marks as cross-site", async () => {
    const response = await owner.post("/api/clients", { firstName: "A", lastName: "B" }, { "sec-fetch-site": "cross-site" });
    expect(response.status).toBe(403);
  });

  it("refuses a cross-site sign-out", async () => {
    const response = await owner.post("/api/auth/sign-out", {}, { origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect((await owner.get("/api/me")).status).toBe(200);
  });

  it("accepts a same-origin form post whose Origin the referrer policy hid as null, but not a bare null origin", async () => {
    const hidden = await owner.post(
      "/api/clients",
      { firstName: "Null", lastName: "Origin" },
      { origin: "null", "sec-fetch-site": "same-origin" },
    );
    expect(hidden.status).toBe(201);
    const bare = await owner.post("/api/clients", { firstName: "Null", lastName: "Origin" }, { origin: "null" });
    expect(bare.status).toBe(403);
    const crossSite = await owner.post(
      "/api/clients",
      { firstName: "Null", lastName: "Origin" },
      { origin: "null", "sec-fetch-site": "cross-site" },
    );
    expect(crossSite.status).toBe(403);
  });

  it("accepts same-origin writes", async () => {
    const response = await owner.post("/api/clients", { firstName: "Same", lastName: "Origin" }, { "sec-fetch-site": "same-origin" });
    expect(response.status).toBe(201);
  });
});
