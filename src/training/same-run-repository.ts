import type { Executor } from "../db/database.js";
import type { PracticeScope } from "../shared/scope.js";
import type { ActivityRow } from "./repository.js";

export type LinkCandidateRow = Pick<
  ActivityRow,
  "id" | "file_id" | "sport" | "start_time" | "elapsed_s" | "avg_heart_rate" | "avg_cadence_spm" | "summary_json" | "duplicate_of"
>;

/** A client's activities (optionally starting in [since, before)), with what ranks one recording of a run above another. */
export async function listLinkCandidates(
  db: Executor,
  scope: PracticeScope,
  clientId: string,
  range: { since?: string; before?: string },
): Promise<LinkCandidateRow[]> {
  let query = db
    .selectFrom("activity")
    .select(["id", "file_id", "sport", "start_time", "elapsed_s", "avg_heart_rate", "avg_cadence_spm", "summary_json", "duplicate_of"])
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "=", clientId);
  if (range.since) query = query.where("start_time", ">=", range.since);
  if (range.before) query = query.where("start_time", "<", range.before);
  return query.orderBy("start_time").execute();
}

/** Links an activity to the primary recording of the same run (or unlinks it); a changed link is a new analysis. */
export async function setDuplicateOf(
  db: Executor,
  scope: PracticeScope,
  activityId: string,
  primaryId: string | null,
  analysedAt: string,
): Promise<void> {
  await db
    .updateTable("activity")
    .set({ duplicate_of: primaryId, analysed_at: analysedAt })
    .where("practice_id", "=", scope.practiceId)
    .where("id", "=", activityId)
    .execute();
}

/**
 * A client's same-run links: each second recording with the primary it points to, both with
 * their file names and summaries (where the device is). Optionally only the pairs one activity is in.
 */
export async function listSameRunPairs(
  db: Executor,
  scope: PracticeScope,
  clientId: string,
  activityId?: string,
): Promise<
  { id: string; file_name: string; summary_json: string; primary_id: string; primary_file_name: string; primary_summary_json: string }[]
> {
  let query = db
    .selectFrom("activity as d")
    .innerJoin("activity as p", (join) => join.onRef("p.id", "=", "d.duplicate_of").onRef("p.practice_id", "=", "d.practice_id"))
    .innerJoin("training_file as df", "df.id", "d.file_id")
    .innerJoin("training_file as pf", "pf.id", "p.file_id")
    .select([
      "d.id",
      "df.file_name",
      "d.summary_json",
      "p.id as primary_id",
      "pf.file_name as primary_file_name",
      "p.summary_json as primary_summary_json",
    ])
    .where("d.practice_id", "=", scope.practiceId)
    .where("d.client_id", "=", clientId);
  if (activityId !== undefined) query = query.where((eb) => eb.or([eb("d.id", "=", activityId), eb("p.id", "=", activityId)]));
  return query.execute();
}
