import { median } from "./numbers.js";
import {
  INTERVAL_EXIT_MARGIN,
  INTERVAL_FAST_MARGIN,
  INTERVAL_MAX_DOWNHILL_GRADE_PCT,
  INTERVAL_MIN_RECOVERY_S,
  INTERVAL_MIN_REP_S,
  INTERVAL_MAX_RECOVERY_S,
  INTERVAL_REFERENCE_BLOCK_S,
  INTERVAL_REFERENCE_MAX_GRADE_PCT,
  INTERVAL_REFERENCE_PERCENTILE,
  INTERVAL_REFERENCE_WINDOW_S,
  INTERVAL_REP_DURATION_SPREAD,
  INTERVAL_SPEED_HALF_WINDOW_S,
  RUNNING_CADENCE_MIN_SPM,
} from "./thresholds.js";
import { segmentBetween, type Track } from "./track.js";
import type { LabelSegment } from "./types.js";

/** Speed and grade of the ±INTERVAL_SPEED_HALF_WINDOW_S window around each sample (stops included). */
export interface SmoothedStream {
  /** m/s. */
  readonly speed: Float64Array;
  /** % (NaN without altitude or distance). */
  readonly gradePct: Float64Array;
}

export function smoothStream(track: Track): SmoothedStream {
  const speed = new Float64Array(track.count);
  const gradePct = new Float64Array(track.count).fill(Number.NaN);
  const c = track.clockS;
  const d = track.distanceM;
  const alt = track.altitudeM;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < track.count; i++) {
    const centre = c[i] ?? 0;
    while (lo < i && (c[lo] ?? 0) < centre - INTERVAL_SPEED_HALF_WINDOW_S) lo++;
    if (hi < i) hi = i;
    while (hi + 1 < track.count && (c[hi + 1] ?? 0) <= centre + INTERVAL_SPEED_HALF_WINDOW_S) hi++;
    const dt = (c[hi] ?? 0) - (c[lo] ?? 0);
    const dd = (d[hi] ?? 0) - (d[lo] ?? 0);
    speed[i] = dt > 0 ? dd / dt : 0;
    if (alt !== null && dd > 0) gradePct[i] = (((alt[hi] ?? Number.NaN) - (alt[lo] ?? Number.NaN)) / dd) * 100;
  }
  return { speed, gradePct };
}

/**
 * The reference ("easy") speed around each sample: the 30th percentile of smoothed speed over the
 * moving time within ±INTERVAL_REFERENCE_WINDOW_S, computed per INTERVAL_REFERENCE_BLOCK_S block,
 * leaving out walking (cadence under RUNNING_CADENCE_MIN_SPM, when recorded) and climbing (grade
 * ≥ INTERVAL_REFERENCE_MAX_GRADE_PCT), which are slow for reasons other than effort. Local
 * rather than whole-run, so the fresh first hours of an ultra are not "fast" against its tired
 * last hours. Null when the run has no moving (running) time at all.
 */
export function referenceSpeeds(track: Track, stream: SmoothedStream, cadenceSpm: Float64Array | null): Float64Array | null {
  const { speed, gradePct } = stream;
  const totalS = track.clockS[track.count - 1] ?? 0;
  const blockCount = Math.floor(totalS / INTERVAL_REFERENCE_BLOCK_S) + 1;
  const blocks = Array.from({ length: blockCount }, () => ({ values: [] as number[], weights: [] as number[] }));
  for (let i = 1; i < track.count; i++) {
    const cadence = cadenceSpm?.[i] ?? Number.NaN;
    const climbing = (gradePct[i] ?? Number.NaN) >= INTERVAL_REFERENCE_MAX_GRADE_PCT;
    if (track.moving[i] !== 1 || climbing || (cadence > 0 && cadence < RUNNING_CADENCE_MIN_SPM)) continue;
    const block = blocks[Math.floor((track.clockS[i] ?? 0) / INTERVAL_REFERENCE_BLOCK_S)];
    block?.values.push(speed[i] ?? 0);
    block?.weights.push((track.clockS[i] ?? 0) - (track.clockS[i - 1] ?? 0));
  }
  if (blocks.every((b) => b.values.length === 0)) return null;
  const reach = Math.ceil(INTERVAL_REFERENCE_WINDOW_S / INTERVAL_REFERENCE_BLOCK_S);
  const percentile = new WindowPercentile(blocks);
  const perBlock = blocks.map((_, b) => {
    const ref = percentile.of(Math.max(0, b - reach), Math.min(blocks.length - 1, b + reach), INTERVAL_REFERENCE_PERCENTILE);
    return Number.isFinite(ref) && ref > 0 ? ref : Number.NaN;
  });
  const out = new Float64Array(track.count);
  for (let i = 0; i < track.count; i++) out[i] = perBlock[Math.floor((track.clockS[i] ?? 0) / INTERVAL_REFERENCE_BLOCK_S)] ?? Number.NaN;
  return out;
}

