import type { Executor } from "../db/database.js";
import type { PracticeScope } from "../shared/scope.js";

/*
 * The SQL of erasing one client: every row about them, table by table, children before parents,
 * each statement limited to the practice and the client. Runs inside the caller's transaction.
 */

/** Rows removed, by table. */
export type ErasedCounts = Record<string, number>;

/** SHA-256 keys of the client's raw training files (the blobs to remove after the rows). */
export async function listTrainingFileBlobs(db: Executor, scope: PracticeScope, clientId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("training_file")
    .select("sha256")
    .distinct()
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "=", clientId)
    .execute();
  return rows.map((r) => r.sha256);
}

/** The blobs, of those given, that no training file of the practice refers to any more. */
export async function unreferencedBlobs(db: Executor, scope: PracticeScope, sha256s: string[]): Promise<string[]> {
  if (sha256s.length === 0) return [];
  const still = await db
    .selectFrom("training_file")
    .select("sha256")
    .where("practice_id", "=", scope.practiceId)
    .where("sha256", "in", sha256s)
    .execute();
  const referenced = new Set(still.map((r) => r.sha256));
  return sha256s.filter((sha) => !referenced.has(sha));
}

/** Deletes every row about the client, including the client row; returns how many per table. */
export async function deleteClientRows(db: Executor, scope: PracticeScope, clientId: string): Promise<ErasedCounts> {
  const p = scope.practiceId;
  const counts: ErasedCounts = {};
  const count = (table: string, result: { numDeletedRows: bigint }) => {
    counts[table] = Number(result.numDeletedRows);
  };
  const checkinIds = db.selectFrom("checkin").select("id").where("practice_id", "=", p).where("client_id", "=", clientId);
  const sessionIds = db.selectFrom("treatment_session").select("id").where("practice_id", "=", p).where("client_id", "=", clientId);

  count(
    "checkin_delivery",
    await db.deleteFrom("checkin_delivery").where("practice_id", "=", p).where("checkin_id", "in", checkinIds).executeTakeFirst(),
  );
  count(
    "outbox_message",
    await db.deleteFrom("outbox_message").where("practice_id", "=", p).where("checkin_id", "in", checkinIds).executeTakeFirst(),
  );
  count(
    "checkin_answer",
    await db.deleteFrom("checkin_answer").where("practice_id", "=", p).where("checkin_id", "in", checkinIds).executeTakeFirst(),
  );
  count("checkin", await db.deleteFrom("checkin").where("practice_id", "=", p).where("client_id", "=", clientId).executeTakeFirst());
  for (const table of ["session_revision", "session_finding", "session_step", "session_complaint", "checkin_auto_schedule"] as const) {
    count(table, await db.deleteFrom(table).where("practice_id", "=", p).where("session_id", "in", sessionIds).executeTakeFirst());
  }
  await deleteSoleExperiments(db, scope, clientId, counts);
  for (const table of [
    "experiment_enrolment",
    "case_report",
    "treatment_session",
    "complaint",
    "activity",
    "training_file",
    "runs_upload",
    "runs_link",
    "consent_withdrawal",
    "consent_signature",
    "client_profile_revision",
    "intake_submission",
    "intake_link",
    "client_consent_event",
    "client_injury",
    "client_self_care",
    "form_draft",
    "search_document",
  ] as const) {
    const result = await db.deleteFrom(table).where("practice_id", "=", p).where("client_id", "=", clientId).executeTakeFirst();
    counts[table] = (counts[table] ?? 0) + Number(result.numDeletedRows);
  }
  count("client", await db.deleteFrom("client").where("practice_id", "=", p).where("id", "=", clientId).executeTakeFirst());
  // The version the heavy pages compare; the triggers that keep it write only for clients that
  // exist, so it stays gone.
  count(
    "client_data_version",
    await db.deleteFrom("client_data_version").where("practice_id", "=", p).where("client_id", "=", clientId).executeTakeFirst(),
  );
  return counts;
}

/**
 * Deletes the experiments whose every enrolment is this client's (typically single-case
 * experiments), with their amendments, enrolments and any case report about them: their title,
 * hypothesis and amendment reasons are free text that may name the client. Experiments that
 * enrolled anyone else stay; only this client's enrolment goes, with the other rows about them.
 */
async function deleteSoleExperiments(db: Executor, scope: PracticeScope, clientId: string, counts: ErasedCounts): Promise<void> {
  const p = scope.practiceId;
  const rows = await db
    .selectFrom("experiment_enrolment as mine")
    .select("mine.experiment_id")
    .distinct()
    .where("mine.practice_id", "=", p)
    .where("mine.client_id", "=", clientId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("experiment_enrolment as other")
            .select("other.id")
            .where("other.practice_id", "=", p)
            .whereRef("other.experiment_id", "=", "mine.experiment_id")
            .where("other.client_id", "<>", clientId),
        ),
      ),
    )
    .execute();
  const ids = rows.map((r) => r.experiment_id);
  counts.experiment = 0;
  counts.experiment_amendment = 0;
  if (ids.length === 0) return;
  for (const table of ["case_report", "experiment_amendment", "experiment_enrolment"] as const) {
    const result = await db.deleteFrom(table).where("practice_id", "=", p).where("experiment_id", "in", ids).executeTakeFirst();
    counts[table] = (counts[table] ?? 0) + Number(result.numDeletedRows);
  }
  const result = await db.deleteFrom("experiment").where("practice_id", "=", p).where("id", "in", ids).executeTakeFirst();
  counts.experiment = Number(result.numDeletedRows);
}
