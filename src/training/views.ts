import { findClient } from "../clients/repository.js";
import type { Executor } from "../db/database.js";
import { notFound } from "../server/errors.js";
import type { PracticeScope } from "../shared/scope.js";
import { RUNNING_SPORTS, type Sport } from "./activity.js";
import { weeklyLoad } from "./analysis/index.js";
import type { ActivityLabel, ActivitySummary, ChartStream, WeekLoad } from "./analysis/types.js";
import * as repo from "./repository.js";
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
}

function toListItem(row: repo.ActivityListRow, sentByClient: ReadonlySet<string> = new Set()): ActivityListItem {
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
  };
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
  const sent = await repo.activitiesSentByClient(
    deps.database.db,
    scope,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toListItem(row, sent));
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
    ...toListItem(row, await repo.activitiesSentByClient(deps.database.db, scope, [row.id])),
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
    const first = await repo.firstActivityStart(deps.database.db, scope, clientId);
    if (first === null) return { weeks: [] };
    const span = Math.ceil((now - Date.parse(first)) / (7 * 86_400_000)) + 1;
    const all = await runningWeeks(deps.database.db, scope, clientId, { since: Date.parse(first) - 6 * 7 * 86_400_000, until: now });
    return { weeks: all.slice(-Math.max(span, 1)) };
  }
  const all = await runningWeeks(deps.database.db, scope, clientId, { since: now - (weeks + 6) * 7 * 86_400_000, until: now });
  return { weeks: all.slice(-weeks) };
}

/**
 * Monday-to-Sunday running weeks of a client from their stored runs that start in [since, until),
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
  });
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
    { weekStartsOn: "monday", until: range.until },
  );
}

function nullableNumber(value: number | null): number | null {
  return value === null ? null : Number(value);
}