/**
 * The time-weighted percentile of the speeds in a run of consecutive blocks, the same answer as
 * `weightedPercentile` over their concatenation, without sorting the window for every block
 * (which dominated bulk imports): a histogram finds the crossing bucket, and only that bucket's
 * few values are sorted.
 */
export class WindowPercentile {
  private static readonly BUCKET_MPS = 0.01;
  private readonly buckets: Int32Array[];
  private readonly histogram: Float64Array;

  constructor(private readonly blocks: readonly { values: number[]; weights: number[] }[]) {
    let max = 0;
    for (const block of blocks) for (const v of block.values) if (v > max) max = v;
    this.histogram = new Float64Array(Math.ceil(max / WindowPercentile.BUCKET_MPS) + 2);
    this.buckets = blocks.map((block) => Int32Array.from(block.values, (v) => WindowPercentile.bucketOf(v)));
  }

  private static bucketOf(value: number): number {
    return Math.max(0, Math.floor(value / WindowPercentile.BUCKET_MPS));
  }

  of(first: number, last: number, p: number): number {
    const histogram = this.histogram;
    histogram.fill(0);
    let total = 0;
    for (let b = first; b <= last; b++) {
      const block = this.blocks[b];
      const buckets = this.buckets[b];
      if (!block || !buckets) continue;
      for (let k = 0; k < buckets.length; k++) {
        const w = block.weights[k] ?? 0;
        histogram[buckets[k] ?? 0] = (histogram[buckets[k] ?? 0] ?? 0) + w;
        total += w;
      }
    }
    const target = p * total;
    let seen = 0;
    let crossing = -1;
    for (let i = 0; i < histogram.length; i++) {
      const h = histogram[i] ?? 0;
      if (h > 0 && seen + h >= target) {
        crossing = i;
        break;
      }
      seen += h;
    }
    if (crossing < 0) return Number.NaN;
    const inBucket: [number, number][] = [];
    for (let b = first; b <= last; b++) {
      const block = this.blocks[b];
      const buckets = this.buckets[b];
      if (!block || !buckets) continue;
      for (let k = 0; k < buckets.length; k++) if (buckets[k] === crossing) inBucket.push([block.values[k] ?? 0, block.weights[k] ?? 0]);
    }
    inBucket.sort((a, b) => a[0] - b[0]);
    for (const [value, weight] of inBucket) {
      seen += weight;
      if (seen >= target) return value;
    }
    return inBucket.at(-1)?.[0] ?? Number.NaN;
  }
}

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

/**
 * A rep is fast enough, long enough and not mostly downhill: average speed ≥ the fast threshold,
 * ≥ INTERVAL_MIN_REP_S, average grade above INTERVAL_MAX_DOWNHILL_GRADE_PCT (when altitude is known).
 */
export function isRealRep(rep: Rep, reference: Float64Array): boolean {
  const referenceMs = referenceAt(rep, reference);
  if (rep.seconds < INTERVAL_MIN_REP_S || rep.metres <= 0 || !(referenceMs > 0)) return false;
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
 * and ends below reference × 1.07; slow raw steps at its edges are trimmed; segments less than
 * INTERVAL_MIN_RECOVERY_S apart are joined; then only real reps (see isRealRep) remain.
 */
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
    if (last !== undefined && gapS < INTERVAL_MIN_RECOVERY_S) last.end = span.end;
    else joined.push({ ...span });
  }
  return joined.map((s) => repOf(track, s.start, s.end)).filter((rep) => isRealRep(rep, reference));
}

/**
 * The longest set of consecutive reps, each starting within INTERVAL_MAX_RECOVERY_S (or the
 * length of the rep before, when longer) of the end of the one before: a session, not surges
 * scattered over a long run. Reps more than INTERVAL_REP_DURATION_SPREAD times longer or shorter
 * than the set's median are then left out.
 */
export function longestSet(reps: readonly Rep[]): Rep[] {
  let best: Rep[] = [];
  let current: Rep[] = [];
  for (const rep of reps) {
    const last = current[current.length - 1];
    const recoveryS = last === undefined ? 0 : rep.segment.startS - last.segment.endS;
    current = last !== undefined && recoveryS <= Math.max(INTERVAL_MAX_RECOVERY_S, last.seconds) ? [...current, rep] : [rep];
    if (current.length > best.length) best = current;
  }
  const typicalS = median(best.map((r) => r.seconds));
  return best.filter((r) => r.seconds <= typicalS * INTERVAL_REP_DURATION_SPREAD && r.seconds >= typicalS / INTERVAL_REP_DURATION_SPREAD);
}
