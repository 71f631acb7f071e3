import { sql } from "kysely";
import type { Executor } from "../db/database.js";
import type { PracticeScope } from "../shared/scope.js";
import type { ActivityListRow } from "./repository.js";

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
