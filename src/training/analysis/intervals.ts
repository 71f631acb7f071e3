import type { ActivityLap } from "../activity.js";
import { formatDistance, formatDuration, formatPace } from "./format.js";
import {
  easierThan,
  isCorroborated,
  isRealRep,
  longestSet,
  referenceAt,
  repGapSpeed,
  repOf,
  repsFromSpeed,
  type Rep,
  type Signals,
} from "./reps.js";
import type { SmoothedStream } from "./interval-speed.js";
import { median } from "../../shared/quantiles.js";
import { confidenceFromRatio } from "./numbers.js";
import {
  CONFIDENCE_AT_THRESHOLD,
  CONFIDENCE_MARKED_LAPS,
  CONFIDENCE_MAX,
  CONFIDENCE_UNCORROBORATED_FACTOR,
  INTERVAL_FAST_MARGIN,
  INTERVAL_FAST_MARGIN_SPEED_ONLY,
  INTERVAL_MIN_REPS,
  WALKING_SPEED_MAX_MS,
} from "./thresholds.js";
import type { Track } from "./track.js";
import type { ActivityLabel } from "./types.js";

/** Lap vocabularies of FIT (active, interval, rest, recovery) and TCX (Active, Resting). */
const WORK_INTENSITIES = new Set(["active", "interval"]);
const REST_INTENSITIES = new Set(["rest", "resting", "recovery"]);
/** Laps the device started by itself (auto-lap by distance, time, position or heart rate) say nothing about effort. */
const AUTO_TRIGGER = /^(distance|time|position|location|heartrate)/;

const normalise = (word: string | null): string => (word ?? "").toLowerCase().replace(/[^a-z]/g, "");

