import { RUNNING_SPORTS, type ParsedActivity } from "../activity.js";
import { detectDownhill } from "./downhill.js";
import { formatDistance, formatDuration, formatPace } from "./format.js";
import { detectHillRepeats } from "./hill-repeats.js";
import { referenceSpeeds, smoothStream } from "./interval-speed.js";
import type { Signals } from "./reps.js";
import { detectIntervals } from "./intervals.js";
import { onMountain, tempoAgainstUsualPace, tempoFromStretch } from "./tempo.js";
import { confidenceFromRatio } from "./numbers.js";
import {
  CONFIDENCE_AT_THRESHOLD,
  CONFIDENCE_EASY_BY_DEFAULT,
  CONFIDENCE_MAX,
  LONG_RUN_HISTORY_WEEKS,
  LONG_RUN_MIN_MOVING_S,
  LONG_RUN_NO_HISTORY_S,
  LONG_RUN_OF_RECENT_LONGEST,
  LONG_RUN_OVER_TYPICAL,
  INTERVALS_ON_CLIMBS_SHARE,
  INTERVAL_REPS_FASTER_THAN_RUN,
  INTERVAL_REFERENCE_MAX_GRADE_PCT,
  LONG_RUN_SHARE_OF_WEEK,
  RUN_MAX_MEDIAN_SPEED_MS,
  RUN_MIN_RUNNING_SHARE,
  RUN_SURE_SPEED_MS,
  RUNNING_CADENCE_MIN_SPM,
  WALKING_SPEED_MAX_MS,
  STEADY_FASTER_THAN_EASY,
} from "./thresholds.js";
import { buildTrack, gather, type Track } from "./track.js";
import type { ActivityLabel, ActivitySummary, ClassifyContext, LabelSegment } from "./types.js";

const wholeRun = (summary: ActivitySummary, durationS: number): ActivityLabel["details"]["segments"] => [
  {
    startDistanceM: 0,
    endDistanceM: summary.distanceM ?? 0,
    startS: 0,
    endS: durationS,
    elevationChangeM: null,
    paceSPerKm: summary.avgPaceSPerKm,
  },
];

/**
 * Long run, relative to the client: distance ≥ 30% of the mean weekly distance of the last 4
 * weeks, or moving time ≥ 90% of the recent longest run, in both cases with ≥ 45 min moving.
 * Without any history (no weeks, or all zero): ≥ 90 min moving.
 */
export function detectLongRun(summary: ActivitySummary, context: ClassifyContext): ActivityLabel | null {
  const durationS = summary.movingS ?? summary.elapsedS;
  if (durationS === null) return null;
  const distanceM = summary.distanceM ?? 0;
  const weeks = context.recentWeeklyDistancesM.filter((w) => Number.isFinite(w) && w >= 0).slice(-LONG_RUN_HISTORY_WEEKS);
  const meanWeekM = weeks.length === 0 ? 0 : weeks.reduce((a, b) => a + b, 0) / weeks.length;
  const longest = context.recentLongestRunS ?? 0;
  const figures = { movingS: durationS, distanceM, meanWeeklyM: meanWeekM, weeksOfHistory: weeks.length };
  const typical = context.recentMedianRunM;
  const done = durationS >= LONG_RUN_MIN_MOVING_S && (typical === undefined || distanceM >= LONG_RUN_OVER_TYPICAL * typical);

  if (meanWeekM > 0 && done && distanceM >= LONG_RUN_SHARE_OF_WEEK * meanWeekM) {
    const share = distanceM / meanWeekM;
    return {
      kind: "long_run",
      confidence: confidenceFromRatio(share / LONG_RUN_SHARE_OF_WEEK, CONFIDENCE_AT_THRESHOLD, CONFIDENCE_MAX),
      evidence:
        `${formatDistance(distanceM)} in ${formatDuration(durationS)} moving is ${Math.round(share * 100)}% of the mean weekly ` +
        `${formatDistance(meanWeekM)} over the last ${weeks.length} week${weeks.length === 1 ? "" : "s"}.`,
      details: { segments: wholeRun(summary, durationS), figures: { ...figures, shareOfWeek: share } },
    };
  }
  if (longest > 0 && done && durationS >= LONG_RUN_OF_RECENT_LONGEST * longest) {
    return {
      kind: "long_run",
      confidence: confidenceFromRatio(durationS / (LONG_RUN_OF_RECENT_LONGEST * longest), CONFIDENCE_AT_THRESHOLD, CONFIDENCE_MAX),
      evidence: `${formatDuration(durationS)} moving is ${Math.round((durationS / longest) * 100)}% of the recent longest run (${formatDuration(longest)}).`,
      details: { segments: wholeRun(summary, durationS), figures: { ...figures, recentLongestRunS: longest } },
    };
  }
  if (meanWeekM === 0 && longest === 0 && durationS >= LONG_RUN_NO_HISTORY_S) {
    return {
      kind: "long_run",
      // Without history the rule cannot be relative to the client, so it is less sure.
      confidence: CONFIDENCE_AT_THRESHOLD,
      evidence: `${formatDuration(durationS)} moving; no recent weeks to compare with, so ${LONG_RUN_NO_HISTORY_S / 60} min or more counts as long.`,
      details: { segments: wholeRun(summary, durationS), figures },
    };
  }
  return null;
}

