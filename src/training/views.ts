import { findClient } from "../clients/repository.js";
import type { Executor } from "../db/database.js";
import { notFound } from "../platform/errors.js";
import type { PracticeScope } from "../shared/scope.js";
import { RUNNING_SPORTS, type Sport } from "./activity.js";
import { weeklyLoad } from "./analysis/index.js";
import type { ActivityLabel, ActivitySummary, ChartStream, WeekLoad } from "./analysis/types.js";
import * as repo from "./repository.js";
import * as sameRunRepo from "./same-run-repository.js";
import * as viewsRepo from "./views-repository.js";
import type { TrainingDeps } from "./service.js";

export interface ActivityListItem {
  id: string;
  sport: string;
  sportLabel: string | null;
  name: string | null;
  startTime: string;
  localOffsetMinutes: number | null;
  elapsedS: number;
  movingS: number;
  distanceM: number;
  elevationGainM: number;
  elevationLossM: number;
  avgPaceSPerKm: number | null;
  avgCadenceSpm: number | null;
  avgHeartRate: number | null;
  labels: ActivityLabel[];
  /** The client sent the file through their "send your runs" link. */
  sentByClient: boolean;
  /** Legs of one file (a duathlon's run, ride and run) share it. */
  recordingId: string;
  /** 1-based position of this leg in its recording. */
  leg: number;
  /** file, inferred (from speed, cadence and step length) or practitioner. */
  sportSource: string;
  sportEvidence: string | null;
  /** The primary recording of the same run when this is a second one (then it is not counted in load). */
  duplicateOf: string | null;
  /** The same run as recorded by other devices: the primary, or the second recordings that point here. */
  alsoRecordedBy: OtherRecording[];
}

export interface OtherRecording {
  activityId: string;
  device: string | null;
  fileName: string;
  /** True for the primary: the recording that counts. */
  counted: boolean;
}

function toListItem(
  row: repo.ActivityListRow,
  sentByClient: ReadonlySet<string> = new Set(),
  others: ReadonlyMap<string, OtherRecording[]> = new Map(),
): ActivityListItem {
  return {
    id: row.id,
    sport: row.sport,
    sportLabel: row.sport_label,
    name: row.name,
    startTime: row.start_time,
    localOffsetMinutes: row.local_offset_minutes,
    elapsedS: Number(row.elapsed_s),
    movingS: Number(row.moving_s),
    distanceM: Number(row.distance_m),
    elevationGainM: Number(row.elevation_gain_m),
    elevationLossM: Number(row.elevation_loss_m),
    avgPaceSPerKm: nullableNumber(row.avg_pace_s_per_km),
    avgCadenceSpm: nullableNumber(row.avg_cadence_spm),
    avgHeartRate: nullableNumber(row.avg_heart_rate),
    labels: JSON.parse(row.labels_json) as ActivityLabel[],
    sentByClient: sentByClient.has(row.id),
    recordingId: row.file_id,
    leg: Number(row.leg_index) + 1,
    sportSource: row.sport_source,
    sportEvidence: row.sport_evidence,
    duplicateOf: row.duplicate_of,
    alsoRecordedBy: others.get(row.id) ?? [],
  };
}

/** For each activity in a same-run pair, the other recordings of its run. */
async function otherRecordings(db: Executor, scope: PracticeScope, clientId: string, activityId?: string) {
  const pairs = await sameRunRepo.listSameRunPairs(db, scope, clientId, activityId);
  const device = (json: string) => (JSON.parse(json) as { recording?: { device?: string | null } }).recording?.device ?? null;
  const out = new Map<string, OtherRecording[]>();
  const add = (id: string, other: OtherRecording) => out.set(id, [...(out.get(id) ?? []), other]);
  for (const pair of pairs) {
    add(pair.id, {
      activityId: pair.primary_id,
      device: device(pair.primary_summary_json),
      fileName: pair.primary_file_name,
      counted: true,
    });
    add(pair.primary_id, { activityId: pair.id, device: device(pair.summary_json), fileName: pair.file_name, counted: false });
  }
  return out;
}

export async function requireClient(deps: TrainingDeps, scope: PracticeScope, clientId: string): Promise<void> {
  if (!(await findClient(deps.database.db, scope, clientId))) throw notFound("Client");
}

export async function listClientActivities(
  deps: TrainingDeps,
  scope: PracticeScope,
  clientId: string,
  limit: number,
): Promise<ActivityListItem[]> {
  await requireClient(deps, scope, clientId);
  const rows = await repo.listActivities(deps.database.db, scope, clientId, { limit });
  const sent = await viewsRepo.activitiesSentByClient(
    deps.database.db,
    scope,
    rows.map((r) => r.id),
  );
  const others = await otherRecordings(deps.database.db, scope, clientId);
  return rows.map((row) => toListItem(row, sent, others));
}

