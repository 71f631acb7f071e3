import { sql, type Insertable, type Selectable, type Updateable } from "kysely";
import type { Executor } from "../db/database.js";
import type { ActivityTable, TrainingFileTable } from "../db/schema.js";
import type { PracticeScope } from "../shared/scope.js";

export type TrainingFileRow = Selectable<TrainingFileTable>;
export type ActivityRow = Selectable<ActivityTable>;
export type ActivityListRow = Omit<ActivityRow, "summary_json" | "stream_json">;

export async function findFileBySha(
  db: Executor,
  scope: PracticeScope,
  clientId: string,
  sha256: string,
): Promise<TrainingFileRow | undefined> {
  return db
    .selectFrom("training_file")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "=", clientId)
    .where("sha256", "=", sha256)
    .executeTakeFirst();
}

export async function insertFile(
  db: Executor,
  scope: PracticeScope,
  row: Omit<Insertable<TrainingFileTable>, "practice_id">,
): Promise<void> {
  await db
    .insertInto("training_file")
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

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

/** What a week's running load is computed from, for one counted activity. */
export type WeekSourceRow = Pick<
  ActivityListRow,
  | "id"
  | "client_id"
  | "sport"
  | "start_time"
  | "local_offset_minutes"
  | "distance_m"
  | "moving_s"
  | "elevation_gain_m"
  | "elevation_loss_m"
  | "labels_json"
>;

/** Windows one query asks about (two bind parameters each). */
const WINDOWS_PER_QUERY = 500;

/**
 * The counted activities (a second device's copy left out) of each client that started in their
 * own window [since, before): by client, then newest first as `listActivities` orders them. One
 * query per 500 windows, from the counted-activities index.
 */
export async function listCountedActivitiesInWindows(
  db: Executor,
  scope: PracticeScope,
  windows: readonly { clientId: string; since: string; before: string }[],
): Promise<WeekSourceRow[]> {
  const rows: WeekSourceRow[] = [];
  for (let from = 0; from < windows.length; from += WINDOWS_PER_QUERY) {
    const chunk = windows.slice(from, from + WINDOWS_PER_QUERY);
    const values = sql.join(chunk.map((w) => sql`(${w.clientId}, ${w.since}, ${w.before})`));
    const { rows: found } = await sql<WeekSourceRow>`
      with w (client_id, since, before) as (values ${values})
      select a.id, a.client_id, a.sport, a.start_time, a.local_offset_minutes, a.distance_m, a.moving_s,
        a.elevation_gain_m, a.elevation_loss_m, a.labels_json
      from w
      inner join activity a on a.practice_id = ${scope.practiceId} and a.client_id = w.client_id
        and a.start_time >= w.since and a.start_time < w.before
      where a.duplicate_of is null
      order by a.client_id, a.start_time desc, a.id`.execute(db);
    rows.push(...found);
  }
  return rows;
}

/** When the client's first stored activity started (ISO), or null when there is none. */
export async function firstActivityStart(db: Executor, scope: PracticeScope, clientId: string): Promise<string | null> {
  const row = await db
    .selectFrom("activity")
    .select((eb) => eb.fn.min("start_time").as("first"))
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "=", clientId)
    .executeTakeFirst();
  return row?.first ?? null;
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

/** Every stored activity with its file, for recomputation; practice by practice. */
export async function listActivitiesForReprocess(
  db: Executor,
  scope: PracticeScope,
): Promise<{ id: string; client_id: string; file_id: string; leg_index: number; sha256: string; file_name: string }[]> {
  return db
    .selectFrom("activity")
    .innerJoin("training_file", "training_file.id", "activity.file_id")
    .select([
      "activity.id",
      "activity.client_id",
      "activity.file_id",
      "activity.leg_index",
      "training_file.sha256",
      "training_file.file_name",
    ])
    .where("activity.practice_id", "=", scope.practiceId)
    .orderBy("activity.start_time")
    .execute();
}

export async function deleteActivities(db: Executor, scope: PracticeScope, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom("activity").where("practice_id", "=", scope.practiceId).where("id", "in", ids).execute();
}

/** Activities that pointed to removed ones point nowhere until they are relinked. */
export async function clearDuplicateLinksTo(db: Executor, scope: PracticeScope, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("activity")
    .set({ duplicate_of: null })
    .where("practice_id", "=", scope.practiceId)
    .where("duplicate_of", "in", ids)
    .execute();
}

export async function listPracticeIds(db: Executor): Promise<string[]> {
  return (await db.selectFrom("practice").select("id").execute()).map((r) => r.id);
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

export interface RunOutcomeRow {
  id: string;
  client_id: string;
  start_time: string;
  sport: string;
  summary_json: string;
  /** Null when the activity has no stored features (the stream is read instead). */
  features_json: string | null;
}

/**
 * Each client's activities that started in their window [since, before), with their outcome
 * features, by client and start time; not their streams. A hundred windows per statement
 * (bind-parameter limits).
 */
export async function listRunOutcomes(
  db: Executor,
  scope: PracticeScope,
  windows: readonly { clientId: string; since: string; before: string }[],
): Promise<RunOutcomeRow[]> {
  const rows: RunOutcomeRow[] = [];
  for (let i = 0; i < windows.length; i += 100) {
    const slice = windows.slice(i, i + 100);
    rows.push(
      ...(await db
        .selectFrom("activity")
        .leftJoin("activity_outcome", "activity_outcome.activity_id", "activity.id")
        .select([
          "activity.id",
          "activity.client_id",
          "activity.start_time",
          "activity.sport",
          "activity.summary_json",
          "activity_outcome.features_json",
        ])
        .where("activity.practice_id", "=", scope.practiceId)
        // The second recording of a run another device recorded better is not counted.
        .where("activity.duplicate_of", "is", null)
        .where((eb) =>
          eb.or(
            slice.map((w) =>
              eb.and([
                eb("activity.client_id", "=", w.clientId),
                eb("activity.start_time", ">=", w.since),
                eb("activity.start_time", "<", w.before),
              ]),
            ),
          ),
        )
        .orderBy("activity.client_id")
        .orderBy("activity.start_time")
        .execute()),
    );
  }
  return rows;
}

/** The streams of these activities (for the few without stored outcome features). */
export async function listStreams(db: Executor, scope: PracticeScope, ids: readonly string[]): Promise<Map<string, string>> {
  const streams = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom("activity")
      .select(["id", "stream_json"])
      .where("practice_id", "=", scope.practiceId)
      .where("id", "in", ids.slice(i, i + 500))
      .execute();
    for (const row of rows) streams.set(row.id, row.stream_json);
  }
  return streams;
}

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

/** Of these activity ids, the ones whose file was sent by the client through a runs link. */
export async function activitiesSentByClient(db: Executor, scope: PracticeScope, activityIds: string[]): Promise<Set<string>> {
  if (activityIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("activity")
    .innerJoin("training_file", "training_file.id", "activity.file_id")
    .select("activity.id")
    .where("activity.practice_id", "=", scope.practiceId)
    .where("training_file.practice_id", "=", scope.practiceId)
    .where("activity.id", "in", activityIds)
    .where("training_file.runs_upload_id", "is not", null)
    .execute();
  return new Set(rows.map((r) => r.id));
}