/** Steady when average pace is ≥ 8% faster (by speed) than the client's usual easy pace; easy otherwise. */
export function easyOrSteady(summary: ActivitySummary, context: ClassifyContext): ActivityLabel {
  const durationS = summary.movingS ?? summary.elapsedS ?? 0;
  const pace = summary.avgPaceSPerKm;
  const usual = context.usualEasyPaceSPerKm;
  if (pace === null || usual === undefined || !(usual > 0)) {
    return {
      kind: "easy",
      confidence: CONFIDENCE_EASY_BY_DEFAULT,
      evidence: "No hill, interval, downhill or long-run pattern; no usual easy pace to compare with, so easy by default.",
      details: { segments: wholeRun(summary, durationS), figures: { paceSPerKm: pace, usualEasyPaceSPerKm: usual ?? null } },
    };
  }
  const fasterBy = usual / pace - 1;
  const steady = fasterBy >= STEADY_FASTER_THAN_EASY;
  const ratio = steady ? fasterBy / STEADY_FASTER_THAN_EASY : STEADY_FASTER_THAN_EASY / Math.max(fasterBy, STEADY_FASTER_THAN_EASY / 2);
  return {
    kind: steady ? "steady" : "easy",
    confidence: confidenceFromRatio(ratio, CONFIDENCE_AT_THRESHOLD, CONFIDENCE_MAX),
    evidence:
      `Average ${formatPace(pace)}/km against a usual easy ${formatPace(usual)}/km ` +
      `(${fasterBy >= 0 ? `${Math.round(fasterBy * 100)}% faster` : `${Math.round(-fasterBy * 100)}% slower`}).`,
    details: { segments: wholeRun(summary, durationS), figures: { paceSPerKm: pace, usualEasyPaceSPerKm: usual, fasterBy } },
  };
}

/**
 * Whether the moving time looks like running: the median moving speed (step by step, by time) is
 * not beyond any runner, and at least RUN_MIN_RUNNING_SHARE of the moving time is running: at a
 * running cadence or at a speed nobody walks (when cadence is recorded), else at a running speed.
 */
function looksLikeRun(track: Track, cadence: Float64Array | null, summary: ActivitySummary): boolean {
  const averageMs = summary.avgPaceSPerKm !== null && summary.avgPaceSPerKm > 0 ? 1000 / summary.avgPaceSPerKm : 0;
  if (averageMs > RUN_MAX_MEDIAN_SPEED_MS) return false;
  let moving = 0;
  let tooFast = 0;
  let running = 0;
  for (let i = 1; i < track.count; i++) {
    if (track.moving[i] !== 1) continue;
    const dt = (track.clockS[i] ?? 0) - (track.clockS[i - 1] ?? 0);
    const v = dt > 0 ? ((track.distanceM[i] ?? 0) - (track.distanceM[i - 1] ?? 0)) / dt : 0;
    moving += dt;
    if (v > RUN_MAX_MEDIAN_SPEED_MS) tooFast += dt;
    const c = cadence?.[i] ?? Number.NaN;
    if (
      v <= RUN_MAX_MEDIAN_SPEED_MS &&
      ((c > 0 && c >= RUNNING_CADENCE_MIN_SPM) || v >= (c > 0 ? RUN_SURE_SPEED_MS : WALKING_SPEED_MAX_MS))
    )
      running += dt;
  }
  if (moving <= 0) return true;
  // The median moving speed is above the limit exactly when more than half the moving time is.
  return tooFast <= moving / 2 && running / moving >= RUN_MIN_RUNNING_SHARE;
}

/**
 * Labels a run with what it loaded: hill repeats, intervals (or else tempo), downhill, long run
 * (not exclusive), or easy/steady when none of those apply. Only running sports are classified;
 * others get [], and so does a "run" whose median or average moving speed no runner holds (a ride or a
 * drive in a GPX file without a type). Thresholds: thresholds.ts.
 */
export function classifyActivity(activity: ParsedActivity, summary: ActivitySummary, context: ClassifyContext): ActivityLabel[] {
  return finishLabels(classifyShape(activity, summary), summary, context);
}

/**
 * What the run's own records say, before its client's history is known: every label that needs
 * only the file, and whether tempo is still open. The costly part of classifying, so a worker
 * thread can do it (plain data: it crosses threads by structured clone); finishLabels adds the
 * history-dependent labels.
 */
