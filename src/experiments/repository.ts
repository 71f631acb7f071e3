import type { Selectable, Updateable } from "kysely";
import type { Executor } from "../db/database.js";
import type { ExperimentAmendmentTable, ExperimentEnrolmentTable, ExperimentTable } from "../db/schema.js";
import type { PracticeScope } from "../shared/scope.js";

export type ExperimentRow = Selectable<ExperimentTable>;
export type AmendmentRow = Selectable<ExperimentAmendmentTable> & { by_name: string };
export type EnrolmentRow = Selectable<ExperimentEnrolmentTable> & { first_name: string; last_name: string };

export async function insertExperiment(
  db: Executor,
  scope: PracticeScope,
  row: Omit<ExperimentRow, "practice_id" | "version">,
): Promise<void> {
  await db
    .insertInto("experiment")
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function updateExperiment(
  db: Executor,
  scope: PracticeScope,
  id: string,
  fields: Omit<Updateable<ExperimentTable>, "id" | "practice_id" | "created_at" | "created_by">,
): Promise<void> {
  await db.updateTable("experiment").set(fields).where("practice_id", "=", scope.practiceId).where("id", "=", id).execute();
}

export async function findExperiment(db: Executor, scope: PracticeScope, id: string): Promise<ExperimentRow | undefined> {
  return db.selectFrom("experiment").selectAll().where("practice_id", "=", scope.practiceId).where("id", "=", id).executeTakeFirst();
}

export async function listExperiments(db: Executor, scope: PracticeScope): Promise<(ExperimentRow & { enrolled: number })[]> {
  const rows = await db
    .selectFrom("experiment")
    .selectAll("experiment")
    .select((eb) =>
      eb
        .selectFrom("experiment_enrolment")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("experiment_enrolment.experiment_id", "=", "experiment.id")
        .where("experiment_enrolment.withdrawn_at", "is", null)
        .as("enrolled"),
    )
    .where("experiment.practice_id", "=", scope.practiceId)
    .orderBy("experiment.updated_at", "desc")
    .orderBy("experiment.id")
    .execute();
  return rows.map((row) => ({ ...row, enrolled: Number(row.enrolled ?? 0) }));
}

export async function insertAmendment(
  db: Executor,
  scope: PracticeScope,
  row: Omit<Selectable<ExperimentAmendmentTable>, "practice_id">,
): Promise<void> {
  await db
    .insertInto("experiment_amendment")
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function listAmendments(db: Executor, scope: PracticeScope, experimentId: string): Promise<AmendmentRow[]> {
  return db
    .selectFrom("experiment_amendment")
    .innerJoin("practitioner", "practitioner.id", "experiment_amendment.by_practitioner_id")
    .innerJoin("auth_user", "auth_user.id", "practitioner.user_id")
    .selectAll("experiment_amendment")
    .select("auth_user.name as by_name")
    .where("experiment_amendment.practice_id", "=", scope.practiceId)
    .where("experiment_amendment.experiment_id", "=", experimentId)
    .orderBy("experiment_amendment.number")
    .execute();
}

export async function insertEnrolment(
  db: Executor,
  scope: PracticeScope,
  row: Omit<Selectable<ExperimentEnrolmentTable>, "practice_id">,
): Promise<void> {
  await db
    .insertInto("experiment_enrolment")
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function listEnrolments(db: Executor, scope: PracticeScope, experimentId: string): Promise<EnrolmentRow[]> {
  return db
    .selectFrom("experiment_enrolment")
    .innerJoin("client", "client.id", "experiment_enrolment.client_id")
    .selectAll("experiment_enrolment")
    .select(["client.first_name", "client.last_name"])
    .where("experiment_enrolment.practice_id", "=", scope.practiceId)
    .where("client.practice_id", "=", scope.practiceId)
    .where("experiment_enrolment.experiment_id", "=", experimentId)
    .orderBy("experiment_enrolment.position")
    .execute();
}

/** Enrolments in position order (then id), after the given one, at most `limit`. */
export async function listEnrolmentsPage(
  db: Executor,
  scope: PracticeScope,
  experimentId: string,
  page: { after?: { position: number; id: string } | undefined; limit: number },
): Promise<EnrolmentRow[]> {
  let query = db
    .selectFrom("experiment_enrolment")
    .innerJoin("client", "client.id", "experiment_enrolment.client_id")
    .selectAll("experiment_enrolment")
    .select(["client.first_name", "client.last_name"])
    .where("experiment_enrolment.practice_id", "=", scope.practiceId)
    .where("client.practice_id", "=", scope.practiceId)
    .where("experiment_enrolment.experiment_id", "=", experimentId);
  const after = page.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb("experiment_enrolment.position", ">", after.position),
        eb.and([eb("experiment_enrolment.position", "=", after.position), eb("experiment_enrolment.id", ">", after.id)]),
      ]),
    );
  }
  return query.orderBy("experiment_enrolment.position").orderBy("experiment_enrolment.id").limit(page.limit).execute();
}

