import { Writable } from "node:stream";
import type { AddressInfo } from "node:net";
import type { ParsedMail } from "mailparser";
import { pino } from "pino";
import { SMTPServer } from "smtp-server";
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
import { testDialect } from "../../test/support/database.js";
import type { TestBrowser } from "../../test/support/http.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { openDatabase } from "../db/database.js";
import { cancelCheckin } from "./cancel-reschedule.js";
import { startTestSmtpServer, type TestSmtpServer } from "../../test/support/smtp.js";
import { silentLogger } from "../shared/logger.js";
import { smtpMailer } from "../platform/mailer.js";
import { createCheckinScheduler, REMINDER_AFTER_MS, type SchedulerFaultHooks } from "./scheduler.js";

let app: TestApp;
let smtp: TestSmtpServer;
let ownerEmail: string;
let practiceName: string;
let owner: TestBrowser | undefined;
const HOUR_MS = 3_600_000;
const START = new Date("2026-11-28T10:00:00Z");

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ now: START, smtpUrl: smtp.url });
  practiceName = `Hill & Trail Massage ${Math.random().toString(36).slice(2, 6)}`;
  ownerEmail = (await buildPractice(app, practiceName)).ownerEmail;
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

/** A consenting client with one check-in due a day after a session an hour ago. */
async function dueCheckin(): Promise<{ clientId: string; email: string; checkinId: string; dueAt: string }> {
  // Each test moves the clock on by days; sign-in sessions last hours, so each starts back here.
  app.clock.set(START);
  // One sign-in for the whole file: sign-ins are rate-limited per minute of real time.
  const browser = (owner ??= await signedIn(app, ownerEmail));
  const email = `runner.${Math.random().toString(36).slice(2, 10)}@example.test`;
  const clientId = await buildClient(browser, { firstName: "Maya", email });
  await giveCheckinConsent(browser, clientId);
  const sessionId = await buildSession(browser, clientId, { startedAt: new Date(app.clock.now().getTime() - HOUR_MS).toISOString() });
  const planId = await buildCheckinPlan(browser, { offsetsDays: [1], expiresAfterDays: 7 });
  const [checkin] = await scheduleCheckins(browser, sessionId, planId);
  if (!checkin) throw new Error("no check-in scheduled");
  return { clientId, email, checkinId: checkin.id, dueAt: checkin.dueAt };
}

function mailTo(address: string): ParsedMail[] {
  return smtp.messages.filter((m) =>
    (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).some((to) => to.value.some((v) => v.address === address)),
  );
}

function linkIn(mail: ParsedMail): string {
  const match = /http:\/\/\S+\/c\/[A-Za-z0-9_-]{43}/.exec(mail.text ?? "");
  if (!match) throw new Error("no check-in link in the message");
  return match[0];
}

async function runScheduler(): Promise<void> {
  const scheduler = app.server.scheduler;
  if (!scheduler) throw new Error("the scheduler is not running");
  await scheduler.runOnce();
}

async function deliveryStates(checkinId: string): Promise<{ kind: string; state: string }[]> {
  return app.db.database.db
    .selectFrom("checkin_delivery")
    .select(["kind", "state"])
    .where("checkin_id", "=", checkinId)
    .orderBy("kind")
    .execute();
}

