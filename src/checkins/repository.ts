import type { Selectable, Updateable } from "kysely";
import type { Executor } from "../db/database.js";
import type { CheckinAnswerTable, CheckinAutoScheduleTable, CheckinPlanTable, CheckinTable, OutboxMessageTable } from "../db/schema.js";
import type { PracticeScope } from "../shared/scope.js";

export type CheckinPlanRow = Selectable<CheckinPlanTable>;
export type CheckinRow = Selectable<CheckinTable>;
export type CheckinAnswerRow = Selectable<CheckinAnswerTable>;
export type OutboxRow = Selectable<OutboxMessageTable>;
export type AutoScheduleRow = Selectable<CheckinAutoScheduleTable>;

export async function insertPlan(db: Executor, scope: PracticeScope, row: Omit<CheckinPlanRow, "practice_id" | "version">): Promise<void> {
  await db
    .insertInto("checkin_plan")
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function updatePlan(
  db: Executor,
  scope: PracticeScope,
  id: string,
  fields: Omit<Updateable<CheckinPlanTable>, "id" | "practice_id">,
): Promise<void> {
  await db.updateTable("checkin_plan").set(fields).where("practice_id", "=", scope.practiceId).where("id", "=", id).execute();
}

export async function findPlan(db: Executor, scope: PracticeScope, id: string): Promise<CheckinPlanRow | undefined> {
  return db.selectFrom("checkin_plan").selectAll().where("practice_id", "=", scope.practiceId).where("id", "=", id).executeTakeFirst();
}

export async function listPlans(db: Executor, scope: PracticeScope): Promise<CheckinPlanRow[]> {
  return db.selectFrom("checkin_plan").selectAll().where("practice_id", "=", scope.practiceId).orderBy("name").orderBy("id").execute();
}

export async function insertCheckins(db: Executor, scope: PracticeScope, rows: Omit<CheckinRow, "practice_id">[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("checkin")
    .values(rows.map((row) => ({ ...row, practice_id: scope.practiceId })))
    .execute();
}

export async function findCheckin(db: Executor, scope: PracticeScope, id: string): Promise<CheckinRow | undefined> {
  return db.selectFrom("checkin").selectAll().where("practice_id", "=", scope.practiceId).where("id", "=", id).executeTakeFirst();
}

export async function updateCheckin(
  db: Executor,
  scope: PracticeScope,
  id: string,
  fields: Pick<Updateable<CheckinTable>, "token_sha256" | "sent_at" | "answered_at" | "cancelled_at" | "rescheduled_to_id">,
): Promise<void> {
  await db.updateTable("checkin").set(fields).where("practice_id", "=", scope.practiceId).where("id", "=", id).execute();
}

/**
 * Gives an open check-in (not answered, not cancelled, not expired at `now`) a new link-token hash
 * in one conditional update; false when it was no longer open, so the caller must not send it.
 */
export async function takeTokenIfOpen(db: Executor, scope: PracticeScope, id: string, tokenSha256: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("checkin")
    .set({ token_sha256: tokenSha256 })
    .where("practice_id", "=", scope.practiceId)
    .where("id", "=", id)
    .where("cancelled_at", "is", null)
    .where("answered_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listClientCheckins(db: Executor, scope: PracticeScope, clientId: string): Promise<CheckinRow[]> {
  return db
    .selectFrom("checkin")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "=", clientId)
    .orderBy("due_at")
    .orderBy("id")
    .execute();
}

/**
 * One page of the check-ins waiting for an answer: due (due_at ≤ now), not answered, not
 * cancelled and still open (expires_at > now), oldest first, after the cursor, with the client's
 * name. A check-in is open at most `maxOpenDays` after it is due, so the index range starts there.
 */
export async function listOpenDueCheckins(
  db: Executor,
  scope: PracticeScope,
  options: { now: string; earliestDue: string; after: { dueAt: string; id: string } | undefined; limit: number },
): Promise<(CheckinRow & { client_first_name: string; client_last_name: string })[]> {
  let query = db
    .selectFrom("checkin")
    .innerJoin("client", (join) =>
      join.onRef("client.id", "=", "checkin.client_id").onRef("client.practice_id", "=", "checkin.practice_id"),
    )
    .selectAll("checkin")
    .select(["client.first_name as client_first_name", "client.last_name as client_last_name"])
    .where("checkin.practice_id", "=", scope.practiceId)
    .where("checkin.due_at", "<=", options.now)
    .where("checkin.due_at", ">=", options.earliestDue)
    .where("checkin.answered_at", "is", null)
    .where("checkin.cancelled_at", "is", null)
    .where("checkin.expires_at", ">", options.now);
  const after = options.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([eb("checkin.due_at", ">", after.dueAt), eb.and([eb("checkin.due_at", "=", after.dueAt), eb("checkin.id", ">", after.id)])]),
    );
  }
  return query.orderBy("checkin.due_at").orderBy("checkin.id").limit(options.limit).execute();
}