/** One client's enrolment in the experiment, if they were enrolled. */
export async function findEnrolment(
  db: Executor,
  scope: PracticeScope,
  experimentId: string,
  clientId: string,
): Promise<EnrolmentRow | undefined> {
  return db
    .selectFrom("experiment_enrolment")
    .innerJoin("client", "client.id", "experiment_enrolment.client_id")
    .selectAll("experiment_enrolment")
    .select(["client.first_name", "client.last_name"])
    .where("experiment_enrolment.practice_id", "=", scope.practiceId)
    .where("client.practice_id", "=", scope.practiceId)
    .where("experiment_enrolment.experiment_id", "=", experimentId)
    .where("experiment_enrolment.client_id", "=", clientId)
    .executeTakeFirst();
}

/** How many clients the experiment has enrolled (`total`, withdrawn ones included) and how many are still in it. */
export async function countEnrolments(
  db: Executor,
  scope: PracticeScope,
  experimentId: string,
): Promise<{ total: number; active: number }> {
  const rows = await db
    .selectFrom("experiment_enrolment")
    .innerJoin("client", "client.id", "experiment_enrolment.client_id")
    .select((eb) => [eb.fn.countAll().as("n"), eb.fn.count("experiment_enrolment.withdrawn_at").as("withdrawn")])
    .where("experiment_enrolment.practice_id", "=", scope.practiceId)
    .where("client.practice_id", "=", scope.practiceId)
    .where("experiment_enrolment.experiment_id", "=", experimentId)
    .executeTakeFirst();
  const total = Number(rows?.n ?? 0);
  return { total, active: total - Number(rows?.withdrawn ?? 0) };
}

export async function withdrawEnrolment(
  db: Executor,
  scope: PracticeScope,
  experimentId: string,
  clientId: string,
  fields: { withdrawn_at: string; withdrawn_reason: string },
): Promise<void> {
  await db
    .updateTable("experiment_enrolment")
    .set(fields)
    .where("practice_id", "=", scope.practiceId)
    .where("experiment_id", "=", experimentId)
    .where("client_id", "=", clientId)
    .execute();
}

/** The practitioner's display name, for the registration record. */
export async function practitionerName(db: Executor, scope: PracticeScope, practitionerId: string): Promise<string> {
  const row = await db
    .selectFrom("practitioner")
    .innerJoin("auth_user", "auth_user.id", "practitioner.user_id")
    .select("auth_user.name")
    .where("practitioner.practice_id", "=", scope.practiceId)
    .where("practitioner.id", "=", practitionerId)
    .executeTakeFirst();
  return row?.name ?? "Unknown";
}

/**
 * Everything an experiment's results are computed from, summarised so that any change shows: its
 * enrolments and amendments, the enrolled clients (names) and their data versions, and the
 * practice's protocol versions and questionnaires. A client's data version (client_data_version,
 * kept by database triggers) moves with every change to their runs, signed sessions and answered
 * check-ins, erasure included (the client's enrolment goes with them). Each part is read from an
 * index or a small table: a few hundred rows for the enrolled clients, never their records.
 */
export async function resultInputsStamp(db: Executor, scope: PracticeScope, experimentId: string): Promise<string> {
  const practice = scope.practiceId;
  const parts = await Promise.all([
    db
      .selectFrom("experiment_enrolment")
      .select((eb) => [
        eb.fn.countAll().as("n"),
        eb.fn.count("withdrawn_at").as("w"),
        eb.fn.max("enrolled_at").as("a"),
        eb.fn.max("withdrawn_at").as("b"),
      ])
      .where("practice_id", "=", practice)
      .where("experiment_id", "=", experimentId)
      .executeTakeFirst(),
    db
      .selectFrom("experiment_amendment")
      .select((eb) => [eb.fn.countAll().as("n")])
      .where("practice_id", "=", practice)
      .where("experiment_id", "=", experimentId)
      .executeTakeFirst(),
    // The enrolled clients: their names (updated_at) and their data versions.
    db
      .selectFrom("experiment_enrolment as e")
      .innerJoin("client as c", (join) => join.onRef("c.id", "=", "e.client_id").onRef("c.practice_id", "=", "e.practice_id"))
      .leftJoin("client_data_version as v", "v.client_id", "e.client_id")
      .select((eb) => [
        eb.fn.countAll().as("n"),
        eb.fn.max("c.updated_at").as("a"),
        eb.fn.count("v.version").as("m"),
        eb.fn.sum("v.version").as("s"),
      ])
      .where("e.practice_id", "=", practice)
      .where("e.experiment_id", "=", experimentId)
      .executeTakeFirst(),
    db
      .selectFrom("protocol_version")
      .select((eb) => [eb.fn.countAll().as("n")])
      .where("practice_id", "=", practice)
      .executeTakeFirst(),
    // The practice's own questionnaires name and score its measures (a new version, a new wording).
    db
      .selectFrom("questionnaire")
      .select((eb) => [eb.fn.countAll().as("n"), eb.fn.max("updated_at").as("a")])
      .where("practice_id", "=", practice)
      .executeTakeFirst(),
    db
      .selectFrom("questionnaire_version")
      .select((eb) => [eb.fn.countAll().as("n")])
      .where("practice_id", "=", practice)
      .executeTakeFirst(),
  ]);
  return stampOf(parts);
}