describe("check-in e-mails", () => {
  it("offers a link to add runs since the last visit, which opens the runner's upload page", async () => {
    const { email, dueAt } = await dueCheckin();
    app.clock.set(new Date(dueAt));
    await runScheduler();
    const [mail] = mailTo(email);
    if (!mail) throw new Error("no mail");
    expect(mail.text).toContain("add your runs since your last visit");
    const match = /http:\/\/\S+(\/r\/[A-Za-z0-9_-]{43})/.exec(mail.text ?? "");
    const path = match?.[1] ?? "";
    expect(mail.html).toContain(path);
    const page = await fetch(new URL(path, app.url));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Send your runs");
    app.clock.set(START);
  });

  it("carries an unsubscribe link: opening it changes nothing, confirming withdraws consent, and no more mail comes", async () => {
    const { clientId, email, dueAt } = await dueCheckin();
    app.clock.set(new Date(dueAt));
    await runScheduler();
    const [mail] = mailTo(email);
    if (!mail) throw new Error("no mail");
    const match = /http:\/\/\S+(\/c\/unsubscribe\/[A-Za-z0-9_-]{43})/.exec(mail.text ?? "");
    expect(match).not.toBeNull();
    const path = match?.[1] ?? "";
    expect(mail.html).toContain(path);
    // Back to the start: sign-in sessions end 12 h after sign-in by the app's clock.
    app.clock.set(START);
    const browser = await signedIn(app, ownerEmail);
    const consent = async () => (await browser.get(`/api/clients/${clientId}`)).json.client.consents.checkinMessages;

    const page = await app.browser().get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Stop check-in messages?");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect((await consent()).granted).toBe(true);

    const confirmed = await app.browser().request("POST", path, "", { "content-type": "application/x-www-form-urlencoded" });
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain("no more check-in messages");
    const after = await consent();
    expect(after.granted).toBe(false);
    expect(after.history.at(-1)).toMatchObject({ granted: false, recordedBy: "The client, through their own link" });

    const again = await app.browser().request("POST", path, "", { "content-type": "application/x-www-form-urlencoded" });
    expect(again.status).toBe(200);
    expect((await consent()).history).toHaveLength(after.history.length);

    app.clock.set(new Date(Date.parse(dueAt) + REMINDER_AFTER_MS + HOUR_MS));
    await runScheduler();
    expect(mailTo(email)).toHaveLength(1);

    const bogus = await app.browser().get(`/c/unsubscribe/${"x".repeat(43)}`);
    const unknown = await app.browser().get("/c/definitely-not-a-token");
    expect(bogus.status).toBe(unknown.status);
    expect(bogus.text).toBe(unknown.text);
  });

  it("sends a due check-in once, with text and HTML parts and a link that opens the form", async () => {
    const { email, dueAt, checkinId } = await dueCheckin();
    await runScheduler();
    expect(mailTo(email)).toHaveLength(0);

    app.clock.set(new Date(dueAt));
    await runScheduler();
    await runScheduler();
    const mails = mailTo(email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    if (!mail) throw new Error("unreachable");
    expect(mail.subject).toContain(practiceName);
    expect(mail.text).toContain("Hello Maya");
    expect(mail.html).toContain("Hello Maya");
    expect(mail.messageId).toMatch(/^<checkin-.+@palpable>$/);
    const link = linkIn(mail);
    expect(mail.html).toContain(link);
    const page = await app.browser().get(new URL(link).pathname);
    expect(page.status).toBe(200);
    expect(page.text).toContain("<form");
    expect(await deliveryStates(checkinId)).toEqual([{ kind: "checkin", state: "sent" }]);
  });

  it("sends one reminder 48 hours after an unanswered check-in, and only one", async () => {
    const { email, dueAt } = await dueCheckin();
    app.clock.set(new Date(dueAt));
    await runScheduler();
    expect(mailTo(email)).toHaveLength(1);

    app.clock.set(new Date(new Date(dueAt).getTime() + REMINDER_AFTER_MS - 60_000));
    await runScheduler();
    expect(mailTo(email)).toHaveLength(1);

    app.clock.set(new Date(new Date(dueAt).getTime() + REMINDER_AFTER_MS));
    await runScheduler();
    app.clock.advance(HOUR_MS);
    await runScheduler();
    const mails = mailTo(email);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.subject).toContain("reminder");
    const page = await app.browser().get(new URL(linkIn(mails[1] as ParsedMail)).pathname);
    expect(page.status).toBe(200);
  });

  it("sends no reminder once the check-in is answered", async () => {
    const { email, dueAt } = await dueCheckin();
    app.clock.set(new Date(dueAt));
    await runScheduler();
    const link = linkIn(mailTo(email)[0] as ParsedMail);
    const answered = await app
      .browser()
      .request("POST", new URL(link).pathname, new URLSearchParams({ "nprs.1": "2", "tightness-nrs.1": "3" }).toString(), {
        "content-type": "application/x-www-form-urlencoded",
      });
    expect(answered.status).toBe(200);
    app.clock.set(new Date(new Date(dueAt).getTime() + REMINDER_AFTER_MS + HOUR_MS));
    await runScheduler();
    expect(mailTo(email)).toHaveLength(1);
  });

  it("tries again on the next pass when the SMTP server refuses, and sends once", async () => {
    const { email, dueAt, checkinId } = await dueCheckin();
    app.clock.set(new Date(dueAt));
    smtp.refuseNext(1);
    await runScheduler();
    expect(mailTo(email)).toHaveLength(0);
    expect(await deliveryStates(checkinId)).toEqual([{ kind: "checkin", state: "claimed" }]);
    app.clock.advance(60_000);
    await runScheduler();
    await runScheduler();
    expect(mailTo(email)).toHaveLength(1);
    expect(await deliveryStates(checkinId)).toEqual([{ kind: "checkin", state: "sent" }]);
  });

  it("sends nothing once the client has withdrawn consent to check-in messages", async () => {
    const { email, dueAt, clientId } = await dueCheckin();
    const browser = await signedIn(app, ownerEmail);
    const withdrawn = await browser.put(`/api/clients/${clientId}/consents/checkin_messages`, { granted: false });
    expect(withdrawn.status).toBe(200);
    app.clock.set(new Date(dueAt));
    await runScheduler();
    app.clock.advance(REMINDER_AFTER_MS);
    await runScheduler();
    expect(mailTo(email)).toHaveLength(0);
  });
});

