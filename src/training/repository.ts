import type { Insertable, Selectable, Updateable } from "kysely";
import type { Executor } from "../db/database.js";
import type { ActivityTable, TrainingFileTable } from "../db/schema.js";
import type { PracticeScope } from "../shared/scope.js";

export type TrainingFileRow = Selectable<TrainingFileTable>;
export type ActivityRow = Selectable<ActivityTable>;
export type ActivityListRow = Omit<ActivityRow, "summary_json" | "stream_json">;

/** An activity's analysis always comes with its outcome features (activity_outcome), written together. */
export interface OutcomeFeaturesColumn {
  run_features_json: string;
}

export async function insertActivity(
  db: Executor,
  scope: PracticeScope,
  row: Omit<Insertable<ActivityTable>, "practice_id"> & OutcomeFeaturesColumn,
): Promise<void> {
  const { run_features_json, ...activity } = row;
  await db
    .insertInto("activity")
    .values({ ...activity, practice_id: scope.practiceId })
    .execute();
  await db
    .insertInto("activity_outcome")
    .values({ activity_id: row.id, practice_id: scope.practiceId, features_json: run_features_json })
    .execute();
}

/** Rows per multi-row insert: well under either database's limit on bound parameters. */
const INSERT_CHUNK_ROWS = 50;

/** Many files' rows in a few statements (a bulk import's batch). */
export async function insertFiles(
  db: Executor,
  scope: PracticeScope,
  rows: readonly Omit<Insertable<TrainingFileTable>, "practice_id">[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK_ROWS) {
    await db
      .insertInto("training_file")
      .values(rows.slice(i, i + INSERT_CHUNK_ROWS).map((row) => ({ ...row, practice_id: scope.practiceId })))
      .execute();
  }
}

/** insertActivity for many activities, in a few statements. */
export async function insertActivities(
  db: Executor,
  scope: PracticeScope,
  rows: readonly (Omit<Insertable<ActivityTable>, "practice_id"> & OutcomeFeaturesColumn)[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK_ROWS) {
    const chunk = rows.slice(i, i + INSERT_CHUNK_ROWS);
    await db
      .insertInto("activity")
      .values(chunk.map(({ run_features_json: _features, ...activity }) => ({ ...activity, practice_id: scope.practiceId })))
      .execute();
    await db
      .insertInto("activity_outcome")
      .values(chunk.map((row) => ({ activity_id: row.id, practice_id: scope.practiceId, features_json: row.run_features_json })))
      .execute();
  }
}

export async function replaceActivityAnalysis(
  db: Executor,
  scope: PracticeScope,
  activityId: string,
  row: Omit<Updateable<ActivityTable>, "id" | "practice_id" | "client_id" | "file_id"> & OutcomeFeaturesColumn,
): Promise<void> {
  const { run_features_json, ...activity } = row;
  const result = await db
    .updateTable("activity")
    .set(activity)
    .where("practice_id", "=", scope.practiceId)
    .where("id", "=", activityId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return;
  await db.deleteFrom("activity_outcome").where("practice_id", "=", scope.practiceId).where("activity_id", "=", activityId).execute();
  await db
    .insertInto("activity_outcome")
    .values({ activity_id: activityId, practice_id: scope.practiceId, features_json: run_features_json })
    .execute();
}

const LIST_COLUMNS = [
  "id",
  "practice_id",
  "client_id",
  "file_id",
  "sport",
  "sport_label",
  "name",
  "start_time",
  "local_offset_minutes",
  "elapsed_s",
  "moving_s",
  "distance_m",
  "elevation_gain_m",
  "elevation_loss_m",
  "avg_pace_s_per_km",
  "avg_cadence_spm",
  "avg_heart_rate",
  "labels_json",
  "label_version",
  "analysed_at",
  "leg_index",
  "sport_source",
  "sport_evidence",
  "sport_override",
  "duplicate_of",
] as const;

/**
 * A client's activities, newest first, optionally since an instant (ISO). `countedOnly` leaves
 * out second recordings of a run (`duplicate_of` set): what every load and history figure reads.
 */
export async function listActivities(
  db: Executor,
  scope: PracticeScope,
  clientId: string,
  options: { since?: string; before?: string; limit?: number; countedOnly?: boolean } = {},
): Promise<ActivityListRow[]> {
  let query = db.selectFrom("activity").select(LIST_COLUMNS).where("practice_id", "=", scope.practiceId).where("client_id", "=", clientId);
  if (options.countedOnly) query = query.where("duplicate_of", "is", null);
  if (options.since) query = query.where("start_time", ">=", options.since);
  if (options.before) query = query.where("start_time", "<", options.before);
  query = query.orderBy("start_time", "desc").orderBy("id");
  if (options.limit) query = query.limit(options.limit);
  return query.execute();
}

export async function findActivity(
  db: Executor,
  scope: PracticeScope,
  id: string,
): Promise<(ActivityRow & { file_name: string; format: string; sha256: string }) | undefined> {
  return db
    .selectFrom("activity")
    .innerJoin("training_file", "training_file.id", "activity.file_id")
    .selectAll("activity")
    .select(["training_file.file_name", "training_file.format", "training_file.sha256"])
    .where("activity.practice_id", "=", scope.practiceId)
    .where("activity.id", "=", id)
    .executeTakeFirst();
}

/** New labels are a new analysis: `analysed_at` moves with them (cached analyses watch it). */
export async function setActivityLabels(
  db: Executor,
  scope: PracticeScope,
  activityId: string,
  labelsJson: string,
  analysedAt: string,
): Promise<void> {
  await db
    .updateTable("activity")
    .set({ labels_json: labelsJson, analysed_at: analysedAt })
    .where("practice_id", "=", scope.practiceId)
    .where("id", "=", activityId)
    .execute();
}
