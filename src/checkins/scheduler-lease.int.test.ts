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
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { startTestSmtpServer, type TestSmtpServer } from "../../test/support/smtp.js";
import { silentLogger } from "../shared/logger.js";
import { smtpMailer } from "../platform/mailer.js";
import { createCheckinScheduler, type CheckinScheduler } from "./scheduler.js";
import { postgresLease } from "./scheduler-lease.js";

const START = new Date("2026-11-28T10:00:00Z");
const HOUR_MS = 3_600_000;

/** Several servers on one PostgreSQL database: one of them sends, and takes over when it goes. */
describe.skipIf(testDialect !== "postgres")("check-in scheduler on a shared PostgreSQL database", () => {
  let app: TestApp;
  let smtp: TestSmtpServer;
  const schedulers: CheckinScheduler[] = [];

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    // No SMTP for the app itself: the two schedulers below play two servers.
    app = await startTestApp({ now: START });
  });
  afterAll(async () => {
    for (const scheduler of schedulers) await scheduler.stop();
    await app.close();
    await smtp.close();
  });

  function server(): CheckinScheduler {
    if (app.db.config.kind !== "postgres") throw new Error("PostgreSQL only");
    const scheduler = createCheckinScheduler({
      database: app.db.database,
      clock: app.clock,
      logger: silentLogger(),
      mailer: smtpMailer(smtp.url, "Palpable <checkins@palpable.test>"),
      baseUrl: "http://localhost",
      intervalMs: 3_600_000,
      lease: postgresLease(app.db.config.url, app.db.database.schema),
    });
    schedulers.push(scheduler);
    return scheduler;
  }

  async function dueCheckin(): Promise<{ checkinId: string; dueAt: string }> {
    app.clock.set(START);
    const browser = await signedIn(app, (await buildPractice(app)).ownerEmail);
    const clientId = await buildClient(browser, { email: `runner.${Math.random().toString(36).slice(2, 10)}@example.test` });
    await giveCheckinConsent(browser, clientId);
    const sessionId = await buildSession(browser, clientId, { startedAt: new Date(START.getTime() - HOUR_MS).toISOString() });
    const [checkin] = await scheduleCheckins(browser, sessionId, await buildCheckinPlan(browser, { offsetsDays: [1] }));
    if (!checkin) throw new Error("no check-in scheduled");
    return { checkinId: checkin.id, dueAt: checkin.dueAt };
  }

  it("lets one server send, and the other take over (and settle interrupted sends) when it stops", async () => {
    const first = server();
    const second = server();
    await first.start();
    await second.start();

    const { dueAt } = await dueCheckin();
    app.clock.set(new Date(dueAt));
    expect(await second.runOnce()).toEqual({ sent: 0 });
    expect(await first.runOnce()).toEqual({ sent: 1 });
    expect(smtp.messages).toHaveLength(1);

    // The first server dies in the middle of a send: its row stays "sending".
    const interrupted = await dueCheckin();
    app.clock.set(new Date(interrupted.dueAt));
    await app.db.database.db
      .insertInto("checkin_delivery")
      .values({
        id: crypto.randomUUID(),
        practice_id: (
          await app.db.database.db
            .selectFrom("checkin")
            .select("practice_id")
            .where("id", "=", interrupted.checkinId)
            .executeTakeFirstOrThrow()
        ).practice_id,
        checkin_id: interrupted.checkinId,
        kind: "checkin",
        state: "sending",
        message_id: `<${crypto.randomUUID()}@palpable.test>`,
        claimed_at: app.clock.now().toISOString(),
        sent_at: null,
        smtp_response: null,
        unsubscribe_sha256: null,
      })
      .execute();
    await first.stop();

    // The second server takes the lease on its next pass, marks the row "unknown" and sends nothing twice.
    expect(await second.runOnce()).toEqual({ sent: 0 });
    const row = await app.db.database.db
      .selectFrom("checkin_delivery")
      .select("state")
      .where("checkin_id", "=", interrupted.checkinId)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe("unknown");
    expect(smtp.messages).toHaveLength(1);

    // And from now on it is the one that sends.
    const later = await dueCheckin();
    app.clock.set(new Date(later.dueAt));
    expect(await second.runOnce()).toEqual({ sent: 1 });
    expect(smtp.messages).toHaveLength(2);
  });
});
