import type { Database, Executor } from "../db/database.js";
import { isSqlite, lockRow } from "../db/concurrency.js";
import { AUDIT_EVENT_COLUMNS, auditEventParameters, recordAuditEvent, type AuditEventInput } from "../audit/repository.js";
import { preparedStatement } from "../db/prepared.js";
import type { PracticeScope } from "../shared/scope.js";
import type { CheckinAnswerRow, CheckinRow } from "./repository.js";

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
