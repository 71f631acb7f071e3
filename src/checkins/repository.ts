import type { Selectable, Updateable } from "kysely";
import type { Database, Executor } from "../db/database.js";
import { isSqlite, lockRow } from "../db/concurrency.js";
import { AUDIT_EVENT_COLUMNS, auditEventParameters, recordAuditEvent, type AuditEventInput } from "../audit/repository.js";
import { preparedStatement } from "../db/prepared.js";
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

/**
 * Finds a check-in by its token's hash, in any practice. Only the public link pages use this: the
 * token is the credential, and the practice is learnt from the row it unlocks.
 */
export async function findCheckinByTokenHashAcrossPractices(db: Executor, tokenSha256: string): Promise<CheckinRow | undefined> {
  return db.selectFrom("checkin").selectAll().where("token_sha256", "=", tokenSha256).executeTakeFirst();
}

/** The check-in a link token opens, with its practice's name (the page shows it): one indexed read. */
const findByTokenHash = preparedStatement<CheckinRow & { practice_name: string }>(
  `select checkin.*, practice.name as practice_name from checkin inner join practice on practice.id = checkin.practice_id
   where checkin.token_sha256 = ?`,
);

export async function findLinkCheckinAcrossPractices(
  db: Executor,
  tokenSha256: string,
): Promise<(CheckinRow & { practice_name: string }) | undefined> {
  return (await findByTokenHash(db, [tokenSha256]))[0];
}

/**
 * A link's check-in and its practice's name, recording the first opening when the check-in is
 * still open at `now` (not cancelled, not expired); later openings change nothing. Losing an opening
 * in a crash costs little (the next opening records it), so it is never waited for. On PostgreSQL
 * one statement, one round trip, whose commit does not wait for the disk (`synchronous_commit` off
 * for its own transaction, set in the statement itself). On SQLite the read, and the opening written just
 * after the page is sent, with the other openings of that moment in one commit (db/deferred-writes.ts).
 * The row returned is as it was before the opening.
 */
export async function openLinkCheckinAcrossPractices(
  database: Database,
  tokenSha256: string,
  now: string,
): Promise<(CheckinRow & { practice_name: string }) | undefined> {
  if (database.dialect !== "postgres") {
    const found = await findLinkCheckinAcrossPractices(database.db, tokenSha256);
    if (found && found.opened_at === null && found.cancelled_at === null && now < found.expires_at) {
      const scope = { practiceId: found.practice_id };
      if (database.deferred) database.deferred.add(`checkin-opened:${found.id}`, (tx) => markOpenedIfOpen(tx, scope, found.id, now));
      else await markOpenedIfOpen(database.db, scope, found.id, now);
    }
    return found;
  }
  return (await openByTokenHash(database.db, [tokenSha256, now, now]))[0];
}

/** PostgreSQL: the check-in by its token, and its first opening, in one statement. */
const openByTokenHash = preparedStatement<CheckinRow & { practice_name: string }>(`
  with found as (
    select checkin.*, practice.name as practice_name
    from checkin inner join practice on practice.id = checkin.practice_id
    where checkin.token_sha256 = ?
  ), opened as (
    update checkin set opened_at = ?
    from (select set_config('synchronous_commit', 'off', true)) as this_commit, found
    where checkin.practice_id = found.practice_id and checkin.id = found.id and checkin.opened_at is null
      and checkin.cancelled_at is null and checkin.expires_at > ?
    returning checkin.id
  )
  select found.* from found left join opened on opened.id = found.id`);

/** SQLite: records the first opening unless the check-in was opened, cancelled or expired meanwhile. */
async function markOpenedIfOpen(db: Executor, scope: PracticeScope, id: string, now: string): Promise<void> {
  await markOpened(db, [now, scope.practiceId, id, now]);
}

/** Written once (a deferred write per link opened): see db/prepared.ts. */
const markOpened = preparedStatement(
  "update checkin set opened_at = ? where practice_id = ? and id = ? and opened_at is null and cancelled_at is null and expires_at > ?",
);

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

/**
 * Locks the check-in's row for the rest of the transaction (`lockRow`) and writes `event` with it,
 * unless the check-in is gone; says whether it was there. On PostgreSQL one statement, one round trip.
 */
