import type { Selectable, Updateable } from "kysely";
import type { Executor } from "../db/database.js";
import type { CheckinDeliveryTable } from "../db/schema.js";
import type { PracticeScope } from "../shared/scope.js";
import type { CheckinRow } from "./repository.js";

export type DeliveryRow = Selectable<CheckinDeliveryTable>;
export type DeliveryKind = DeliveryRow["kind"];

/**
 * Check-ins whose first e-mail is due, in every practice (the scheduler serves them all): due,
 * never sent, unanswered, not cancelled, still open, and not already sending, sent or in doubt.
 */
export async function listDueForDeliveryAcrossPractices(db: Executor, now: string): Promise<CheckinRow[]> {
  return db
    .selectFrom("checkin")
    .selectAll()
    .where("due_at", "<=", now)
    .where("expires_at", ">", now)
    .where("sent_at", "is", null)
    .where("answered_at", "is", null)
    .where("cancelled_at", "is", null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("checkin_delivery")
            .select("checkin_delivery.id")
            .whereRef("checkin_delivery.checkin_id", "=", "checkin.id")
            .where("checkin_delivery.kind", "=", "checkin")
            .where("checkin_delivery.state", "!=", "claimed"),
        ),
      ),
    )
    .orderBy("due_at")
    .orderBy("id")
    .execute();
}

/**
 * Check-ins that need their one reminder, in every practice: e-mailed by the scheduler at or
 * before `sentBefore`, unanswered, still open, and no reminder sending, sent or in doubt.
 */
export async function listDueForReminderAcrossPractices(db: Executor, now: string, sentBefore: string): Promise<CheckinRow[]> {
  return db
    .selectFrom("checkin")
    .innerJoin("checkin_delivery as first", (join) =>
      join.onRef("first.checkin_id", "=", "checkin.id").on("first.kind", "=", "checkin").on("first.state", "=", "sent"),
    )
    .selectAll("checkin")
    .where("first.sent_at", "<=", sentBefore)
    .where("checkin.expires_at", ">", now)
    .where("checkin.answered_at", "is", null)
    .where("checkin.cancelled_at", "is", null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("checkin_delivery as reminder")
            .select("reminder.id")
            .whereRef("reminder.checkin_id", "=", "checkin.id")
            .where("reminder.kind", "=", "reminder")
            .where("reminder.state", "!=", "claimed"),
        ),
      ),
    )
    .orderBy("checkin.due_at")
    .orderBy("checkin.id")
    .execute();
}

/** Inserts the claim unless one exists for (check-in, kind); either way returns the row that holds it. */
export async function claimDelivery(
  db: Executor,
  scope: PracticeScope,
  row: Pick<DeliveryRow, "id" | "checkin_id" | "kind" | "message_id" | "claimed_at">,
): Promise<DeliveryRow | undefined> {
  await db
    .insertInto("checkin_delivery")
    .values({ ...row, practice_id: scope.practiceId, state: "claimed", sent_at: null, smtp_response: null })
    .onConflict((oc) => oc.columns(["checkin_id", "kind"]).doNothing())
    .execute();
  return findDelivery(db, scope, row.checkin_id, row.kind);
}

export async function findDelivery(
  db: Executor,
  scope: PracticeScope,
  checkinId: string,
  kind: DeliveryKind,
): Promise<DeliveryRow | undefined> {
  return db
    .selectFrom("checkin_delivery")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("checkin_id", "=", checkinId)
    .where("kind", "=", kind)
    .executeTakeFirst();
}

/** Moves a delivery from one state to the next; returns false when it was not in `from` any more. */
export async function moveDelivery(
  db: Executor,
  scope: PracticeScope,
  id: string,
  from: DeliveryRow["state"],
  fields: Pick<Updateable<CheckinDeliveryTable>, "state" | "sent_at" | "smtp_response" | "unsubscribe_sha256">,
): Promise<boolean> {
  const result = await db
    .updateTable("checkin_delivery")
    .set(fields)
    .where("practice_id", "=", scope.practiceId)
    .where("id", "=", id)
    .where("state", "=", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteClaim(db: Executor, scope: PracticeScope, id: string): Promise<void> {
  await db
    .deleteFrom("checkin_delivery")
    .where("practice_id", "=", scope.practiceId)
    .where("id", "=", id)
    .where("state", "=", "claimed")
    .execute();
}

/**
 * At start-up, before any send: a row still "sending" belongs to a process that stopped during
 * the SMTP conversation, so whether the message went is unknown. Returns how many there were.
 */
export async function markInterruptedSendsUnknownAcrossPractices(db: Executor): Promise<number> {
  const result = await db.updateTable("checkin_delivery").set({ state: "unknown" }).where("state", "=", "sending").executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * The delivery an unsubscribe token belongs to, across practices: the token alone authenticates
 * the unsubscribe page, as the check-in link does, so there is no scope to start from.
 */
export async function findDeliveryByUnsubscribeHashAcrossPractices(
  db: Executor,
  hash: string,
): Promise<{ practice_id: string; checkin_id: string } | undefined> {
  return db.selectFrom("checkin_delivery").select(["practice_id", "checkin_id"]).where("unsubscribe_sha256", "=", hash).executeTakeFirst();
}
