import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCheckinPlan,
  buildClient,
  buildPractice,
  buildSession,
  giveCheckinConsent,
  scheduleCheckins,
  signedIn,
} from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { startTestSmtpServer, type TestSmtpServer } from "../../test/support/smtp.js";
import { REMINDER_AFTER_MS } from "./scheduler.js";

let app: TestApp;
let smtp: TestSmtpServer;
let ownerEmail: string;
let browser: TestBrowser;
const START = new Date("2026-11-28T10:00:00Z");
const HOUR_MS = 3_600_000;
const FORM = { "content-type": "application/x-www-form-urlencoded" };

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ now: START, smtpUrl: smtp.url });
  ownerEmail = (await buildPractice(app)).ownerEmail;
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

/** Back to the start, signed in again (sign-in sessions end 12 h after sign-in by the app's clock). */
async function atStart(): Promise<void> {
  app.clock.set(START);
  browser = await signedIn(app, ownerEmail);
}

/**
 * A consenting client with check-ins due at 18:00 London on the given days after a session (an
 * hour before the start, unless `sessionAgoMs` says otherwise); each is open for `expiresAfterDays`.
 */
async function scheduled(offsetsDays = [1, 3], sessionAgoMs = HOUR_MS, expiresAfterDays = 2) {
  await atStart();
  const email = `runner.${Math.random().toString(36).slice(2, 10)}@example.test`;
  const clientId = await buildClient(browser, { email, timeZone: "Europe/London" });
  await giveCheckinConsent(browser, clientId);
  const sessionId = await buildSession(browser, clientId, { startedAt: new Date(START.getTime() - sessionAgoMs).toISOString() });
  const checkins = await scheduleCheckins(browser, sessionId, await buildCheckinPlan(browser, { offsetsDays, expiresAfterDays }));
  return { clientId, email, checkins };
}

function mailTo(address: string): ParsedMail[] {
  return smtp.messages.filter((m) =>
    (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).some((to) => to.value.some((v) => v.address === address)),
  );
}

function linkPath(mail: ParsedMail): string {
  const match = /http:\/\/\S+(\/c\/[A-Za-z0-9_-]{43})\b/.exec(mail.text ?? "");
  if (!match?.[1]) throw new Error("no check-in link in the message");
  return match[1];
}

async function runScheduler(): Promise<void> {
  if (!app.server.scheduler) throw new Error("the scheduler is not running");
  await app.server.scheduler.runOnce();
}

async function listed(clientId: string) {
  return (await browser.get(`/api/clients/${clientId}/checkins`)).json.checkins as {
    id: string;
    state: string;
    dueAt: string;
    expiresAt: string;
    rescheduledToId: string | null;
    cancelledAt: string | null;
  }[];
}

