import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCheckinPlan,
  buildClient,
  buildPractice,
  buildSession,
  giveCheckinConsent,
  scheduleCheckins,
  signedIn,
  type TestPractice,
} from "../../test/support/factories.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { startTestSmtpServer, type TestSmtpServer } from "../../test/support/smtp.js";

let app: TestApp;
let smtp: TestSmtpServer;
let practice: TestPractice;
const START = new Date("2026-11-28T10:00:00Z");
const FORM = { "content-type": "application/x-www-form-urlencoded" };

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ now: START, smtpUrl: smtp.url });
  practice = await buildPractice(app);
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

describe("audit of the client's link pages", () => {
  it("records an unsubscribe by e-mail link as the client's own act, and ignores tokens that open nothing", async () => {
    const owner = await signedIn(app, practice.ownerEmail);
    const email = `runner.${Math.random().toString(36).slice(2, 10)}@example.test`;
    const clientId = await buildClient(owner, { email });
    await giveCheckinConsent(owner, clientId);
    const sessionId = await buildSession(owner, clientId, { startedAt: "2026-11-28T09:00:00.000Z" });
    const planId = await buildCheckinPlan(owner, { offsetsDays: [1], expiresAfterDays: 7 });
    const [checkin] = await scheduleCheckins(owner, sessionId, planId);
    if (!checkin) throw new Error("no check-in scheduled");
    app.clock.set(new Date(checkin.dueAt));
    await app.server.scheduler?.runOnce();
    const mail = smtp.messages.find((m) => (m.text ?? "").includes("/c/unsubscribe/"));
    const path = /http:\/\/\S+(\/c\/unsubscribe\/[A-Za-z0-9_-]{43})/.exec(mail?.text ?? "")?.[1];
    if (!path) throw new Error("no unsubscribe link in the message");

    const confirmed = await app.browser().request("POST", path, "", { ...FORM, "user-agent": "PhoneMail/1.0" });
    expect(confirmed.status).toBe(200);
    expect((await app.browser().request("POST", `/c/unsubscribe/${"A".repeat(43)}`, "", FORM)).status).toBe(404);

    app.clock.set(START);
    const browser = await signedIn(app, practice.ownerEmail);
    const events = (await browser.get(`/api/audit?client=${clientId}&action=unsubscribe`)).json.events as unknown[];
    expect(events).toEqual([
      expect.objectContaining({
        actor: { kind: "client", id: null, name: null },
        action: "unsubscribe",
        resource: { type: "consent", id: null },
        client: expect.objectContaining({ id: clientId }) as unknown,
        ip: "127.0.0.1",
        userAgent: "PhoneMail/1.0",
        outcome: "success",
        detail: { kind: "checkin_messages" },
      }),
    ]);
    const all = await app.db.database.db.selectFrom("audit_events").select(["action", "practice_id"]).execute();
    expect(all.filter((e) => e.action === "unsubscribe")).toHaveLength(1);
  });
});