export type RunShape =
  | { readonly run: false }
  | {
      readonly run: true;
      readonly hills: ActivityLabel | null;
      readonly speedWork: ActivityLabel | null;
      /** null when tempo is ruled out (speed work, hill repeats, a mountain run); else the stretch found, if any. */
      readonly tempo: { readonly fromStretch: ActivityLabel | null } | null;
      readonly downhill: ActivityLabel | null;
    };

export function classifyShape(activity: ParsedActivity, summary: ActivitySummary): RunShape {
  if (!RUNNING_SPORTS.has(activity.sport)) return { run: false };
  const track = buildTrack(activity);
  const signals: Signals = {
    cadenceSpm: gather(activity.samples.cadenceSpm, track.source),
    heartRate: gather(activity.samples.heartRate, track.source),
  };
  if (!looksLikeRun(track, signals.cadenceSpm, summary)) return { run: false };
  const stream = smoothStream(track);
  const lat = gather(activity.samples.lat, track.source);
  const lon = gather(activity.samples.lon, track.source);
  const hills = detectHillRepeats(track, summary.altitudeSource, lat !== null && lon !== null ? { lat, lon } : null);
  const reference = track.distanceSource === null || track.count < 2 ? null : referenceSpeeds(track, stream, signals.cadenceSpm);
  const intervals = reference === null ? null : detectIntervals(track, activity.laps, stream, reference, signals);
  const repsAreTheClimbs =
    intervals !== null &&
    ((hills !== null && shareOnSegments(intervals.details.segments, hills.details.segments) >= INTERVALS_ON_CLIMBS_SHARE) ||
      uphillShare(intervals.details.segments) >= INTERVALS_ON_CLIMBS_SHARE);
  const speedWork = repsAreTheClimbs || blendsIn(intervals, summary) ? null : intervals;
  const tempo =
    speedWork === null && hills === null && !onMountain(summary)
      ? { fromStretch: tempoFromStretch(track, stream, reference, signals) }
      : null;
  return { run: true, hills, speedWork, tempo, downhill: detectDownhill(track, summary) };
}

/** The labels, given the run's shape and the client's history (tempo against the usual easy pace, long run, easy/steady). */
export function finishLabels(shape: RunShape, summary: ActivitySummary, context: ClassifyContext): ActivityLabel[] {
  if (!shape.run) return [];
  const tempo = shape.tempo === null ? null : (shape.tempo.fromStretch ?? tempoAgainstUsualPace(summary, context));
  const labels = [shape.hills, shape.speedWork, tempo, shape.downhill, detectLongRun(summary, context)].filter(
    (label): label is ActivityLabel => label !== null,
  );
  return labels.length > 0 ? labels : [easyOrSteady(summary, context)];
}

/**
 * Reps found without marked laps whose pace is less than INTERVAL_REPS_FASTER_THAN_RUN faster
 * than the whole run's moving pace (reps included) do not stand out of the run: the run's
 * slowest stretches (restarts after stops, climbs, a cool-down walk) lowered the reference
 * under its ordinary running, which then reads as reps.
 */
function blendsIn(intervals: ActivityLabel | null, summary: ActivitySummary): boolean {
  if (intervals === null || intervals.details.figures.source === "marked_laps") return false;
  const repPace = intervals.details.figures.repPaceSPerKm;
  const runPace = summary.avgPaceSPerKm;
  if (typeof repPace !== "number" || runPace === null || !(repPace > 0)) return false;
  return runPace / repPace - 1 < INTERVAL_REPS_FASTER_THAN_RUN;
}

/**
 * The share of `reps`' time on reps that climb at least INTERVAL_REFERENCE_MAX_GRADE_PCT:
 * on a mountain run, running the gentler bits and walking the steep ones looks like intervals
 * in the speed stream, but the terrain set the pace, not the runner. Time, not distance: a
 * climbing rep covers little ground for its effort, so one fast flat stretch (a road section,
 * a GPS jump) would otherwise outweigh three climbs (seen on a real 40 km mountain file).
 */
function uphillShare(reps: readonly LabelSegment[]): number {
  let total = 0;
  let uphill = 0;
  for (const rep of reps) {
    const metres = rep.endDistanceM - rep.startDistanceM;
    const seconds = rep.endS - rep.startS;
    total += seconds;
    if (rep.elevationChangeM !== null && metres > 0 && (rep.elevationChangeM / metres) * 100 >= INTERVAL_REFERENCE_MAX_GRADE_PCT)
      uphill += seconds;
  }
  return total > 0 ? uphill / total : 0;
}

/** The share of `reps`' distance that lies inside any of `climbs`. */
function shareOnSegments(reps: readonly LabelSegment[], climbs: readonly LabelSegment[]): number {
  let total = 0;
  let inside = 0;
  for (const rep of reps) {
    total += rep.endDistanceM - rep.startDistanceM;
    for (const climb of climbs) {
      inside += Math.max(0, Math.min(rep.endDistanceM, climb.endDistanceM) - Math.max(rep.startDistanceM, climb.startDistanceM));
    }
  }
  return total > 0 ? inside / total : 0;
}