export interface ActivityDetailView extends ActivityListItem {
  clientId: string;
  file: { name: string; format: string; sha256: string };
  summary: Omit<ActivitySummary, "stream">;
  stream: ChartStream;
}

export async function getActivity(deps: TrainingDeps, scope: PracticeScope, id: string): Promise<ActivityDetailView> {
  const row = await repo.findActivity(deps.database.db, scope, id);
  if (!row) throw notFound("Activity");
  return {
    ...toListItem(
      row,
      await viewsRepo.activitiesSentByClient(deps.database.db, scope, [row.id]),
      await otherRecordings(deps.database.db, scope, row.client_id, row.id),
    ),
    clientId: row.client_id,
    file: { name: row.file_name, format: row.format, sha256: row.sha256 },
    summary: JSON.parse(row.summary_json) as Omit<ActivitySummary, "stream">,
    stream: JSON.parse(row.stream_json) as ChartStream,
  };
}

/** Weekly running load for the last `weeks` weeks; the weeks before them feed the ramp and the ratio. */
export async function listClientWeeks(
  deps: TrainingDeps,
  scope: PracticeScope,
  clientId: string,
  weeks: number | "all",
): Promise<{ weeks: WeekLoad[] }> {
  await requireClient(deps, scope, clientId);
  const now = deps.clock.now().getTime();
  if (weeks === "all") {
    // From the week of the first run (any history older than the chart would show is the whole history).
    const first = await viewsRepo.firstActivityStart(deps.database.db, scope, clientId);
    if (first === null) return { weeks: [] };
    const span = Math.ceil((now - Date.parse(first)) / (7 * 86_400_000)) + 1;
    const all = await runningWeeks(deps.database.db, scope, clientId, { since: Date.parse(first) - 6 * 7 * 86_400_000, until: now });
    return { weeks: all.slice(-Math.max(span, 1)) };
  }
  const all = await runningWeeks(deps.database.db, scope, clientId, { since: now - (weeks + 6) * 7 * 86_400_000, until: now });
  return { weeks: all.slice(-weeks) };
}

/**
 * Monday-to-Sunday running weeks of a client from their stored runs that start in [since, until)
 * (a run recorded by two devices once, by its primary recording),
 * up to the week holding `until`. Weeks before the ones a caller shows feed the ramp and the ratio.
 */
export async function runningWeeks(
  db: Executor,
  scope: PracticeScope,
  clientId: string,
  range: { since: number; until: number },
): Promise<WeekLoad[]> {
  const rows = await repo.listActivities(db, scope, clientId, {
    since: new Date(range.since).toISOString(),
    before: new Date(range.until).toISOString(),
    countedOnly: true,
  });
  return weeksOf(rows, range.until);
}

/**
 * `runningWeeks` for many clients at once, each over their own range: a query for every 500
 * clients, never one per client. Each client's weeks are exactly what `runningWeeks` gives.
 */
export async function runningWeeksOf(
  db: Executor,
  scope: PracticeScope,
  ranges: readonly { clientId: string; since: number; until: number }[],
): Promise<Map<string, WeekLoad[]>> {
  const rows = await viewsRepo.listCountedActivitiesInWindows(
    db,
    scope,
    ranges.map((r) => ({ clientId: r.clientId, since: new Date(r.since).toISOString(), before: new Date(r.until).toISOString() })),
  );
  const byClient = new Map<string, viewsRepo.WeekSourceRow[]>();
  for (const row of rows) {
    const list = byClient.get(row.client_id);
    if (list) list.push(row);
    else byClient.set(row.client_id, [row]);
  }
  return new Map(ranges.map((r) => [r.clientId, weeksOf(byClient.get(r.clientId) ?? [], r.until)]));
}

/** The running weeks up to `until` from a client's counted activities, newest first. */
function weeksOf(rows: readonly viewsRepo.WeekSourceRow[], until: number): WeekLoad[] {
  const runs = rows.filter((row) => RUNNING_SPORTS.has(row.sport as Sport));
  return weeklyLoad(
    runs.map((row) => ({
      startTime: Date.parse(row.start_time),
      localOffsetMinutes: row.local_offset_minutes,
      distanceM: Number(row.distance_m),
      movingS: Number(row.moving_s),
      elevationGainM: Number(row.elevation_gain_m),
      elevationLossM: Number(row.elevation_loss_m),
      labels: (JSON.parse(row.labels_json) as ActivityLabel[]).map((l) => l.kind),
    })),
    { weekStartsOn: "monday", until },
  );
}

function nullableNumber(value: number | null): number | null {
  return value === null ? null : Number(value);
}