export async function lockCheckinRecording(
  tx: Executor,
  scope: PracticeScope,
  id: string,
  event: AuditEventInput | undefined,
): Promise<boolean> {
  if (!event || isSqlite(tx)) {
    if (!(await lockRow(tx, "checkin", scope, id))) return false;
    if (event) await recordAuditEvent(tx, event);
    return true;
  }
  return (await lockAndRecord(tx, [scope.practiceId, id, ...auditEventParameters(event)])).length > 0;
}

/** PostgreSQL: a data-modifying WITH runs whether or not the rest reads it; it inserts only once the row is locked. */
const lockAndRecord = preparedStatement<{ id: string }>(`
  with locked as (select id from checkin where practice_id = ? and id = ? for no key update),
  recorded as (
    insert into audit_events (${AUDIT_EVENT_COLUMNS})
    select ${AUDIT_EVENT_COLUMNS.split(", ")
      .map(() => "?")
      .join(", ")} from locked
  )
  select id from locked`);

const latestAnswer = preparedStatement<{ version: number; answers_json: string }>(
  "select version, answers_json from checkin_answer where practice_id = ? and checkin_id = ? order by version desc limit 1",
);
const insertAnswerRow = preparedStatement(
  "insert into checkin_answer (id, practice_id, checkin_id, version, answers_json, submitted_at) values (?, ?, ?, ?, ?, ?)",
);
const markAnswered = preparedStatement("update checkin set answered_at = ? where practice_id = ? and id = ?");

/**
 * Stores `answersJson` as the check-in's next answer version and marks it answered, unless the
 * latest version already holds exactly these answers. Call with the check-in's row locked, in a
 * statement after the lock (so it sees the version the transaction before stored). Returns
 * whether a version was stored. On PostgreSQL one statement, on SQLite three.
 */
export async function storeAnswerIfChanged(
  tx: Executor,
  scope: PracticeScope,
  answer: { id: string; checkinId: string; answersJson: string; at: string },
): Promise<boolean> {
  if (isSqlite(tx)) {
    const [latest] = await latestAnswer(tx, [scope.practiceId, answer.checkinId]);
    if (latest?.answers_json === answer.answersJson) return false;
    const version = (latest?.version ?? 0) + 1;
    await insertAnswerRow(tx, [answer.id, scope.practiceId, answer.checkinId, version, answer.answersJson, answer.at]);
    await markAnswered(tx, [answer.at, scope.practiceId, answer.checkinId]);
    return true;
  }
  const [result] = await storeIfChanged(tx, [
    scope.practiceId,
    answer.checkinId,
    answer.id,
    scope.practiceId,
    answer.checkinId,
    answer.answersJson,
    answer.at,
    answer.answersJson,
    answer.at,
    scope.practiceId,
  ]);
  return (result?.stored ?? 0) > 0;
}

/** PostgreSQL: the latest version read, the next one stored and the check-in marked answered, in one statement. */
const storeIfChanged = preparedStatement<{ stored: number }>(`
  with latest as (
    select version, answers_json from checkin_answer
    where practice_id = ? and checkin_id = ?
    order by version desc limit 1
  ), stored as (
    insert into checkin_answer (id, practice_id, checkin_id, version, answers_json, submitted_at)
    select ?, ?, ?, coalesce((select version from latest), 0) + 1, ?, ?
    where not exists (select 1 from latest where answers_json = ?)
    returning checkin_id
  ), answered as (
    update checkin set answered_at = ?
    where practice_id = ? and id in (select checkin_id from stored)
    returning id
  )
  select count(*)::int as stored from answered`);

export async function insertAnswer(db: Executor, scope: PracticeScope, row: Omit<CheckinAnswerRow, "practice_id">): Promise<void> {
  await db
    .insertInto("checkin_answer")
    .values({ ...row, practice_id: scope.practiceId })
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

/** Whether any check-in (in any state, cancelled ones included) was ever scheduled after a session. */
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

/** The latest answers of a client's check-ins that asked one measure, newest first (for PSFS activities). */
export async function listClientAnswersNewestFirst(db: Executor, scope: PracticeScope, clientId: string): Promise<CheckinAnswerRow[]> {
  return db
    .selectFrom("checkin_answer")
    .innerJoin("checkin", "checkin.id", "checkin_answer.checkin_id")
    .selectAll("checkin_answer")
    .where("checkin_answer.practice_id", "=", scope.practiceId)
    .where("checkin.practice_id", "=", scope.practiceId)
    .where("checkin.client_id", "=", clientId)
    .orderBy("checkin_answer.submitted_at", "desc")
    .orderBy("checkin_answer.version", "desc")
    .execute();
}
