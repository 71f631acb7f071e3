/**
 * Reps from the speed stream: fast stretches against the reference speed, joined across dips the
 * runner did not slow down for, and whether cadence or heart rate confirms each one.
 */
import { median } from "../../shared/quantiles.js";
import {
  INTERVAL_EXIT_MARGIN,
  INTERVAL_FAST_MARGIN,
  INTERVAL_MAX_DOWNHILL_GRADE_PCT,
  INTERVAL_MIN_RECOVERY_S,
  INTERVAL_MIN_REP_S,
  INTERVAL_MAX_RECOVERY_REP_LENGTHS,
  INTERVAL_MAX_RECOVERY_S,
  INTERVAL_REP_DURATION_SPREAD,
  REP_CADENCE_RISE_SPM,
  REP_HEART_RATE_FALL_BPM,
  REP_HEART_RATE_FALL_WINDOW_S,
  REP_HEART_RATE_JITTER_FACTOR,
  REP_HEART_RATE_JITTER_HALF_WINDOW_S,
  REP_HEART_RATE_LAG_S,
  REP_HEART_RATE_RISE_BPM,
  REP_SURROUND_S,
} from "./thresholds.js";
import { segmentBetween, type Track } from "./track.js";
import type { LabelSegment } from "./types.js";
import { gradeCostFactor } from "./interval-speed.js";

export interface Rep {
  readonly start: number;
  readonly end: number;
  readonly segment: LabelSegment;
  readonly seconds: number;
  readonly metres: number;
}

export function repOf(track: Track, start: number, end: number): Rep {
  const segment = segmentBetween(track, start, end);
  return { start, end, segment, seconds: segment.endS - segment.startS, metres: segment.endDistanceM - segment.startDistanceM };
}

/** The reference speed in the middle of a rep. */
export function referenceAt(rep: Rep, reference: Float64Array): number {
  return reference[(rep.start + rep.end) >> 1] ?? Number.NaN;
}

/** A rep's grade-adjusted average speed, m/s (its raw average where the grade is unknown). */
export function repGapSpeed(rep: Rep): number {
  if (rep.seconds <= 0 || rep.metres <= 0) return 0;
  const change = rep.segment.elevationChangeM;
  const factor = change === null ? 1 : gradeCostFactor((change / rep.metres) * 100);
  return (rep.metres / rep.seconds) * factor;
}

/**
 * A rep is fast enough, long enough and not mostly downhill: grade-adjusted average speed ≥ the
 * fast threshold, ≥ INTERVAL_MIN_REP_S, average grade above INTERVAL_MAX_DOWNHILL_GRADE_PCT
 * (when altitude is known).
 */
export function isRealRep(rep: Rep, reference: Float64Array): boolean {
  const referenceMs = referenceAt(rep, reference);
  if (rep.seconds < INTERVAL_MIN_REP_S || rep.metres <= 0 || !(referenceMs > 0)) return false;
  if (repGapSpeed(rep) < referenceMs * (1 + INTERVAL_FAST_MARGIN)) return false;
  const change = rep.segment.elevationChangeM;
  return change === null || (change / rep.metres) * 100 > INTERVAL_MAX_DOWNHILL_GRADE_PCT;
}

/** Fewer easier samples than this around a rep (standing rests) leave nothing to compare with. */
const MIN_EASY_SAMPLES = 10;
/** Heart rate is read as the median of ±5 s when judging its fall after a rep. */
const HR_SMOOTH_S = 5;

/** Cadence (spm, already corrected when doubled) and heart rate at the track's samples, when recorded. */
export interface Signals {
  readonly cadenceSpm: Float64Array | null;
  readonly heartRate: Float64Array | null;
}

