import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPractice, buildPractitioner, signedIn, TEST_PASSWORD, type TestPractice } from "../../test/support/factories.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { totpFromUri } from "../../test/support/totp.js";
import { SESSION_ABSOLUTE_SECONDS } from "./auth.js";

let app: TestApp;
let practice: TestPractice;

beforeAll(async () => {
  app = await startTestApp();
  practice = await buildPractice(app);
});
afterAll(async () => app.close());

const SESSION_COOKIE = "__Secure-palpable.session_token";

describe("signing in and out", () => {
  it("sets an HttpOnly, Secure, SameSite session cookie and keeps the token out of the response body", async () => {
    const browser = app.browser();
    const response = await browser.signIn(practice.ownerEmail, TEST_PASSWORD);
    expect(response.status).toBe(200);
    const cookie = response.setCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(response.json.token).toBeUndefined();
    expect((await browser.get("/api/me")).json.practice.id).toBe(practice.practiceId);
    expect((await browser.get("/api/session")).json).toEqual({ signedIn: true, setupNeeded: false });
  });

  it("issues a new session token at every sign-in", async () => {
    const first = await signedIn(app, practice.ownerEmail);
    const second = await signedIn(app, practice.ownerEmail);
    const tokenOf = async (b: typeof first) => (await b.get("/api/auth/get-session")).json.session.id as string;
    expect(await tokenOf(first)).not.toBe(await tokenOf(second));
  });

  it("answers a wrong password and an unknown email identically", async () => {
    const wrongPassword = await app.browser().signIn(practice.ownerEmail, "not-the-password-123");
    const unknownEmail = await app.browser().signIn("nobody-here@example.test", "not-the-password-123");
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(wrongPassword.status);
    expect(unknownEmail.json).toEqual(wrongPassword.json);
  });

  it("ends the session on the server at sign-out, so the old cookie no longer works", async () => {
    const browser = await signedIn(app, practice.ownerEmail);
    const stolen = app.browser();
    const session = await browser.get("/api/auth/get-session");
    expect(session.status).toBe(200);
    const cookieHeader = `${SESSION_COOKIE}=${browser.cookie(SESSION_COOKIE) ?? ""}`;
    expect((await stolen.get("/api/me", { cookie: cookieHeader })).status).toBe(200);
    expect((await browser.signOut()).status).toBe(200);
    expect((await browser.get("/api/me")).status).toBe(401);
    expect((await stolen.get("/api/me", { cookie: cookieHeader })).status).toBe(401);
  });

  it("ends a session past its absolute lifetime even while it is in use", async () => {
    const browser = await signedIn(app, practice.ownerEmail);
    expect((await browser.get("/api/me")).status).toBe(200);
    app.clock.advance((SESSION_ABSOLUTE_SECONDS + 60) * 1000);
    try {
      const response = await browser.get("/api/me");
      expect(response.status).toBe(401);
      expect(response.json.error.code).toBe("unauthenticated");
      app.clock.advance(-(SESSION_ABSOLUTE_SECONDS + 60) * 1000);
      expect((await browser.get("/api/me")).status).toBe(401);
    } finally {
      app.clock.set(new Date());
    }
  });

  it("says whether anyone is signed in with a 200 either way, and /api/me still refuses a visitor", async () => {
    const visitor = app.browser();
    const signedOut = await visitor.get("/api/session");
    expect(signedOut.status).toBe(200);
    expect(signedOut.json).toEqual({ signedIn: false, setupNeeded: false });
    expect((await visitor.get("/api/me")).status).toBe(401);
  });

  it("refuses API calls without a session", async () => {
    const response = await app.browser().get("/api/clients");
    expect(response.status).toBe(401);
    expect(response.json.error.code).toBe("unauthenticated");
  });

  it("offers no public sign-up", async () => {
    const response = await app
      .browser()
      .post("/api/auth/sign-up/email", { email: "x@example.test", password: "long-enough-password", name: "X" });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect((await app.browser().signIn("x@example.test", "long-enough-password")).status).toBe(401);
  });
});

describe("two-factor sign-in", () => {
  it("asks for a TOTP code once two-factor is on, and signs in with it", async () => {
    const member = await buildPractitioner(app, practice, "therapist");
    const browser = await signedIn(app, member.email);
    const enable = await browser.post("/api/auth/two-factor/enable", { password: TEST_PASSWORD });
    expect(enable.status).toBe(200);
    const uri = enable.json.totpURI as string;
    expect(uri).toMatch(/^otpauth:\/\/totp\/Palpable/);
    expect((await browser.post("/api/auth/two-factor/verify-totp", { code: totpFromUri(uri) })).status).toBe(200);
    expect((await browser.get("/api/me")).json.user.twoFactorEnabled).toBe(true);

    const next = app.browser();
    const first = await next.signIn(member.email, TEST_PASSWORD);
    expect(first.status).toBe(200);
    expect(first.json.twoFactorRedirect).toBe(true);
    expect((await next.get("/api/me")).status).toBe(401);
    expect((await next.post("/api/auth/two-factor/verify-totp", { code: "000000" })).status).toBe(401);
    const verified = await next.post("/api/auth/two-factor/verify-totp", { code: totpFromUri(uri) });
    expect(verified.status).toBe(200);
    expect(verified.json.token).toBeUndefined();
    expect((await next.get("/api/me")).status).toBe(200);
  });
});

describe("sign-in rate limit", () => {
  it("slows down repeated sign-in attempts from one address", async () => {
    const limited = await startTestApp();
    try {
      const target = await buildPractice(limited);
      const statuses: number[] = [];
      // A different account each time, so only the per-address limit (not the per-account one) applies.
      for (let i = 0; i < 12; i++)
        statuses.push((await limited.browser().signIn(`guess-${i}@example.test`, "wrong-password-guess")).status);
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
      expect((await limited.browser().signIn(target.ownerEmail, TEST_PASSWORD)).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