describe("cancelling a check-in", () => {
  it("kills its link (the same neutral page as an unknown link) and the scheduler never sends it", async () => {
    const { clientId, email, checkins } = await scheduled([1]);
    const { id, linkUrl, dueAt } = checkins[0]!;
    const path = new URL(linkUrl).pathname;
    expect((await app.browser().get(path)).status).toBe(200);

    const cancelled = await browser.post(`/api/checkins/${id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.checkin).toMatchObject({ id, state: "cancelled", cancelledAt: START.toISOString() });

    const unknown = await app.browser().get("/c/not-a-token");
    const opened = await app.browser().get(path);
    expect([opened.status, opened.text]).toEqual([unknown.status, unknown.text]);
    const answered = await app
      .browser()
      .request("POST", path, new URLSearchParams({ "nprs.1": "2", "tightness-nrs.1": "2" }).toString(), FORM);
    expect([answered.status, answered.text]).toEqual([unknown.status, unknown.text]);

    app.clock.set(new Date(Date.parse(dueAt) + HOUR_MS));
    await runScheduler();
    app.clock.advance(REMINDER_AFTER_MS);
    await runScheduler();
    expect(mailTo(email)).toHaveLength(0);

    await atStart();
    expect((await listed(clientId))[0]).toMatchObject({ id, state: "cancelled" });
    const due = (await browser.get("/api/checkins/due")).json.checkins as { id: string }[];
    expect(due.map((c) => c.id)).not.toContain(id);
    expect((await browser.post(`/api/checkins/${id}/send`)).json.error.code).toBe("checkin_cancelled");
    expect((await browser.post(`/api/checkins/${id}/link`)).status).toBe(409);
  });

  it("refuses an answered, an expired or an already cancelled check-in with 409", async () => {
    const { checkins } = await scheduled([1, 3]);
    const [first, second] = checkins;
    const submitted = await app
      .browser()
      .request("POST", new URL(first!.linkUrl).pathname, new URLSearchParams({ "nprs.1": "2", "tightness-nrs.1": "2" }).toString(), FORM);
    expect(submitted.status).toBe(200);
    const answered = await browser.post(`/api/checkins/${first!.id}/cancel`);
    expect(answered.status).toBe(409);
    expect(answered.json.error).toMatchObject({ code: "checkin_answered", message: expect.stringMatching(/has been answered/) });
    expect((await browser.post(`/api/checkins/${first!.id}/reschedule`, { dueAt: "2026-12-10T18:00:00Z" })).json.error.code).toBe(
      "checkin_answered",
    );

    expect((await browser.post(`/api/checkins/${second!.id}/cancel`)).status).toBe(200);
    const again = await browser.post(`/api/checkins/${second!.id}/cancel`);
    expect([again.status, again.json.error.code]).toEqual([409, "checkin_cancelled"]);

    // A session five days ago: its day-1 check-in was open for two days and has expired.
    const { checkins: old } = await scheduled([1], 5 * 86_400_000);
    const expired = await browser.post(`/api/checkins/${old[0]!.id}/cancel`);
    expect(expired.status).toBe(409);
    expect(expired.json.error).toMatchObject({ code: "checkin_closed", message: expect.stringMatching(/has expired/) });
    const movedLate = await browser.post(`/api/checkins/${old[0]!.id}/reschedule`, { dueAt: "2026-12-20T18:00:00Z" });
    expect(movedLate.json.error.code).toBe("checkin_closed");
  });
});

describe("rescheduling a check-in", () => {
  it("moves it to a new due time, kills the old link, and the scheduler e-mails a new working link then", async () => {
    const { clientId, email, checkins } = await scheduled([1]);
    const { id, linkUrl, dueAt, expiresAt } = checkins[0]!;
    const response = await browser.post(`/api/checkins/${id}/reschedule`, { dueAt: "2026-12-02T08:30:00Z" });
    expect(response.status).toBe(200);
    const moved = response.json.checkin as { id: string; dueAt: string; expiresAt: string; state: string; linkUrl?: string };
    expect(moved).toMatchObject({ dueAt: "2026-12-02T08:30:00.000Z", state: "scheduled" });
    expect(moved).not.toHaveProperty("linkUrl");
    // Open for as long as before.
    expect(Date.parse(moved.expiresAt) - Date.parse(moved.dueAt)).toBe(Date.parse(expiresAt) - Date.parse(dueAt));
    expect((await app.browser().get(new URL(linkUrl).pathname)).status).toBe(404);
    const list = await listed(clientId);
    expect(list.find((c) => c.id === id)).toMatchObject({ state: "cancelled", rescheduledToId: moved.id });

    // Nothing at the old time…
    app.clock.set(new Date(Date.parse(dueAt) + HOUR_MS));
    await runScheduler();
    expect(mailTo(email)).toHaveLength(0);
    // …one e-mail at the new one, whose link opens the form.
    app.clock.set(new Date("2026-12-02T08:31:00Z"));
    await runScheduler();
    const mails = mailTo(email);
    expect(mails).toHaveLength(1);
    expect((await app.browser().get(linkPath(mails[0]!))).status).toBe(200);
  });

  it("sends again after a check-in that was already e-mailed is moved, and the first e-mail's link stops working", async () => {
    // A session two days ago: the day-1 check-in is due and still open for a week.
    const { email, checkins } = await scheduled([1], 2 * 86_400_000, 7);
    const { id } = checkins[0]!;
    await runScheduler();
    const [first] = mailTo(email);
    expect(first).toBeDefined();
    const firstPath = linkPath(first!);
    expect((await app.browser().get(firstPath)).status).toBe(200);

    const newDue = new Date(START.getTime() + 2 * 86_400_000);
    const moved = await browser.post(`/api/checkins/${id}/reschedule`, { dueAt: newDue.toISOString() });
    expect(moved.status).toBe(200);
    expect((await app.browser().get(firstPath)).status).toBe(404);
    await runScheduler();
    expect(mailTo(email)).toHaveLength(1);

    app.clock.set(new Date(newDue.getTime() + 60_000));
    await runScheduler();
    await runScheduler();
    const mails = mailTo(email);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.subject).not.toContain("reminder");
    expect((await app.browser().get(linkPath(mails[1]!))).status).toBe(200);
  });

  it("refuses a due time in the past or a malformed one, naming the field", async () => {
    const { checkins } = await scheduled([1]);
    const past = await browser.post(`/api/checkins/${checkins[0]!.id}/reschedule`, { dueAt: "2026-11-27T18:00:00Z" });
    expect(past.status).toBe(400);
    expect(past.json.error.fields).toEqual({ dueAt: "must be in the future" });
    const malformed = await browser.post(`/api/checkins/${checkins[0]!.id}/reschedule`, { dueAt: "next tuesday" });
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.json.error.fields)).toEqual(["dueAt"]);
  });
});
