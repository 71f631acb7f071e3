import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD, buildPractice, buildPractitioner, signedIn, type TestPractice } from "../../test/support/factories.js";
import { startTestSmtpServer, type TestSmtpServer } from "../../test/support/smtp.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { THROTTLE } from "./sign-in-throttle.js";

/** Behind one trusted proxy, so each attempt can come from its own client address. */
let app: TestApp;
let smtp: TestSmtpServer;
let practice: TestPractice;
let address = 0;
const nextAddress = () => {
  address += 1;
  return { "x-forwarded-for": `198.51.${Math.floor(address / 250)}.${(address % 250) + 1}` };
};
const attempt = (email: string, password: string) =>
  app.browser().request("POST", "/api/auth/sign-in/email", { email, password }, nextAddress());

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ trustProxy: "1", smtpUrl: smtp.url, now: new Date("2026-11-28T10:00:00Z") });
  practice = await buildPractice(app);
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});
afterEach(() => app.clock.advance(24 * 3_600_000));

describe("per-account sign-in throttling", () => {
  it("stops distributed guessing: 50 addresses in parallel get 5 wrong passwords checked, then the account waits", async () => {
    const member = await buildPractitioner(app, practice, "therapist");
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => attempt(member.email, `wrong-guess-${i}`).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(THROTTLE.FREE_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50 - THROTTLE.FREE_FAILURES);
    // The right password during the back-off is not even checked.
    const early = await attempt(member.email, TEST_PASSWORD);
    expect(early.status).toBe(429);
    expect(Number(early.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(early.json.message).toMatch(/Too many failed sign-ins for this account/);
    // After the back-off the real user signs in, and the count starts afresh.
    app.clock.advance(THROTTLE.BASE_DELAY_MS + 1000);
    expect((await attempt(member.email, TEST_PASSWORD)).status).toBe(200);
    expect((await attempt(member.email, "wrong-again")).status).toBe(401);
  });

  it("doubles the wait with each further failure", async () => {
    const member = await buildPractitioner(app, practice, "therapist");
    for (let i = 0; i < THROTTLE.FREE_FAILURES; i += 1) await attempt(member.email, `wrong-${i}`);
    const waits: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const refused = await attempt(member.email, "wrong");
      waits.push(Number(refused.headers.get("retry-after")));
      app.clock.advance(waits[i]! * 1000);
      expect((await attempt(member.email, "wrong")).status).toBe(401);
    }
    expect(waits).toEqual([15, 30, 60]);
  });

  it("answers an unknown e-mail exactly like a known one", async () => {
    const known = await buildPractitioner(app, practice, "therapist");
    const run = async (email: string) => {
      const answers: string[] = [];
      for (let i = 0; i < THROTTLE.FREE_FAILURES + 2; i += 1) {
        const response = await attempt(email, `wrong-${i}`);
        answers.push(`${response.status} ${JSON.stringify(response.json)} ${response.headers.get("retry-after")}`);
      }
      return answers;
    };
    expect(await run("nobody-here@example.test")).toEqual(await run(known.email));
  });

  it("e-mails the account holder once when sign-in is paused, and nobody for an unknown address", async () => {
    const member = await buildPractitioner(app, practice, "therapist");
    // Counted by recipient: an earlier test's notice may still be on its way.
    const to = (address: string) =>
      smtp.messages.filter((message) => [message.to ?? []].flat().some((recipient) => recipient.text === address));
    for (let i = 0; i < THROTTLE.FREE_FAILURES + 3; i += 1) await attempt(member.email, `wrong-${i}`);
    for (let i = 0; i < THROTTLE.FREE_FAILURES + 1; i += 1) await attempt("stranger@example.test", `wrong-${i}`);
    await expect.poll(() => to(member.email).length, { timeout: 5000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(to(member.email)).toHaveLength(1);
    expect(to("stranger@example.test")).toHaveLength(0);
    const notice = to(member.email)[0];
    expect(notice?.subject).toBe("Palpable: sign-in to your account was paused");
    expect(notice?.text).toContain("5 times in a row");
  });
});

describe("password rules", () => {
  it("refuses weak passwords and the user's own e-mail or name when the password is changed", async () => {
    const owner = await signedIn(app, practice.ownerEmail);
    for (const [newPassword, problem] of [
      ["aaaaaaaaaaaa", /too easy to guess/],
      ["            ", /too easy to guess/],
      ["123456789012", /too easy to guess/],
      [practice.ownerEmail, /e-mail address/],
      ["Olive-Owner-2026!", /your name/],
    ] as const) {
      const response = await owner.post("/api/auth/change-password", { currentPassword: TEST_PASSWORD, newPassword });
      expect(response.status, newPassword).toBe(400);
      expect(response.json.error.fields.newPassword).toMatch(problem);
    }
    const strong = await owner.post("/api/auth/change-password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "gravel-lane-tempo-otter-9",
    });
    expect(strong.status).toBe(200);
  });

  it("refuses a weak password at first-run setup, naming the field", async () => {
    const fresh = await startTestApp();
    try {
      const response = await fresh.browser().post("/api/setup", {
        practiceName: "Hill & Trail",
        name: "Sam Setup",
        email: "sam@example.test",
        password: "123456789012",
      });
      expect(response.status).toBe(400);
      expect(response.json.error.fields.password).toMatch(/too easy to guess/);
      expect((await fresh.browser().get("/api/setup")).json.needed).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});

describe("team invitations by e-mail", () => {
  it("answers the owner identically for a new address and one with an account elsewhere; only the mailbox learns which", async () => {
    // A practice of its own: an earlier test changed the first owner's password.
    const owner = await signedIn(app, (await buildPractice(app)).ownerEmail);
    const other = await buildPractice(app);
    const before = smtp.messages.length;
    const taken = await owner.post("/api/team", { name: "Taken", email: other.ownerEmail, role: "therapist" });
    const fresh = await owner.post("/api/team", { name: "Fresh", email: "fresh-invitee@example.test", role: "therapist" });
    expect(taken.status).toBe(201);
    expect(fresh.status).toBe(201);
    expect(taken.json.delivery).toBe("email");
    expect(Object.keys(taken.json).sort()).toEqual(Object.keys(fresh.json).sort());
    expect(taken.text).not.toContain("/join/");
    await expect.poll(() => smtp.messages.length, { timeout: 5000 }).toBe(before + 2);
    const mails = smtp.messages.slice(before);
    const toTaken = mails.find((m) => m.text?.includes("already has a Palpable account"));
    const toFresh = mails.find((m) => m.text?.includes("/join/"));
    expect(toTaken?.to).toMatchObject({ text: other.ownerEmail });
    expect(toTaken?.text).not.toContain("/join/");
    expect(toFresh?.to).toMatchObject({ text: "fresh-invitee@example.test" });
  });
});