function indexAtTime(track: Track, ms: number): number {
  let lo = 0;
  let hi = track.count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((track.timeMs[mid] ?? 0) < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface LapSpan {
  readonly start: number;
  readonly end: number;
  readonly intensity: string;
  readonly auto: boolean;
}

function lapSpans(track: Track, laps: readonly ActivityLap[]): LapSpan[] {
  const lastMs = track.timeMs[track.count - 1] ?? 0;
  return laps.map((lap, k) => {
    const fallbackEnd = lap.elapsedS !== null ? lap.startTime + lap.elapsedS * 1000 : (laps[k + 1]?.startTime ?? lastMs);
    return {
      start: indexAtTime(track, lap.startTime),
      end: indexAtTime(track, lap.endTime ?? fallbackEnd),
      intensity: normalise(lap.intensity),
      auto: AUTO_TRIGGER.test(normalise(lap.trigger)),
    };
  });
}

/** Joins consecutive work laps into one rep each; any other lap ends a rep. */
function groupWorkLaps(track: Track, spans: readonly LapSpan[], isWork: (span: LapSpan) => boolean): Rep[] {
  const reps: Rep[] = [];
  let open: { start: number; end: number } | null = null;
  for (const span of spans) {
    if (isWork(span)) {
      open = open === null ? { start: span.start, end: span.end } : { start: open.start, end: span.end };
      continue;
    }
    if (open !== null) reps.push(repOf(track, open.start, open.end));
    open = null;
  }
  if (open !== null) reps.push(repOf(track, open.start, open.end));
  return reps;
}

interface Found {
  readonly reps: Rep[];
  readonly source: "marked_laps" | "alternating_laps" | "auto_laps" | "speed_stream";
}

function findReps(
  track: Track,
  laps: readonly ActivityLap[],
  speed: Float64Array,
  reference: Float64Array,
  signals: Signals,
): Found | null {
  const spans = lapSpans(track, laps);
  const marked = spans.some((s) => REST_INTENSITIES.has(s.intensity)) && spans.some((s) => WORK_INTENSITIES.has(s.intensity));
  if (marked) {
    const reps = longestSet(groupWorkLaps(track, spans, (s) => WORK_INTENSITIES.has(s.intensity)).filter((r) => isRealRep(r, reference)));
    if (reps.length >= INTERVAL_MIN_REPS) return { reps, source: "marked_laps" };
  }
  const easy = easierThan(speed, reference);
  // With neither cadence nor heart rate nothing can confirm a rep, so it must stand out of GPS speed swings on its own.
  const speedOnly = signals.cadenceSpm === null && signals.heartRate === null;
  const clearOfSwings = (rep: Rep): boolean =>
    !speedOnly || repGapSpeed(rep) >= referenceAt(rep, reference) * (1 + INTERVAL_FAST_MARGIN_SPEED_ONLY);
  // A rep owes its speed to the running, not to a GPS jump or two: its median speed is fast too.
  const fastThroughout = (rep: Rep): boolean => {
    const values: number[] = [];
    for (let i = rep.start; i <= rep.end; i++) values.push(speed[i] ?? 0);
    return (median(values) ?? 0) >= referenceAt(rep, reference) * (1 + INTERVAL_FAST_MARGIN);
  };
  const corroborated = (rep: Rep): boolean =>
    isRealRep(rep, reference) && isCorroborated(track, rep, signals, easy) && clearOfSwings(rep) && fastThroughout(rep);
  if (spans.length >= 2 * INTERVAL_MIN_REPS - 1) {
    // Laps of any trigger (manual, distance, time): a fast lap between slow ones is a rep when the body agrees.
    const reps = longestSet(groupWorkLaps(track, spans, (s) => isRealRep(repOf(track, s.start, s.end), reference)).filter(corroborated));
    if (reps.length >= INTERVAL_MIN_REPS) return { reps, source: spans.every((s) => !s.auto) ? "alternating_laps" : "auto_laps" };
  }
  const reps = longestSet(
    repsFromSpeed(track, speed, reference).filter(
      (rep) => isCorroborated(track, rep, signals, easy) && clearOfSwings(rep) && fastThroughout(rep),
    ),
  );
  return reps.length >= INTERVAL_MIN_REPS ? { reps, source: "speed_stream" } : null;
}

const SOURCE_TEXT: Record<Found["source"], string> = {
  marked_laps: "from laps the watch marked as work and rest",
  alternating_laps: "from manual laps that alternate fast and slow",
  auto_laps: "from laps that alternate fast and slow",
  speed_stream: "from the smoothed speed",
};

/** What the recoveries between reps were, in words: never a pace of a standing rest. */
function recoveryText(track: Track, reps: readonly Rep[]): string {
  let metres = 0;
  let seconds = 0;
  for (let k = 1; k < reps.length; k++) {
    const a = reps[k - 1];
    const b = reps[k];
    if (a === undefined || b === undefined) continue;
    metres += b.segment.startDistanceM - a.segment.endDistanceM;
    seconds += b.segment.startS - a.segment.endS;
  }
  if (seconds <= 0) return "with recoveries between";
  const speed = metres / seconds;
  if (speed < WALKING_SPEED_MAX_MS) return `with standing or walking recoveries (~${formatDuration(seconds / (reps.length - 1))} each)`;
  return `with recoveries at ~${formatPace(1000 / speed)}/km`;
}

/**
 * Intervals / speed work: a set of at least INTERVAL_MIN_REPS fast segments (grade-adjusted ≥ 15%
 * faster than the local reference speed, ≥ 30 s, not mostly downhill) with recoveries of 20 s to
 * 5 min (or the rep's length) between. Laps the device marked work/rest are used first, then laps
 * that alternate fast and slow, then the speed stream; reps from laps without marks and from the
 * speed stream must be corroborated by cadence or heart rate where the file has them.
 */
export function detectIntervals(
  track: Track,
  laps: readonly ActivityLap[],
  stream: SmoothedStream,
  reference: Float64Array,
  signals: Signals,
): ActivityLabel | null {
  if (track.distanceSource === null || track.count < 2) return null;
  const found = findReps(track, laps, stream.speed, reference, signals);
  if (found === null) return null;

  const { reps, source } = found;
  const metres = reps.reduce((sum, r) => sum + r.metres, 0);
  const seconds = reps.reduce((sum, r) => sum + r.seconds, 0);
  const repPace = (seconds / metres) * 1000;
  const referencePace = 1000 / median(reps.map((r) => referenceAt(r, reference)))!;
  const typicalRepM = median(reps.map((r) => r.metres))!;
  const typicalRepS = median(reps.map((r) => r.seconds))!;
  const bodySignals = signals.cadenceSpm !== null || signals.heartRate !== null;
  const confidence =
    source === "marked_laps"
      ? CONFIDENCE_MARKED_LAPS
      : Math.round(
          confidenceFromRatio(reps.length / INTERVAL_MIN_REPS, CONFIDENCE_AT_THRESHOLD, CONFIDENCE_MAX) *
            (bodySignals ? 1 : CONFIDENCE_UNCORROBORATED_FACTOR) *
            100,
        ) / 100;
  // Reps set by distance vary in time and the other way round: say the one that varies less.
  const spread = (values: number[]): number => (Math.max(...values) - Math.min(...values)) / median(values)!;
  const byTime = spread(reps.map((r) => r.seconds)) < spread(reps.map((r) => r.metres));
  const size = byTime ? formatDuration(typicalRepS) : formatDistance(typicalRepM);
  return {
    kind: "intervals",
    confidence,
    evidence: `${reps.length} × ~${size} at ~${formatPace(repPace)}/km ${recoveryText(track, reps)} (${SOURCE_TEXT[source]}).`,
    details: {
      segments: reps.map((r) => r.segment),
      figures: {
        reps: reps.length,
        typicalRepM,
        typicalRepS,
        repPaceSPerKm: repPace,
        referencePaceSPerKm: Number.isFinite(referencePace) ? referencePace : null,
        source,
      },
    },
  };
}
