import type { Executor } from "../db/database.js";
import { LABEL_KINDS, LABELS } from "../shared/labels.js";
import { median } from "../shared/quantiles.js";
import type { PracticeScope } from "../shared/scope.js";
import { RUNNING_SPORTS, type ParsedActivity, type Sport } from "./activity.js";
import { classifyShape, detectLongRun, easyOrSteady, finishLabels, type RunShape } from "./analysis/classify.js";
import { summariseActivity } from "./analysis/index.js";
import { EASY_PACE_MAX_S_PER_KM, EASY_PACE_MIN_S_PER_KM } from "./analysis/thresholds.js";
import type { ActivityLabel, ActivitySummary, ChartStream, ClassifyContext } from "./analysis/types.js";
import { recordingRichness, type RecordingRichness } from "./duplicates.js";
import { activityFigures, type ActivityFigures } from "./figures.js";
import { findActivity, listActivities, setActivityLabels, type ActivityListRow } from "./repository.js";

export interface ActivityAnalysis {
  elapsedS: number;
  movingS: number;
  distanceM: number;
  elevationGainM: number;
  elevationLossM: number;
  avgPaceSPerKm: number | null;
  avgCadenceSpm: number | null;
  avgHeartRate: number | null;
  labels: ActivityLabel[];
  /** The summary without its chart stream (stored apart, since lists never need it), with each headline figure's source. */
  summary: StoredSummary;
  stream: ChartStream;
}

export type StoredSummary = Omit<ActivitySummary, "stream"> & {
  figures?: ActivityFigures;
  sportEvidence?: string | null;
  /** What the file recorded: which device, how many samples and which streams (duplicates.ts ranks by it). */
  recording?: RecordingRichness;
};

/**
 * Summary and labels for one parsed activity, in the form the activity table stores. Distance
 * and times come from the records unless the device's lengths, laps or session know better
 * (figures.ts); the figure's source is stored with it.
 */
export function analyseActivity(activity: ParsedActivity, context: ClassifyContext): ActivityAnalysis {
  return completeAnalysis(analyseRecords(activity), context);
}

/**
 * Everything about an activity that its own records decide: the summary, the run's shape (the
 * labels that need no history) and the headline figures. The costly part of the analysis, and
 * plain data, so the import's worker threads compute it and the main thread completes it with
 * the client's history (completeAnalysis), exactly as analyseActivity would.
 */
export interface RecordsAnalysis {
  summary: ActivitySummary;
  shape: RunShape;
  figures: ActivityFigures;
  sportEvidence: string | null;
  recording: RecordingRichness;
}

export function analyseRecords(activity: ParsedActivity): RecordsAnalysis {
  const summary = summariseActivity(activity);
  return {
    summary,
    shape: classifyShape(activity, summary),
    figures: activityFigures(activity, summary),
    sportEvidence: activity.sportEvidence ?? null,
    recording: recordingRichness(activity),
  };
}

/** What `palpable activity` prints of a leg: the headline figures and the labels. */
export type ActivityHeadline = Omit<ActivityAnalysis, "summary" | "stream">;

/**
 * The headline figures and labels of {@link analyseActivity}, computed the same way but without
 * what only the stored summary carries: the chart stream, best pace, maximum heart rate, running
 * dynamics and the recording's richness.
 */
export function analyseHeadline(activity: ParsedActivity, context: ClassifyContext): ActivityHeadline {
  const summary = summariseActivity(activity, { detail: false });
  return headline(summary, activityFigures(activity, summary), finishLabels(classifyShape(activity, summary), summary, context));
}

/** The headline figures of a leg: the device's or the records' totals, as the figures chose. */
function headline(summary: ActivitySummary, figures: ActivityFigures, labels: ActivityLabel[]): ActivityHeadline {
  return {
    elapsedS: figures.elapsedS.value ?? 0,
    movingS: figures.movingS.value ?? 0,
    distanceM: figures.distanceM.value ?? 0,
    elevationGainM: summary.elevationGainM ?? 0,
    elevationLossM: summary.elevationLossM ?? 0,
    avgPaceSPerKm: summary.avgPaceSPerKm,
    avgCadenceSpm: summary.avgCadenceSpm,
    avgHeartRate: summary.avgHeartRate,
    labels,
  };
}

/** The analysis of an activity from what its records decide and the client's history. */
export function completeAnalysis(records: RecordsAnalysis, context: ClassifyContext): ActivityAnalysis {
  const { summary, figures } = records;
  const { stream, ...rest } = summary;
  return {
    ...headline(summary, figures, finishLabels(records.shape, summary, context)),
    summary: {
      ...rest,
      notes: [...rest.notes, ...figures.notes],
      figures,
      sportEvidence: records.sportEvidence,
      recording: records.recording,
    },
    stream,
  };
}

const WEEK_MS = 7 * 86_400_000;
/** How far back the client's usual easy pace is looked for. */
const EASY_PACE_LOOKBACK_WEEKS = 8;

/**
 * What a run is judged against: the client's running distance in each of the 4 weeks (7-day
 * blocks) before it, oldest first, leaving out blocks before the first run we know of (missing
 * history is not zero load); their longest recent run; and their usual easy pace.
 */
