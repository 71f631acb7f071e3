import type { ActivityLap } from "../activity.js";
import { formatDistance, formatPace } from "./format.js";
import { isRealRep, longestSet, referenceAt, referenceSpeeds, repOf, repsFromSpeed, smoothStream, type Rep } from "./interval-speed.js";
import { confidenceFromRatio, median } from "./numbers.js";
import { CONFIDENCE_AT_THRESHOLD, CONFIDENCE_MARKED_LAPS, CONFIDENCE_MAX, INTERVAL_FAST_MARGIN, INTERVAL_MIN_REPS } from "./thresholds.js";
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
  readonly source: "marked_laps" | "alternating_laps" | "speed_stream";
}

function findReps(track: Track, laps: readonly ActivityLap[], speed: Float64Array, reference: Float64Array): Found | null {
  const spans = lapSpans(track, laps);
  const marked = spans.some((s) => REST_INTENSITIES.has(s.intensity)) && spans.some((s) => WORK_INTENSITIES.has(s.intensity));
  if (marked) {
    const reps = longestSet(groupWorkLaps(track, spans, (s) => WORK_INTENSITIES.has(s.intensity)).filter((r) => isRealRep(r, reference)));
    if (reps.length >= INTERVAL_MIN_REPS) return { reps, source: "marked_laps" };
  }
  if (spans.length >= 2 * INTERVAL_MIN_REPS - 1 && spans.every((s) => !s.auto)) {
    const fast = (s: LapSpan): boolean => {
      const rep = repOf(track, s.start, s.end);
      return rep.seconds > 0 && rep.metres / rep.seconds >= referenceAt(rep, reference) * (1 + INTERVAL_FAST_MARGIN);
    };
    const reps = longestSet(groupWorkLaps(track, spans, fast).filter((r) => isRealRep(r, reference)));
    if (reps.length >= INTERVAL_MIN_REPS) return { reps, source: "alternating_laps" };
  }
  const reps = longestSet(repsFromSpeed(track, speed, reference));
  return reps.length >= INTERVAL_MIN_REPS ? { reps, source: "speed_stream" } : null;
}

const SOURCE_TEXT: Record<Found["source"], string> = {
  marked_laps: "from laps the watch marked as work and rest",
  alternating_laps: "from manual laps that alternate fast and slow",
  speed_stream: "from the smoothed speed",
};

/**
 * Intervals / speed work: a set of at least INTERVAL_MIN_REPS fast segments (≥ 15% faster than
 * the local reference speed, ≥ 30 s, not mostly downhill) with recoveries of 20 s to 5 min (or
 * the rep's length) between. Laps the device marked work/rest are used first, then manual laps
 * that alternate fast and slow, then the speed stream. `cadenceSpm` (at the track's samples,
 * already corrected if doubled) keeps walking out of the reference.
 */
export function detectIntervals(track: Track, laps: readonly ActivityLap[], cadenceSpm: Float64Array | null): ActivityLabel | null {
  if (track.distanceSource === null || track.count < 2) return null;
  const stream = smoothStream(track);
  const reference = referenceSpeeds(track, stream, cadenceSpm);
  if (reference === null) return null;
  const found = findReps(track, laps, stream.speed, reference);
  if (found === null) return null;

  const { reps, source } = found;
  const metres = reps.reduce((sum, r) => sum + r.metres, 0);
  const seconds = reps.reduce((sum, r) => sum + r.seconds, 0);
  const repPace = (seconds / metres) * 1000;
  const referencePace = 1000 / median(reps.map((r) => referenceAt(r, reference)));
  const typicalRepM = median(reps.map((r) => r.metres));
  const confidence =
    source === "marked_laps"
      ? CONFIDENCE_MARKED_LAPS
      : confidenceFromRatio(reps.length / INTERVAL_MIN_REPS, CONFIDENCE_AT_THRESHOLD, CONFIDENCE_MAX);
  return {
    kind: "intervals",
    confidence,
    evidence:
      `${reps.length} × ~${formatDistance(typicalRepM)} at ~${formatPace(repPace)}/km with recoveries between, ` +
      `against ~${formatPace(referencePace)}/km for the easier running (${SOURCE_TEXT[source]}).`,
    details: {
      segments: reps.map((r) => r.segment),
      figures: { reps: reps.length, typicalRepM, repPaceSPerKm: repPace, referencePaceSPerKm: referencePace, source },
    },
  };
}