describe("check-in e-mails across a crash", () => {
  class SimulatedCrash extends Error {}
  const crash = () => {
    throw new SimulatedCrash("process stopped here");
  };

  function scheduler(hooks: SchedulerFaultHooks = {}) {
    return createCheckinScheduler({
      database: app.db.database,
      clock: app.clock,
      logger: silentLogger(),
      mailer: smtpMailer(smtp.url, "Palpable <checkins@palpable.test>"),
      baseUrl: app.url,
      intervalMs: 3_600_000,
      hooks,
    });
  }

  it("sends exactly one message when the process stopped after the claim and before the send", async () => {
    const { email, dueAt, checkinId } = await dueCheckin();
    app.clock.set(new Date(dueAt));
    const crashing = scheduler({ afterClaim: crash });
    await crashing.runOnce();
    await crashing.stop();
    expect(mailTo(email)).toHaveLength(0);
    expect(await deliveryStates(checkinId)).toEqual([{ kind: "checkin", state: "claimed" }]);

    const restarted = scheduler();
    await restarted.start();
    await restarted.runOnce();
    await restarted.stop();
    expect(mailTo(email)).toHaveLength(1);
    expect(await deliveryStates(checkinId)).toEqual([{ kind: "checkin", state: "sent" }]);
  });

  it("sends no second message when the process stopped after the send and before marking it sent", async () => {
    const { email, dueAt, checkinId } = await dueCheckin();
    app.clock.set(new Date(dueAt));
    const crashing = scheduler({ afterSend: crash });
    await crashing.runOnce();
    await crashing.stop();
    expect(mailTo(email)).toHaveLength(1);
    expect(await deliveryStates(checkinId)).toEqual([{ kind: "checkin", state: "sending" }]);

    const restarted = scheduler();
    await restarted.start();
    await restarted.runOnce();
    app.clock.advance(REMINDER_AFTER_MS + HOUR_MS);
    await restarted.runOnce();
    await restarted.stop();
    expect(mailTo(email)).toHaveLength(1);
    expect(await deliveryStates(checkinId)).toEqual([{ kind: "checkin", state: "unknown" }]);
  });
});

describe("check-in e-mails and the log", () => {
  it("logs a refused recipient by the SMTP codes only, never the reply that quotes the address", async () => {
    const { email, dueAt, checkinId } = await dueCheckin();
    app.clock.set(new Date(dueAt));
    // A relay that refuses the recipient the way real ones do, quoting the address.
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onRcptTo(address, _session, callback) {
        callback(Object.assign(new Error(`<${address.address}> rejected: mailbox unavailable`), { responseCode: 550 }));
      },
    });
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    const lines: string[] = [];
    const logger = pino(
      { level: "info" },
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          lines.push(chunk.toString("utf8"));
          callback();
        },
      }),
    );
    const port = (refusing.server.address() as AddressInfo).port;
    const scheduler = createCheckinScheduler({
      database: app.db.database,
      clock: app.clock,
      logger,
      mailer: smtpMailer(`smtp://127.0.0.1:${port}`, "Palpable <checkins@palpable.test>"),
      baseUrl: app.url,
      intervalMs: 3_600_000,
    });
    try {
      expect(await scheduler.runOnce()).toEqual({ sent: 0 });
    } finally {
      await scheduler.stop();
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
    const failure = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((l) => l.checkinId === checkinId);
    expect(failure).toMatchObject({ msg: "check-in e-mail not sent", err: { code: "EENVELOPE", responseCode: 550 } });
    const logged = lines.join("\n");
    expect(logged).not.toContain(email);
    expect(logged).not.toContain("rejected");
  });
});

describe("a check-in cancelled while the scheduler is sending it", () => {
  it("is not e-mailed when the cancel lands between the scheduler's read and its taking the link token", async () => {
    const { email, dueAt, checkinId } = await dueCheckin();
    app.clock.set(new Date(dueAt));
    const practiceId = (
      await app.db.database.db.selectFrom("checkin").select("practice_id").where("id", "=", checkinId).executeTakeFirstOrThrow()
    ).practice_id;
    // The therapist's cancel comes in over another connection, as another request would.
    const other = openDatabase(app.db.config);
    const scheduler = createCheckinScheduler({
      database: app.db.database,
      clock: app.clock,
      logger: silentLogger(),
      mailer: smtpMailer(smtp.url, "Palpable <checkins@palpable.test>"),
      baseUrl: app.url,
      intervalMs: 3_600_000,
      hooks: {
        afterRead: async () => {
          await cancelCheckin({ database: other, clock: app.clock, config: { baseUrl: app.url } }, { practiceId }, checkinId);
        },
      },
    });
    try {
      await scheduler.runOnce();
    } finally {
      await scheduler.stop();
      await other.close();
    }
    await runScheduler();
    expect(mailTo(email)).toHaveLength(0);
    // PostgreSQL drops the claim; SQLite may instead refuse the scheduler's write to a stale
    // snapshot, leaving a claim that is never sent. Either way no message went or is in doubt.
    const states = await deliveryStates(checkinId);
    expect(states.filter((d) => d.state !== "claimed")).toEqual([]);
    if (testDialect === "postgres") expect(states).toEqual([]);
    const row = await app.db.database.db
      .selectFrom("checkin")
      .select(["cancelled_at", "sent_at"])
      .where("id", "=", checkinId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ cancelled_at: dueAt, sent_at: null });
  });
});