export async function trainingContext(db: Executor, scope: PracticeScope, clientId: string, beforeMs: number): Promise<ClassifyContext> {
  const { since, before } = contextWindow(beforeMs);
  return contextFromRows(await listActivities(db, scope, clientId, { since, before, countedOnly: true }), beforeMs);
}

/** The start times (ISO, [since, before)) whose activities make the context of a run starting at `beforeMs`. */
export function contextWindow(beforeMs: number): { since: string; before: string } {
  return { since: new Date(beforeMs - EASY_PACE_LOOKBACK_WEEKS * WEEK_MS).toISOString(), before: new Date(beforeMs).toISOString() };
}

/** Whether stored labels (JSON) say only "easy" or only "steady": a run whose pace counts toward the usual easy pace. */
export function labelledEasyOnly(labelsJson: string): boolean {
  const kinds = (JSON.parse(labelsJson) as ActivityLabel[]).map((l) => l.kind);
  return kinds.length === 1 && (kinds[0] === "easy" || kinds[0] === "steady");
}

/** A row of the client's history as the context reads it. */
export type ContextRow = Pick<ActivityListRow, "sport" | "start_time" | "distance_m" | "moving_s" | "avg_pace_s_per_km" | "labels_json">;

/**
 * trainingContext from the counted activities in contextWindow(beforeMs), in the order the
 * database lists them (newest first, then by id): what the import's in-memory history
 * (import/client-history.ts) hands over instead of querying the database for every file.
 */
export function contextFromRows(all: readonly ContextRow[], beforeMs: number, easyOnly = labelledEasyOnly): ClassifyContext {
  const rows = all.filter((row) => RUNNING_SPORTS.has(row.sport as Sport));
  const weeks = [0, 0, 0, 0];
  let longestS = 0;
  const easyPaces: number[] = [];
  const recentRunsM: number[] = [];
  for (const row of rows) {
    const ageBlocks = Math.floor((beforeMs - Date.parse(row.start_time)) / WEEK_MS);
    const index = 3 - ageBlocks;
    if (index >= 0 && index < 4) {
      weeks[index] = (weeks[index] ?? 0) + Number(row.distance_m);
      longestS = Math.max(longestS, Number(row.moving_s));
      recentRunsM.push(Number(row.distance_m));
    }
    const pace = row.avg_pace_s_per_km === null ? Number.NaN : Number(row.avg_pace_s_per_km);
    // Only running paces make a usual easy pace: the evidence must never compare with a walk's.
    // The labels (the costly part: every run of the last weeks, for every file imported) are
    // read only for a pace in the easy range.
    if (!(pace >= EASY_PACE_MIN_S_PER_KM && pace <= EASY_PACE_MAX_S_PER_KM)) continue;
    if (easyOnly(row.labels_json)) easyPaces.push(pace);
  }
  const firstKnown = weeks.findIndex((w) => w > 0);
  const usualEasy = median(easyPaces);
  return {
    recentWeeklyDistancesM: firstKnown < 0 ? [] : weeks.slice(firstKnown),
    ...(longestS > 0 ? { recentLongestRunS: longestS } : {}),
    ...(recentRunsM.length >= 3 ? { recentMedianRunM: median(recentRunsM) ?? 0 } : {}),
    ...(usualEasy !== undefined && easyPaces.length >= 3 ? { usualEasyPaceSPerKm: usualEasy } : {}),
  };
}

const CONTEXTUAL: ReadonlySet<string> = new Set(LABEL_KINDS.filter((kind) => LABELS[kind].fromHistory));

/**
 * Re-judges the labels that depend on the client's history (long run, easy or steady) from the
 * stored summaries, oldest first. After a bulk import the files arrive in no particular order,
 * so an early run may have been judged before the weeks around it were known.
 */
export async function relabelFromHistory(
  db: Executor,
  scope: PracticeScope,
  clientId: string,
  activityIds: ReadonlySet<string>,
  analysedAt: string,
): Promise<number> {
  const rows = (await listActivities(db, scope, clientId)).filter((row) => activityIds.has(row.id)).reverse();
  let changed = 0;
  for (const row of rows) {
    if (!RUNNING_SPORTS.has(row.sport as Sport)) continue;
    const full = await findActivity(db, scope, row.id);
    if (!full) continue;
    const context = await trainingContext(db, scope, clientId, Date.parse(row.start_time));
    const json = relabelled(row.labels_json, full.summary_json, context);
    if (json !== row.labels_json) {
      await setActivityLabels(db, scope, row.id, json, analysedAt);
      changed += 1;
    }
  }
  return changed;
}

/** An activity's labels (JSON) with those that depend on the history judged again in `context`. */
export function relabelled(labelsJson: string, summaryJson: string, context: ClassifyContext): string {
  const summary = { ...(JSON.parse(summaryJson) as Omit<ActivitySummary, "stream">), stream: EMPTY_STREAM };
  const kept = (JSON.parse(labelsJson) as ActivityLabel[]).filter((l) => !CONTEXTUAL.has(l.kind));
  const longRun = detectLongRun(summary, context);
  const labels = [...kept, ...(longRun ? [longRun] : [])];
  const next = labels.length > 0 ? labels : [easyOrSteady(summary, context)];
  return JSON.stringify(next);
}

export const EMPTY_STREAM: ChartStream = { everyS: 5, tS: [], distanceM: [], altitudeM: [], paceSPerKm: [], heartRate: [], cadenceSpm: [] };