/**
 * Everything the eligibility list is checked from, summarised so that any change shows: the
 * experiment (its version moves with every plan change, enrolment and withdrawal), the practice's
 * clients (names, status) and complaints (their count and the sum of their versions, which every
 * edit moves even when the clock has not), and the sum of its clients' `patterns_version`
 * (client_data_version: moved by triggers with every change to runs and their labels and to
 * signed sessions and their findings, erasure included). Aggregates over one practice's rows of
 * small tables and an index, never the records themselves.
 */
export async function eligibilityInputsStamp(db: Executor, scope: PracticeScope, experimentId: string): Promise<string> {
  const practice = scope.practiceId;
  const parts = await Promise.all([
    db
      .selectFrom("experiment")
      .select(["version", "updated_at"])
      .where("practice_id", "=", practice)
      .where("id", "=", experimentId)
      .executeTakeFirst(),
    versionedRows(db, "client", practice),
    versionedRows(db, "complaint", practice),
    db
      .selectFrom("client_data_version")
      .select((eb) => [eb.fn.countAll().as("n"), eb.fn.sum("patterns_version").as("s")])
      .where("practice_id", "=", practice)
      .executeTakeFirst(),
  ]);
  return stampOf(parts);
}

/**
 * A practice's rows of an edited table, summarised: every edit adds 1 to a row's version, a
 * deletion lowers the count, a new row raises both.
 */
function versionedRows(db: Executor, table: "client" | "complaint", practice: string) {
  return db
    .selectFrom(table)
    .select((eb) => [
      eb.fn.countAll().as("n"),
      eb.fn.sum("version").as("s"),
      eb.fn.max("created_at").as("c"),
      eb.fn.max("updated_at").as("u"),
    ])
    .where("practice_id", "=", practice)
    .executeTakeFirst();
}

function stampOf(parts: (object | undefined)[]): string {
  return JSON.stringify(
    parts.map((part) => Object.values(part ?? {}).map((v) => (typeof v === "bigint" ? Number(v) : v === null ? null : String(v)))),
  );
}

// Results: the enrolled clients' records, a few set-based reads whatever their number. Client ids
// go in slices of 500 (bind-parameter limits); each list is ordered by client first, then as the
// client's own list would be.

function slices<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface ResultSessionRow {
  id: string;
  client_id: string;
  started_at: string;
  protocol_version_id: string | null;
  measures_json: string;
}

/** The clients' signed sessions not entered in error, newest first per client (as listSessions). */
export async function listSignedSessionsOf(db: Executor, scope: PracticeScope, clientIds: readonly string[]): Promise<ResultSessionRow[]> {
  const rows: ResultSessionRow[] = [];
  for (const ids of slices(clientIds)) {
    rows.push(
      ...(await db
        .selectFrom("treatment_session")
        .select(["id", "client_id", "started_at", "protocol_version_id", "measures_json"])
        .where("practice_id", "=", scope.practiceId)
        .where("client_id", "in", ids)
        .where("status", "=", "signed")
        .where("entered_in_error_at", "is", null)
        .orderBy("client_id")
        .orderBy("started_at", "desc")
        .orderBy("id", "desc")
        .execute()),
    );
  }
  return rows;
}

export interface AnsweredCheckinRow {
  id: string;
  client_id: string;
  session_id: string;
  answered_at: string;
}

/** The clients' answered check-ins, by due time per client (as listClientCheckins). */
export async function listAnsweredCheckinsOf(
  db: Executor,
  scope: PracticeScope,
  clientIds: readonly string[],
): Promise<AnsweredCheckinRow[]> {
  const rows: AnsweredCheckinRow[] = [];
  for (const ids of slices(clientIds)) {
    const found = await db
      .selectFrom("checkin")
      .select(["id", "client_id", "session_id", "answered_at"])
      .where("practice_id", "=", scope.practiceId)
      .where("client_id", "in", ids)
      .where("answered_at", "is not", null)
      .orderBy("client_id")
      .orderBy("due_at")
      .orderBy("id")
      .execute();
    for (const row of found) if (row.answered_at !== null) rows.push({ ...row, answered_at: row.answered_at });
  }
  return rows;
}

/** The latest answer version of each of these check-ins. */
export async function latestAnswersOf(db: Executor, scope: PracticeScope, checkinIds: readonly string[]): Promise<Map<string, string>> {
  const latest = new Map<string, string>();
  for (const ids of slices(checkinIds)) {
    const rows = await db
      .selectFrom("checkin_answer")
      .select(["checkin_id", "answers_json"])
      .where("practice_id", "=", scope.practiceId)
      .where("checkin_id", "in", ids)
      .orderBy("checkin_id")
      .orderBy("version", "desc")
      .execute();
    for (const row of rows) if (!latest.has(row.checkin_id)) latest.set(row.checkin_id, row.answers_json);
  }
  return latest;
}
