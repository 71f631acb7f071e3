import { weightedPercentile } from "./numbers.js";
import {
  INTERVAL_EXIT_MARGIN,
  INTERVAL_FAST_MARGIN,
  INTERVAL_MAX_DOWNHILL_GRADE_PCT,
  INTERVAL_MIN_RECOVERY_S,
  INTERVAL_MIN_REP_S,
  INTERVAL_REFERENCE_PERCENTILE,
  INTERVAL_SPEED_HALF_WINDOW_S,
} from "./thresholds.js";
import { segmentBetween, type Track } from "./track.js";
import type { LabelSegment } from "./types.js";

/** Distance over the ±INTERVAL_SPEED_HALF_WINDOW_S window around each sample, m/s (stops included). */
export function smoothedSpeed(track: Track): Float64Array {
  const out = new Float64Array(track.count);
  const c = track.clockS;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < track.count; i++) {
    const centre = c[i] ?? 0;
    while (lo < i && (c[lo] ?? 0) < centre - INTERVAL_SPEED_HALF_WINDOW_S) lo++;
    if (hi < i) hi = i;
    while (hi + 1 < track.count && (c[hi + 1] ?? 0) <= centre + INTERVAL_SPEED_HALF_WINDOW_S) hi++;
    const dt = (c[hi] ?? 0) - (c[lo] ?? 0);
    out[i] = dt > 0 ? ((track.distanceM[hi] ?? 0) - (track.distanceM[lo] ?? 0)) / dt : 0;
  }
  return out;
}

/** The run's reference ("easy") speed: the 30th percentile of smoothed speed over moving time. */
export function referenceSpeed(track: Track, speed: Float64Array): number | null {
  const values: number[] = [];
  const weights: number[] = [];
  for (let i = 1; i < track.count; i++) {
    if (track.moving[i] !== 1) continue;
    values.push(speed[i] ?? 0);
    weights.push((track.clockS[i] ?? 0) - (track.clockS[i - 1] ?? 0));
  }
  if (values.length === 0) return null;
  const ref = weightedPercentile(values, weights, INTERVAL_REFERENCE_PERCENTILE);
  return Number.isFinite(ref) && ref > 0 ? ref : null;
}

export interface Rep {
  readonly segment: LabelSegment;
  readonly seconds: number;
  readonly metres: number;
}

export function repOf(track: Track, start: number, end: number): Rep {
  const segment = segmentBetween(track, start, end);
  return { segment, seconds: segment.endS - segment.startS, metres: segment.endDistanceM - segment.startDistanceM };
}

/**
 * A rep is fast enough, long enough and not mostly downhill: average speed ≥ the fast threshold,
 * ≥ INTERVAL_MIN_REP_S, average grade above INTERVAL_MAX_DOWNHILL_GRADE_PCT (when altitude is known).
 */
export function isRealRep(rep: Rep, referenceMs: number): boolean {
  if (rep.seconds < INTERVAL_MIN_REP_S || rep.metres <= 0) return false;
  if (rep.metres / rep.seconds < referenceMs * (1 + INTERVAL_FAST_MARGIN)) return false;
  const change = rep.segment.elevationChangeM;
  return change === null || (change / rep.metres) * 100 > INTERVAL_MAX_DOWNHILL_GRADE_PCT;
}

function stepSpeed(track: Track, i: number): number {
  const dt = (track.clockS[i] ?? 0) - (track.clockS[i - 1] ?? 0);
  return dt > 0 ? ((track.distanceM[i] ?? 0) - (track.distanceM[i - 1] ?? 0)) / dt : 0;
}

/**
 * The smoothed speed crosses the thresholds a few seconds before and after a rep, more so the
 * bigger the step in speed; the raw steps at the edges that are slower than the fast threshold
 * are trimmed off, so reps keep their real length and pace.
 */
function trimSlowEdges(track: Track, span: { start: number; end: number }, enter: number): void {
  while (span.start + 1 < span.end && stepSpeed(track, span.start + 1) < enter) span.start++;
  while (span.end - 1 > span.start && stepSpeed(track, span.end) < enter) span.end--;
}

/**
 * Fast segments of the smoothed speed, with hysteresis: a segment starts at ≥ reference × 1.15
 * and ends below reference × 1.07; slow raw steps at the edges are trimmed; segments separated by less than INTERVAL_MIN_RECOVERY_S are
 * joined; then only real reps (see isRealRep) remain.
 */
export function repsFromSpeed(track: Track, speed: Float64Array, referenceMs: number): Rep[] {
  const enter = referenceMs * (1 + INTERVAL_FAST_MARGIN);
  const exit = referenceMs * (1 + INTERVAL_EXIT_MARGIN);
  const spans: { start: number; end: number }[] = [];
  let start = -1;
  for (let i = 0; i < track.count; i++) {
    const v = speed[i] ?? 0;
    if (start < 0 && v >= enter) start = i;
    else if (start >= 0 && v < exit) {
      spans.push({ start, end: i });
      start = -1;
    }
  }
  if (start >= 0) spans.push({ start, end: track.count - 1 });
  for (const span of spans) trimSlowEdges(track, span, enter);

  const joined: { start: number; end: number }[] = [];
  for (const span of spans) {
    const last = joined[joined.length - 1];
    const gapS = last === undefined ? Infinity : (track.clockS[span.start] ?? 0) - (track.clockS[last.end] ?? 0);
    if (last !== undefined && gapS < INTERVAL_MIN_RECOVERY_S) last.end = span.end;
    else joined.push({ ...span });
  }
  return joined.map((s) => repOf(track, s.start, s.end)).filter((rep) => isRealRep(rep, referenceMs));
}
