import { findClient, listConsentEvents } from "../clients/repository.js";
import type { Database, Executor } from "../db/database.js";
import { findPractice } from "../practices/repository.js";
import type { Clock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import { loggableError } from "../shared/loggable-error.js";
import type { Logger } from "../shared/logger.js";
import type { PracticeScope } from "../shared/scope.js";
import * as deliveries from "./delivery-repository.js";
import type { DeliveryKind, DeliveryRow } from "./delivery-repository.js";
import { checkinMail } from "./mail.js";
import { newRunsLinkForMail, runsLinkUrl } from "../runs-link/service.js";
import { soleServerLease, type SchedulerLease } from "./scheduler-lease.js";
import type { Mailer, OutgoingMail } from "../platform/mailer.js";
import * as repo from "./repository.js";
import type { CheckinRow } from "./repository.js";
import { hashLinkToken, newLinkToken } from "../platform/link-token.js";
import { DEFAULT_LOCALE } from "../shared/dates.js";

export const DEFAULT_SCHEDULER_INTERVAL_MS = 60_000;
/** A check-in e-mailed this long ago and still unanswered gets its one reminder. */
export const REMINDER_AFTER_MS = 48 * 3_600_000;

/**
 * Points where a test can stop the scheduler as a crash would: a hook that throws leaves the
 * database exactly as a process dying at that point would.
 */
export interface SchedulerFaultHooks {
  afterClaim?(delivery: DeliveryRow): void | Promise<void>;
  /** Inside the send transaction, after the check-in was read and before its link token is taken. */
  afterRead?(delivery: DeliveryRow): void | Promise<void>;
  afterSend?(delivery: DeliveryRow): void | Promise<void>;
}

export interface SchedulerDeps {
  database: Database;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  baseUrl: string;
  intervalMs?: number;
  hooks?: SchedulerFaultHooks;
  /** Which server sends when several share a database; default: this one (SQLite). */
  lease?: SchedulerLease;
}

export interface CheckinScheduler {
  /** Takes the lease if free (resolving sends its previous holder left), then runs a pass now and one every interval; only the holder sends. */
  start(): Promise<void>;
  /** One pass: sends what is due. Passes never overlap. */
  runOnce(): Promise<{ sent: number }>;
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

/**
 * Sends due check-ins and one reminder each, by e-mail. Every message is claimed in the database
 * before it is sent, so none goes twice; see docs/DECISIONS.md for what a crash mid-send means.
 */
export function createCheckinScheduler(deps: SchedulerDeps): CheckinScheduler {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<{ sent: number }> | undefined;
  let stopped = false;

  const lease = deps.lease ?? soleServerLease;
  let leader = false;

  /** Holds the lease; on taking it, rows left "sending" by the previous holder become "unknown". */
  const lead = async (): Promise<boolean> => {
    const holds = await lease.acquire();
    if (holds && !leader) {
      const interrupted = await deliveries.markInterruptedSendsUnknownAcrossPractices(deps.database.db);
      if (interrupted > 0) deps.logger.warn({ interrupted }, "check-in e-mails interrupted mid-send are marked unknown and not resent");
    }
    leader = holds;
    return holds;
  };

  const runOnce = async (): Promise<{ sent: number }> => {
    while (running) await running.catch(() => undefined);
    const pass = lead().then((holds) => (holds ? runPass(deps) : { sent: 0 }));
    running = pass;
    try {
      return await pass;
    } finally {
      running = undefined;
    }
  };

  return {
    async start() {
      await lead();
      stopped = false;
      const tick = () => {
        runOnce().catch((error: unknown) => deps.logger.error({ err: loggableError(error) }, "check-in scheduler pass failed"));
      };
      timer = setInterval(tick, deps.intervalMs ?? DEFAULT_SCHEDULER_INTERVAL_MS);
      timer.unref();
      tick();
    },
    runOnce: () => (stopped ? Promise.resolve({ sent: 0 }) : runOnce()),
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
      leader = false;
      await lease.release();
    },
  };
}

async function runPass(deps: SchedulerDeps): Promise<{ sent: number }> {
  const now = deps.clock.now();
  const db = deps.database.db;
  const first = await deliveries.listDueForDeliveryAcrossPractices(db, now.toISOString());
  const reminders = await deliveries.listDueForReminderAcrossPractices(
    db,
    now.toISOString(),
    new Date(now.getTime() - REMINDER_AFTER_MS).toISOString(),
  );
  let sent = 0;
  for (const [kind, rows] of [
    ["checkin", first],
    ["reminder", reminders],
  ] as const) {
    for (const row of rows) {
      try {
        if (await deliver(deps, row, kind)) sent += 1;
      } catch (error) {
        // One message failing must not hold up the others; its claim stays for the next pass. Only
        // the error's codes are logged: an SMTP reply can quote the recipient's address.
        deps.logger.error({ err: loggableError(error), checkinId: row.id, kind }, "check-in e-mail not sent");
      }
    }
  }
  return { sent };
}

/**
 * claimed (committed) → sending with a fresh link token (committed) → SMTP → sent. A crash before
 * "sending" leaves a claim that the next pass sends; a crash after it leaves "sending", which
 * start-up turns into "unknown" and never resends.
 */
async function deliver(deps: SchedulerDeps, checkin: CheckinRow, kind: DeliveryKind): Promise<boolean> {
  const db = deps.database.db;
  const scope: PracticeScope = { practiceId: checkin.practice_id };
  const now = deps.clock.now().toISOString();
  const claim = await db.transaction().execute(async (tx) => {
    if (!(await recipient(tx, scope, checkin))) return undefined;
    return deliveries.claimDelivery(tx, scope, {
      id: newId(),
      checkin_id: checkin.id,
      kind,
      message_id: `<checkin-${newId()}@palpable>`,
      claimed_at: now,
    });
  });
  if (claim?.state !== "claimed") return false;
  await deps.hooks?.afterClaim?.(claim);

  const mail = await db.transaction().execute(async (tx): Promise<OutgoingMail | undefined> => {
    const current = await repo.findCheckin(tx, scope, checkin.id);
    const to =
      current && current.answered_at === null && current.cancelled_at === null && current.expires_at > now
        ? await recipient(tx, scope, current)
        : undefined;
    if (!current || !to) {
      await deliveries.deleteClaim(tx, scope, claim.id);
      return undefined;
    }
    await deps.hooks?.afterRead?.(claim);
    const unsubscribe = newLinkToken();
    if (
      !(await deliveries.moveDelivery(tx, scope, claim.id, "claimed", { state: "sending", unsubscribe_sha256: hashLinkToken(unsubscribe) }))
    ) {
      return undefined;
    }
    // The raw token is never stored, so each e-mail carries a new one; the earlier link stops working.
    // The check-in may have been cancelled (or answered) since it was read: on PostgreSQL the read
    // above does not lock it, so the token is taken only while it is still open, and nothing is sent otherwise.
    const token = newLinkToken();
    if (!(await repo.takeTokenIfOpen(tx, scope, current.id, hashLinkToken(token), now))) {
      await deliveries.moveDelivery(tx, scope, claim.id, "sending", { state: "claimed" });
      await deliveries.deleteClaim(tx, scope, claim.id);
      return undefined;
    }
    const practice = await findPractice(tx, scope);
    const runsToken = kind === "checkin" ? await newRunsLinkForMail(tx, scope, current.client_id, deps.clock.now()) : undefined;
    const content = checkinMail({
      practiceName: practice?.name ?? "",
      firstName: to.firstName,
      link: `${deps.baseUrl}/c/${token}`,
      unsubscribeLink: `${deps.baseUrl}/c/unsubscribe/${unsubscribe}`,
      expiresAt: current.expires_at,
      timeZone: to.timeZone,
      locale: to.locale ?? practice?.locale ?? DEFAULT_LOCALE,
      kind,
      ...(runsToken ? { runsLink: runsLinkUrl(deps.baseUrl, runsToken) } : {}),
    });
    return { to: to.email, messageId: claim.message_id, ...content };
  });
  if (!mail) return false;

  let response: string;
  try {
    ({ response } = await deps.mailer.send(mail));
  } catch (error) {
    // The server did not take the message: hand the claim back so the next pass tries again.
    await deliveries.moveDelivery(db, scope, claim.id, "sending", { state: "claimed" });
    throw error;
  }
  await deps.hooks?.afterSend?.(claim);
  const sentAt = deps.clock.now().toISOString();
  await db.transaction().execute(async (tx) => {
    await deliveries.moveDelivery(tx, scope, claim.id, "sending", {
      state: "sent",
      sent_at: sentAt,
      smtp_response: response.slice(0, 500),
    });
    if (kind === "checkin") await repo.updateCheckin(tx, scope, checkin.id, { sent_at: sentAt });
  });
  return true;
}

/** The client's address and first name when they still consent to check-in messages; else undefined. */
async function recipient(
  db: Executor,
  scope: PracticeScope,
  checkin: CheckinRow,
): Promise<{ email: string; firstName: string; timeZone: string; locale: string | null } | undefined> {
  const client = await findClient(db, scope, checkin.client_id);
  if (!client?.email) return undefined;
  const latest = (await listConsentEvents(db, scope, client.id)).filter((e) => e.kind === "checkin_messages").at(-1);
  if (latest?.granted !== 1) return undefined;
  return { email: client.email, firstName: client.first_name, timeZone: client.time_zone, locale: client.locale };
}
