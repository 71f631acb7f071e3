import type { Selectable, Updateable } from "kysely";
import type { Executor } from "../../db/database.js";
import type { SessionFindingTable, SessionRevisionTable, SessionStepTable, TreatmentSessionTable } from "../../db/schema.js";
import type { PracticeScope } from "../../shared/scope.js";

export type SessionRow = Selectable<TreatmentSessionTable> & { practitioner_name: string; updated_by_name?: string | null };
export type FindingRow = Selectable<SessionFindingTable>;
export type StepRow = Selectable<SessionStepTable>;
export type RevisionRow = Selectable<SessionRevisionTable> & { by_name: string };

export async function insertSession(
  db: Executor,
  scope: PracticeScope,
  row: Omit<Selectable<TreatmentSessionTable>, "practice_id" | "version">,
): Promise<void> {
  await db
    .insertInto("treatment_session")
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function updateSession(
  db: Executor,
  scope: PracticeScope,
  id: string,
  fields: Omit<Updateable<TreatmentSessionTable>, "id" | "practice_id" | "client_id">,
): Promise<void> {
  await db.updateTable("treatment_session").set(fields).where("practice_id", "=", scope.practiceId).where("id", "=", id).execute();
}

/**
 * Signs a draft, only if it is still a draft (and still at `basedOn` when given): the conditional
 * update that lets exactly one of several concurrent signatures through. False when it was not.
 */
export async function signDraft(
  db: Executor,
  scope: PracticeScope,
  id: string,
  change: { at: string; by: string; basedOn: number | undefined },
): Promise<boolean> {
  let query = db
    .updateTable("treatment_session")
    .set((eb) => ({ status: "signed", signed_at: change.at, updated_at: change.at, updated_by: change.by, version: eb("version", "+", 1) }))
    .where("practice_id", "=", scope.practiceId)
    .where("id", "=", id)
    .where("status", "=", "draft");
  if (change.basedOn !== undefined) query = query.where("version", "=", change.basedOn);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function sessionQuery(db: Executor, scope: PracticeScope) {
  return db
    .selectFrom("treatment_session")
    .innerJoin("practitioner", "practitioner.id", "treatment_session.practitioner_id")
    .innerJoin("auth_user", "auth_user.id", "practitioner.user_id")
    .leftJoin("practitioner as editor", "editor.id", "treatment_session.updated_by")
    .leftJoin("auth_user as editor_user", "editor_user.id", "editor.user_id")
    .selectAll("treatment_session")
    .select(["auth_user.name as practitioner_name", "editor_user.name as updated_by_name"])
    .where("treatment_session.practice_id", "=", scope.practiceId);
}

export async function findSession(db: Executor, scope: PracticeScope, id: string): Promise<SessionRow | undefined> {
  return sessionQuery(db, scope).where("treatment_session.id", "=", id).executeTakeFirst();
}

/**
 * Locks a session row for the rest of the transaction (a no-op write: a row lock on PostgreSQL,
 * the write lock on SQLite), so work that checks and then adds to a session runs one at a time.
 * False when the session does not exist in the practice.
 */
export async function lockSession(db: Executor, scope: PracticeScope, id: string): Promise<boolean> {
  const result = await db
    .updateTable("treatment_session")
    .set({ id })
    .where("practice_id", "=", scope.practiceId)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A client's sessions, newest first; only those for one complaint when it is given. */
export async function listSessions(db: Executor, scope: PracticeScope, clientId: string, complaintId?: string): Promise<SessionRow[]> {
  let query = sessionQuery(db, scope).where("treatment_session.client_id", "=", clientId);
  if (complaintId !== undefined) {
    query = query.where("treatment_session.id", "in", (eb) =>
      eb
        .selectFrom("session_complaint")
        .select("session_complaint.session_id")
        .where("session_complaint.practice_id", "=", scope.practiceId)
        .where("session_complaint.complaint_id", "=", complaintId),
    );
  }
  return query.orderBy("treatment_session.started_at", "desc").orderBy("treatment_session.id", "desc").execute();
}

/**
 * One page of a client's sessions, newest first (started_at, then id, descending), after a
 * position: sessions that started before `after.at`, or at it with a smaller id when `after.id`
 * is given. Reads `limit` rows from the client's index range, whatever the client's total.
 */
export async function listSessionsPage(
  db: Executor,
  scope: PracticeScope,
  clientId: string,
  options: { complaintId?: string | undefined; after?: { at: string; id: string | null } | undefined; limit: number },
): Promise<SessionRow[]> {
  let query = sessionQuery(db, scope).where("treatment_session.client_id", "=", clientId);
  const { complaintId, after } = options;
  if (complaintId !== undefined) {
    query = query.where("treatment_session.id", "in", (eb) =>
      eb
        .selectFrom("session_complaint")
        .select("session_complaint.session_id")
        .where("session_complaint.practice_id", "=", scope.practiceId)
        .where("session_complaint.complaint_id", "=", complaintId),
    );
  }
  if (after) {
    const { at, id } = after;
    query = query.where((eb) =>
      id === null
        ? eb("treatment_session.started_at", "<", at)
        : eb.or([
            eb("treatment_session.started_at", "<", at),
            eb.and([eb("treatment_session.started_at", "=", at), eb("treatment_session.id", "<", id)]),
          ]),
    );
  }
  return query.orderBy("treatment_session.started_at", "desc").orderBy("treatment_session.id", "desc").limit(options.limit).execute();
}

export async function replaceComplaintLinks(db: Executor, scope: PracticeScope, sessionId: string, complaintIds: string[]): Promise<void> {
  await db.deleteFrom("session_complaint").where("practice_id", "=", scope.practiceId).where("session_id", "=", sessionId).execute();
  if (complaintIds.length === 0) return;
  await db
    .insertInto("session_complaint")
    .values(
      complaintIds.map((complaint_id, position) => ({ practice_id: scope.practiceId, session_id: sessionId, complaint_id, position })),
    )
    .execute();
}

export async function replaceFindings(
  db: Executor,
  scope: PracticeScope,
  sessionId: string,
  rows: Omit<FindingRow, "practice_id" | "session_id">[],
): Promise<void> {
  await db.deleteFrom("session_finding").where("practice_id", "=", scope.practiceId).where("session_id", "=", sessionId).execute();
  if (rows.length === 0) return;
  await db
    .insertInto("session_finding")
    .values(rows.map((r) => ({ ...r, practice_id: scope.practiceId, session_id: sessionId })))
    .execute();
}

export async function replaceSteps(
  db: Executor,
  scope: PracticeScope,
  sessionId: string,
  rows: Omit<StepRow, "practice_id" | "session_id">[],
): Promise<void> {
  await db.deleteFrom("session_step").where("practice_id", "=", scope.practiceId).where("session_id", "=", sessionId).execute();
  if (rows.length === 0) return;
  await db
    .insertInto("session_step")
    .values(rows.map((r) => ({ ...r, practice_id: scope.practiceId, session_id: sessionId })))
    .execute();
}

export async function listComplaintLinks(
  db: Executor,
  scope: PracticeScope,
  sessionIds: string[],
): Promise<{ session_id: string; complaint_id: string }[]> {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom("session_complaint")
    .select(["session_id", "complaint_id"])
    .where("practice_id", "=", scope.practiceId)
    .where("session_id", "in", sessionIds)
    .orderBy("position")
    .execute();
}

export async function listFindings(db: Executor, scope: PracticeScope, sessionIds: string[]): Promise<FindingRow[]> {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom("session_finding")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("session_id", "in", sessionIds)
    .orderBy("position")
    .execute();
}

export async function listSteps(db: Executor, scope: PracticeScope, sessionIds: string[]): Promise<StepRow[]> {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom("session_step")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("session_id", "in", sessionIds)
    .orderBy("position")
    .execute();
}

/** Appends the next revision (1, 2, …) of a session. */
export async function appendRevision(
  db: Executor,
  scope: PracticeScope,
  row: Omit<Selectable<SessionRevisionTable>, "practice_id" | "revision">,
): Promise<void> {
  const last = await db
    .selectFrom("session_revision")
    .select((eb) => eb.fn.max("revision").as("revision"))
    .where("practice_id", "=", scope.practiceId)
    .where("session_id", "=", row.session_id)
    .executeTakeFirst();
  await db
    .insertInto("session_revision")
    .values({ ...row, practice_id: scope.practiceId, revision: Number(last?.revision ?? 0) + 1 })
    .execute();
}

export async function listRevisions(db: Executor, scope: PracticeScope, sessionId: string): Promise<RevisionRow[]> {
  return db
    .selectFrom("session_revision")
    .innerJoin("practitioner", "practitioner.id", "session_revision.by_practitioner_id")
    .innerJoin("auth_user", "auth_user.id", "practitioner.user_id")
    .selectAll("session_revision")
    .select("auth_user.name as by_name")
    .where("session_revision.practice_id", "=", scope.practiceId)
    .where("session_revision.session_id", "=", sessionId)
    .orderBy("session_revision.revision")
    .execute();
}

/** Who signed each of these sessions (the "signed" revision), with the reason given when it was not the author. */
export async function listSigners(
  db: Executor,
  scope: PracticeScope,
  sessionIds: readonly string[],
): Promise<{ session_id: string; by_practitioner_id: string; by_name: string; reason: string | null }[]> {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom("session_revision")
    .innerJoin("practitioner", "practitioner.id", "session_revision.by_practitioner_id")
    .innerJoin("auth_user", "auth_user.id", "practitioner.user_id")
    .select(["session_revision.session_id", "session_revision.by_practitioner_id", "auth_user.name as by_name", "session_revision.reason"])
    .where("session_revision.practice_id", "=", scope.practiceId)
    .where("session_revision.session_id", "in", sessionIds)
    .where("session_revision.kind", "=", "signed")
    .execute();
}

/** The practitioners who wrote a session for the client: its treating therapists, for the export rule. */
export async function listTreatingPractitionerIds(db: Executor, scope: PracticeScope, clientId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("treatment_session")
    .select("practitioner_id")
    .distinct()
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "=", clientId)
    .execute();
  return rows.map((r) => r.practitioner_id);
}

/**
 * The ids of the practice's most recently signed sessions (newest change first), not entered in
 * error: read from the practice/status/updated index, however many sessions the practice has.
 */
export async function listRecentlySignedSessionIds(db: Executor, scope: PracticeScope, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("treatment_session")
    .select("id")
    .where("practice_id", "=", scope.practiceId)
    .where("status", "=", "signed")
    .where("entered_in_error_at", "is", null)
    .orderBy("updated_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}