function indexAtClock(track: Track, s: number): number {
  let lo = 0;
  let hi = track.count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((track.clockS[mid] ?? 0) < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function medianOf(column: Float64Array, ranges: readonly (readonly [number, number])[], keep: (v: number, i: number) => boolean): number {
  const values: number[] = [];
  for (const [from, to] of ranges) {
    for (let i = Math.max(0, from); i <= to && i < column.length; i++) {
      const v = column[i] ?? Number.NaN;
      if (Number.isFinite(v) && keep(v, i)) values.push(v);
    }
  }
  return median(values) ?? Number.NaN;
}

/** Each heart-rate column's jitter, computed once per column (a run's reps share it). */
const jitterOf = new WeakMap<Float64Array, number>();

/**
 * The heart-rate stream's short-term jitter, bpm: the median distance of a reading from the
 * mean of the readings within ±REP_HEART_RATE_JITTER_HALF_WINDOW_S. 0 for a steady stream, about
 * the slope × a few seconds on a smooth rise, ±x for readings that jump ±x about their level.
 */
export function heartRateJitter(track: Track, hr: Float64Array): number {
  const known = jitterOf.get(hr);
  if (known !== undefined) return known;
  const distances: number[] = [];
  let lo = 0;
  let hi = 0;
  const c = track.clockS;
  const n = Math.min(track.count, hr.length);
  for (let i = 0; i < n; i++) {
    const v = hr[i] ?? Number.NaN;
    if (!(v > 0)) continue;
    while (lo < i && (c[lo] ?? 0) < (c[i] ?? 0) - REP_HEART_RATE_JITTER_HALF_WINDOW_S) lo++;
    if (hi < i) hi = i;
    while (hi + 1 < n && (c[hi + 1] ?? 0) <= (c[i] ?? 0) + REP_HEART_RATE_JITTER_HALF_WINDOW_S) hi++;
    let sum = 0;
    let count = 0;
    for (let k = lo; k <= hi; k++) {
      const w = hr[k] ?? Number.NaN;
      if (w > 0) {
        sum += w;
        count++;
      }
    }
    if (count >= 3) distances.push(Math.abs(v - sum / count));
  }
  const jitter = median(distances) ?? 0;
  jitterOf.set(hr, jitter);
  return jitter;
}

/**
 * Whether the body confirms a rep the speed found. With cadence: the rep's median cadence is
 * ≥ REP_CADENCE_RISE_SPM above the median of the easier moving samples (`easy(i)`: below the
 * fast threshold) within REP_SURROUND_S around it (true when there are hardly any, as when the
 * runner stood still all around: a standing rest is not GPS jitter), and heart rate, when
 * recorded, falls after the rep as below. Without
 * cadence, with heart rate: it rises ≥ REP_HEART_RATE_RISE_BPM, and ≥ REP_HEART_RATE_JITTER_FACTOR
 * times the stream's jitter, from the rep's start (the first 10 s of readings inside it) to its
 * highest point up to REP_HEART_RATE_LAG_S after its end, then falls ≥ REP_HEART_RATE_FALL_BPM
 * from that point within REP_HEART_RATE_FALL_WINDOW_S after the rep's end. With neither: true.
 */
export function isCorroborated(track: Track, rep: Rep, signals: Signals, easy: (i: number) => boolean): boolean {
  const cadence = signals.cadenceSpm;
  const inside = medianOf(cadence ?? new Float64Array(0), [[rep.start, rep.end]], (v) => v > 0);
  if (cadence !== null && Number.isFinite(inside)) {
    const before = indexAtClock(track, rep.segment.startS - REP_SURROUND_S);
    const after = indexAtClock(track, rep.segment.endS + REP_SURROUND_S);
    const values: number[] = [];
    for (let i = Math.max(0, before); i <= after && i < cadence.length; i++) {
      const v = cadence[i] ?? Number.NaN;
      if ((i < rep.start || i > rep.end) && v > 0 && track.moving[i] === 1 && easy(i)) values.push(v);
    }
    const quicker = values.length < MIN_EASY_SAMPLES || inside - median(values)! >= REP_CADENCE_RISE_SPM;
    return quicker && (signals.heartRate === null || heartRateFalls(track, rep, signals.heartRate, rep.start));
  }
  const hr = signals.heartRate;
  if (hr === null) return true;
  // The rep's start is its first readings: a stream that begins inside the rep (a phone's heart
  // rate often starts a minute late) is judged from where it begins, not taken on trust.
  let first = rep.start;
  while (first <= rep.end && first < hr.length && !((hr[first] ?? Number.NaN) > 0)) first++;
  if (first > rep.end || first >= hr.length) return true;
  const startHr = medianOf(hr, [[first, indexAtClock(track, (track.clockS[first] ?? 0) + 10)]], (v) => v > 0);
  if (!Number.isFinite(startHr)) return true;
  let peak = Number.NaN;
  let peakAt = rep.start;
  const last = indexAtClock(track, rep.segment.endS + REP_HEART_RATE_LAG_S);
  for (let i = rep.start; i <= last && i < hr.length; i++) {
    const v = hr[i] ?? Number.NaN;
    if (Number.isFinite(v) && !(v <= peak)) {
      peak = v;
      peakAt = i;
    }
  }
  if (!Number.isFinite(peak)) return true;
  if (peak - startHr < Math.max(REP_HEART_RATE_RISE_BPM, REP_HEART_RATE_JITTER_FACTOR * heartRateJitter(track, hr))) return false;
  // …and falls again after its peak: on a run whose heart rate drifts up all along, any stretch
  // "rises".
  return heartRateFalls(track, rep, hr, peakAt);
}

/**
 * Whether heart rate comes down ≥ REP_HEART_RATE_FALL_BPM within REP_HEART_RATE_FALL_WINDOW_S of
 * the rep's end, from its highest point at or after `from` (up to REP_HEART_RATE_LAG_S past the
 * end). Both ends are medians over ±HR_SMOOTH_S, so one noisy optical reading decides neither.
 * True when heart rate is missing there, or the file ends with the rep (nothing after to judge).
 */
function heartRateFalls(track: Track, rep: Rep, hr: Float64Array, from: number): boolean {
  if (rep.end >= Math.min(track.count, hr.length) - 1) return true;
  let peakAt = from;
  let peak = Number.NaN;
  const last = indexAtClock(track, rep.segment.endS + REP_HEART_RATE_LAG_S);
  for (let i = from; i <= last && i < hr.length; i++) {
    const v = hr[i] ?? Number.NaN;
    if (Number.isFinite(v) && !(v <= peak)) {
      peak = v;
      peakAt = i;
    }
  }
  if (!Number.isFinite(peak)) return true;
  const smoothed = (i: number): number => {
    const t = track.clockS[i] ?? 0;
    return medianOf(hr, [[indexAtClock(track, t - HR_SMOOTH_S), indexAtClock(track, t + HR_SMOOTH_S)]], (v) => v > 0);
  };
  const top = smoothed(peakAt);
  let low = Number.NaN;
  const recoveryEnd = indexAtClock(track, rep.segment.endS + REP_HEART_RATE_FALL_WINDOW_S);
  for (let i = peakAt; i <= recoveryEnd && i < hr.length; i++) {
    const v = smoothed(i);
    if (Number.isFinite(v) && !(v >= low)) low = v;
  }
  return !Number.isFinite(low) || !Number.isFinite(top) || top - low >= REP_HEART_RATE_FALL_BPM;
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
 * and ends below reference × 1.07; slow raw steps at its edges are trimmed; segments less than
 * INTERVAL_MIN_RECOVERY_S apart, or apart by a dip the runner did not slow down for (notSlower),
 * are joined; then only real reps (see isRealRep) remain.
 */
/** Whether sample i runs below the fast threshold (the easier running a rep is compared with). */
export function easierThan(speed: Float64Array, reference: Float64Array): (i: number) => boolean {
  return (i) => (speed[i] ?? 0) < (reference[i] ?? Number.NaN) * (1 + INTERVAL_EXIT_MARGIN);
}

/** Raw (not grade-adjusted) average speed between two samples, m/s; NaN over no time. */
function rawSpeedBetween(track: Track, from: number, to: number): number {
  const seconds = (track.clockS[to] ?? 0) - (track.clockS[from] ?? 0);
  return seconds > 0 ? ((track.distanceM[to] ?? 0) - (track.distanceM[from] ?? 0)) / seconds : Number.NaN;
}

/**
 * Whether the runner kept the pace over the dip between two fast segments: the dip's raw (not
 * grade-adjusted) average speed stays above the exit threshold (reference × (1 +
 * INTERVAL_EXIT_MARGIN)) and less than INTERVAL_EXIT_MARGIN below the raw speed of the slower of
 * the two. A stretch down a slope, or a reference that rose, dips in grade-adjusted speed only;
 * a runner who does not slow down is not recovering.
 */
function notSlower(
  track: Track,
  before: { start: number; end: number },
  after: { start: number; end: number },
  reference: Float64Array,
): boolean {
  const dip = rawSpeedBetween(track, before.end, after.start);
  const exit = (reference[(before.end + after.start) >> 1] ?? Number.NaN) * (1 + INTERVAL_EXIT_MARGIN);
  const slower = Math.min(rawSpeedBetween(track, before.start, before.end), rawSpeedBetween(track, after.start, after.end));
  return dip >= exit && dip * (1 + INTERVAL_EXIT_MARGIN) >= slower;
}

export function repsFromSpeed(track: Track, speed: Float64Array, reference: Float64Array): Rep[] {
  const enter = (i: number): number => (reference[i] ?? Number.NaN) * (1 + INTERVAL_FAST_MARGIN);
  const spans: { start: number; end: number }[] = [];
  let start = -1;
  for (let i = 0; i < track.count; i++) {
    const v = speed[i] ?? 0;
    if (start < 0 && v >= enter(i)) start = i;
    else if (start >= 0 && !(v >= (reference[i] ?? Number.NaN) * (1 + INTERVAL_EXIT_MARGIN))) {
      spans.push({ start, end: i });
      start = -1;
    }
  }
  if (start >= 0) spans.push({ start, end: track.count - 1 });
  for (const span of spans) trimSlowEdges(track, span, enter(span.start));

  const joined: { start: number; end: number }[] = [];
  for (const span of spans) {
    const last = joined[joined.length - 1];
    const gapS = last === undefined ? Infinity : (track.clockS[span.start] ?? 0) - (track.clockS[last.end] ?? 0);
    if (last !== undefined && (gapS < INTERVAL_MIN_RECOVERY_S || notSlower(track, last, span, reference))) last.end = span.end;
    else joined.push({ ...span });
  }
  return joined.map((s) => repOf(track, s.start, s.end)).filter((rep) => isRealRep(rep, reference));
}

/**
 * The longest set of consecutive reps, each starting within INTERVAL_MAX_RECOVERY_S (or twice
 * the length of the rep before, when longer) of the end of the one before: a session, not surges
 * scattered over a long run. Reps more than INTERVAL_REP_DURATION_SPREAD times longer or shorter
 * than the set's median are then left out.
 */
export function longestSet(reps: readonly Rep[]): Rep[] {
  let best: Rep[] = [];
  let current: Rep[] = [];
  for (const rep of reps) {
    const last = current[current.length - 1];
    const recoveryS = last === undefined ? 0 : rep.segment.startS - last.segment.endS;
    current =
      last !== undefined && recoveryS <= Math.max(INTERVAL_MAX_RECOVERY_S, INTERVAL_MAX_RECOVERY_REP_LENGTHS * last.seconds)
        ? [...current, rep]
        : [rep];
    if (current.length > best.length) best = current;
  }
  const typicalS = median(best.map((r) => r.seconds)) ?? 0;
  return best.filter((r) => r.seconds <= typicalS * INTERVAL_REP_DURATION_SPREAD && r.seconds >= typicalS / INTERVAL_REP_DURATION_SPREAD);
}