/** How many check-ins came due between `since` and `now` (cancelled ones aside) and how many of those were answered. */
export async function countDueCheckins(
  db: Executor,
  scope: PracticeScope,
  window: { since: string; now: string },
): Promise<{ due: number; answered: number }> {
  const row = await db
    .selectFrom("checkin")
    .select((eb) => [eb.fn.countAll<number | string>().as("due"), eb.fn.count<number | string>("answered_at").as("answered")])
    .where("practice_id", "=", scope.practiceId)
    .where("due_at", ">", window.since)
    .where("due_at", "<=", window.now)
    .where("cancelled_at", "is", null)
    .executeTakeFirst();
  return { due: Number(row?.due ?? 0), answered: Number(row?.answered ?? 0) };
}

export async function listAnswers(db: Executor, scope: PracticeScope, checkinIds: string[]): Promise<CheckinAnswerRow[]> {
  if (checkinIds.length === 0) return [];
  return db
    .selectFrom("checkin_answer")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("checkin_id", "in", checkinIds)
    .orderBy("checkin_id")
    .orderBy("version", "desc")
    .execute();
}

export async function insertOutboxMessage(db: Executor, scope: PracticeScope, row: Omit<OutboxRow, "practice_id">): Promise<void> {
  await db
    .insertInto("outbox_message")
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function listOutbox(db: Executor, scope: PracticeScope): Promise<OutboxRow[]> {
  return db
    .selectFrom("outbox_message")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(200)
    .execute();
}

/** The check-ins one plan scheduled after one session (cancelled ones included). */
export async function listSessionPlanCheckins(
  db: Executor,
  scope: PracticeScope,
  sessionId: string,
  planId: string,
): Promise<CheckinRow[]> {
  return db
    .selectFrom("checkin")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("session_id", "=", sessionId)
    .where("plan_id", "=", planId)
    .orderBy("due_at")
    .execute();
}

/** Whether any check-in (in any state, cancelled ones included) was ever scheduled after a session. */
export async function sessionHasCheckins(db: Executor, scope: PracticeScope, sessionId: string): Promise<boolean> {
  const row = await db
    .selectFrom("checkin")
    .select("id")
    .where("practice_id", "=", scope.practiceId)
    .where("session_id", "=", sessionId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records (or replaces) what automatic scheduling did for a session. */
export async function saveAutoSchedule(db: Executor, scope: PracticeScope, row: Omit<AutoScheduleRow, "practice_id">): Promise<void> {
  await db
    .insertInto("checkin_auto_schedule")
    .values({ ...row, practice_id: scope.practiceId })
    .onConflict((oc) =>
      oc.column("session_id").doUpdateSet({
        plan_id: row.plan_id,
        outcome: row.outcome,
        checkin_count: row.checkin_count,
        decided_at: row.decided_at,
      }),
    )
    .execute();
}

export async function listAutoSchedules(
  db: Executor,
  scope: PracticeScope,
  sessionIds: string[],
): Promise<(AutoScheduleRow & { plan_name: string })[]> {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom("checkin_auto_schedule")
    .innerJoin("checkin_plan", "checkin_plan.id", "checkin_auto_schedule.plan_id")
    .selectAll("checkin_auto_schedule")
    .select("checkin_plan.name as plan_name")
    .where("checkin_auto_schedule.practice_id", "=", scope.practiceId)
    .where("checkin_auto_schedule.session_id", "in", sessionIds)
    .execute();
}
