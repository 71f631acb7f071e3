import { median } from "../../shared/quantiles.js";
import {
  BRISK_WALK_CADENCE_MAX_SPM,
  BRISK_WALK_SPEED_MAX_MS,
  GAP_MAX_GRADE_PCT,
  INTERVAL_EXIT_MARGIN,
  INTERVAL_FAST_MARGIN,
  INTERVAL_MAX_DOWNHILL_GRADE_PCT,
  INTERVAL_MIN_RECOVERY_S,
  INTERVAL_MIN_REP_S,
  INTERVAL_MAX_RECOVERY_REP_LENGTHS,
  INTERVAL_MAX_RECOVERY_S,
  INTERVAL_REFERENCE_BLOCK_S,
  INTERVAL_REFERENCE_MAX_GRADE_PCT,
  INTERVAL_REFERENCE_PERCENTILE,
  INTERVAL_REFERENCE_WINDOW_S,
  INTERVAL_REP_DURATION_SPREAD,
  INTERVAL_SPEED_HALF_WINDOW_S,
  REP_CADENCE_RISE_SPM,
  REP_HEART_RATE_FALL_BPM,
  REP_HEART_RATE_FALL_WINDOW_S,
  REP_HEART_RATE_JITTER_FACTOR,
  REP_HEART_RATE_JITTER_HALF_WINDOW_S,
  REP_HEART_RATE_LAG_S,
  REP_HEART_RATE_RISE_BPM,
  REP_SURROUND_S,
  RUNNING_CADENCE_MIN_SPM,
  WALKING_SPEED_MAX_MS,
} from "./thresholds.js";
import { ScratchFloat64, ScratchInt32 } from "./scratch.js";
import { segmentBetween, type Track } from "./track.js";
import type { LabelSegment } from "./types.js";

/** Speed and grade of the ±INTERVAL_SPEED_HALF_WINDOW_S window around each sample (stops included). */
export interface SmoothedStream {
  /** Grade-adjusted speed, m/s: the flat speed of the same effort (the raw speed where grade is unknown). */
  readonly speed: Float64Array;
  /** Raw smoothed speed, m/s. */
  readonly rawSpeed: Float64Array;
  /** % (NaN without altitude or distance). */
  readonly gradePct: Float64Array;
}

/**
 * Energy cost of running on a grade relative to the flat (Minetti et al. 2002, J Appl Physiol
 * 93:1039–1046: C(i) = 155.4i⁵ − 30.4i⁴ − 43.3i³ + 46.3i² + 19.5i + 3.6 J/kg/m, i the grade as a
 * fraction), clamped to ±GAP_MAX_GRADE_PCT. 1 on the flat, ~1.66 at +10%, ~0.60 at −10%.
 */
export function gradeCostFactor(gradePct: number): number {
  if (!Number.isFinite(gradePct)) return 1;
  const i = Math.max(-GAP_MAX_GRADE_PCT, Math.min(GAP_MAX_GRADE_PCT, gradePct)) / 100;
  const cost = ((((155.4 * i - 30.4) * i - 43.3) * i + 46.3) * i + 19.5) * i + 3.6;
  return cost / 3.6;
}

/** Grade is taken over a wider window (±15 s) than speed: smoothed altitude still wobbles by a metre. */
const GRADE_HALF_WINDOW_S = 15;

export function smoothStream(track: Track): SmoothedStream {
  const rawSpeed = new Float64Array(track.count);
  const speed = new Float64Array(track.count);
  const gradePct = new Float64Array(track.count).fill(Number.NaN);
  const c = track.clockS;
  const d = track.distanceM;
  const alt = track.altitudeM;
  let lo = 0;
  let hi = 0;
  let glo = 0;
  let ghi = 0;
  let lastGrade = Number.NaN;
  let lastFactor = 1;
  for (let i = 0; i < track.count; i++) {
    const centre = c[i] ?? 0;
    while (lo < i && (c[lo] ?? 0) < centre - INTERVAL_SPEED_HALF_WINDOW_S) lo++;
    if (hi < i) hi = i;
    while (hi + 1 < track.count && (c[hi + 1] ?? 0) <= centre + INTERVAL_SPEED_HALF_WINDOW_S) hi++;
    const dt = (c[hi] ?? 0) - (c[lo] ?? 0);
    const dd = (d[hi] ?? 0) - (d[lo] ?? 0);
    rawSpeed[i] = dt > 0 ? dd / dt : 0;
    speed[i] = rawSpeed[i] ?? 0;
    if (alt === null) continue;
    while (glo < i && (c[glo] ?? 0) < centre - GRADE_HALF_WINDOW_S) glo++;
    if (ghi < i) ghi = i;
    while (ghi + 1 < track.count && (c[ghi + 1] ?? 0) <= centre + GRADE_HALF_WINDOW_S) ghi++;
    const gd = (d[ghi] ?? 0) - (d[glo] ?? 0);
    if (gd > 10) {
      const grade = (((alt[ghi] ?? Number.NaN) - (alt[glo] ?? Number.NaN)) / gd) * 100;
      if (Number.isFinite(grade)) {
        gradePct[i] = grade;
        // The same grade as the sample before (a flat or a steady slope) costs the same.
        if (grade !== lastGrade) {
          lastGrade = grade;
          lastFactor = gradeCostFactor(grade);
        }
        speed[i] = (rawSpeed[i] ?? 0) * lastFactor;
      }
    }
  }
  return { speed, rawSpeed, gradePct };
}

/** referenceSpeeds' working buffers, lent to every run in turn. */
const referenceScratch = {
  blockOfSample: new ScratchInt32(),
  values: new ScratchFloat64(),
  weights: new ScratchFloat64(),
  percentile: {
    histogram: new ScratchFloat64(),
    groups: new ScratchFloat64(),
    buckets: new ScratchInt32(),
    bucketEnds: new ScratchInt32(),
    byBucket: new ScratchInt32(),
  },
};

/**
 * The reference ("easy") speed around each sample: the 30th percentile of smoothed speed over the
 * moving time within ±INTERVAL_REFERENCE_WINDOW_S, computed per INTERVAL_REFERENCE_BLOCK_S block,
 * leaving out walking (cadence under RUNNING_CADENCE_MIN_SPM, when recorded) and climbing (grade
 * ≥ INTERVAL_REFERENCE_MAX_GRADE_PCT), which are slow for reasons other than effort. Local
 * rather than whole-run, so the fresh first hours of an ultra are not "fast" against its tired
 * last hours. Null when the run has no moving (running) time at all.
 */
export function referenceSpeeds(track: Track, stream: SmoothedStream, cadenceSpm: Float64Array | null): Float64Array | null {
  const { speed, rawSpeed, gradePct } = stream;
  const n = track.count;
  const clock = track.clockS;
  // Only the blocks that hold samples exist (at most one per sample): the block count never
  // follows the file's clock, however far its timestamps jump. The kept speeds and their step
  // durations are stored block after block in two flat columns; block b holds
  // values[blockStart[b]] up to values[blockStart[b + 1]]. The clock never runs backwards, so
  // there are no more blocks than its first and last samples span.
  const spanned =
    n === 0 ? 0 : Math.floor(clock[n - 1]! / INTERVAL_REFERENCE_BLOCK_S) - Math.floor(clock[0]! / INTERVAL_REFERENCE_BLOCK_S) + 1;
  const maxBlocks = Math.min(n, spanned);
  const blockIndex = new Float64Array(maxBlocks);
  const blockStart = new Int32Array(maxBlocks + 1);
  // Working buffers (scratch.ts): each element read is written first.
  const blockOfSample = referenceScratch.blockOfSample.take(n);
  const values = referenceScratch.values.take(n);
  const weights = referenceScratch.weights.take(n);
  let blocks = 0;
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const index = Math.floor(clock[i]! / INTERVAL_REFERENCE_BLOCK_S);
    if (blocks === 0 || blockIndex[blocks - 1] !== index) {
      blockIndex[blocks] = index;
      blockStart[blocks] = kept;
      blocks++;
    }
    blockOfSample[i] = blocks - 1;
    if (i === 0) continue;
    const cadence = cadenceSpm?.[i] ?? Number.NaN;
    const climbing = Math.abs(gradePct[i]!) >= INTERVAL_REFERENCE_MAX_GRADE_PCT;
    const raw = rawSpeed[i]!;
    const walking =
      cadence > 0
        ? cadence < RUNNING_CADENCE_MIN_SPM || (cadence < BRISK_WALK_CADENCE_MAX_SPM && raw < BRISK_WALK_SPEED_MAX_MS)
        : raw < WALKING_SPEED_MAX_MS;
    if (track.moving[i] !== 1 || climbing || walking) continue;
    values[kept] = speed[i]!;
    weights[kept] = clock[i]! - clock[i - 1]!;
    kept++;
  }
  blockStart[blocks] = kept;
  if (kept === 0) return null;
  const reach = Math.ceil(INTERVAL_REFERENCE_WINDOW_S / INTERVAL_REFERENCE_BLOCK_S);
  const percentile = new WindowPercentile(
    values.subarray(0, kept),
    weights.subarray(0, kept),
    blockStart.subarray(0, blocks + 1),
    referenceScratch.percentile,
  );
  const perBlock = new Float64Array(blocks);
  let first = 0;
  let last = 0;
  for (let b = 0; b < blocks; b++) {
    const index = blockIndex[b]!;
    while (blockIndex[first]! < index - reach) first++;
    while (last + 1 < blocks && blockIndex[last + 1]! <= index + reach) last++;
    const ref = percentile.of(first, last, INTERVAL_REFERENCE_PERCENTILE);
    perBlock[b] = Number.isFinite(ref) && ref > 0 ? ref : Number.NaN;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = perBlock[blockOfSample[i]!]!;
  return out;
}

/**
 * The time-weighted percentile of the speeds in a run of consecutive blocks: the same answer as
 * `weightedPercentile` over their concatenation, without sorting the window for every block. A
 * histogram of the window's weight finds the crossing bucket, and only that bucket's few values
 * are sorted. The histogram has a fixed size (speeds above 15 m/s share its last bucket, still
 * sorted exactly), never one sized from a speed in the file.
 *
 * When every weight is a multiple of 1/1024 s (whole seconds, as devices record), sums of weights
 * carry no rounding, so they do not depend on the order they are added in. Then the window
 * slides: the blocks that enter are added to the histogram and those that leave are taken out
 * (each value is counted twice in all, not once per window it lies in), and the histogram is
 * finer (1 mm/s, found through 0.1 m/s groups), so the crossing bucket holds a handful of values
 * even on a steady run. Other weights (e.g. tenths of a second) are counted afresh per window in
 * 1 cm/s buckets and the same order as always, so their answer keeps its exact rounding too.
 */
export class WindowPercentile {
  private static readonly TOP_MPS = 15;
  /** Afresh: 1 cm/s buckets. */
  private static readonly BUCKET_MPS = 0.01;
  /** Sliding: 1 mm/s buckets, in groups of 100 (0.1 m/s) to find the crossing one quickly. */
  private static readonly FINE_BUCKETS_PER_MPS = 1000;
  private static readonly GROUP = 100;
  /** Weights that are whole multiples of 1/EXACT_QUANTUM add and subtract without rounding. */
  private static readonly EXACT_QUANTUM = 1024;
  private readonly exact: boolean;
  private readonly buckets: Int32Array;
  private readonly histogram: Float64Array;
  private readonly groups: Float64Array;
  /** Every value's index, bucket after bucket, ascending within each; bucket b's end there is bucketEnds[b]. */
  private readonly byBucket: Int32Array;
  private readonly bucketEnds: Int32Array;
  private readonly inBucket: number[] = [];
  /** The blocks the histogram holds now (first > last: none). */
  private heldFirst = 0;
  private heldLast = -1;
  private total = 0;

  /**
   * `values[blockStart[b]]` up to `values[blockStart[b + 1]]` (exclusive) are block b's speeds,
   * `weights` their durations. `buffers`, when given, lends the histogram and bucket arrays
   * (scratch.ts): the histogram is cleared before its first use and every bucket written.
   */
  constructor(
    private readonly values: Float64Array,
    private readonly weights: Float64Array,
    private readonly blockStart: Int32Array,
    buffers?: {
      histogram: ScratchFloat64;
      groups: ScratchFloat64;
      buckets: ScratchInt32;
      bucketEnds: ScratchInt32;
      byBucket: ScratchInt32;
    },
  ) {
    let exact = true;
    let scaledTotal = 0;
    for (let k = 0; k < weights.length; k++) {
      const scaled = weights[k]! * WindowPercentile.EXACT_QUANTUM;
      exact &&= Number.isInteger(scaled);
      scaledTotal += Math.abs(scaled);
    }
    // Every partial sum stays a whole number of quanta below 2^53: no rounding anywhere.
    this.exact = exact && scaledTotal < 2 ** 52;
    // Afresh, a speed's bucket is found exactly as it always was (v / 0.01, not v × 100: they
    // round differently). Sliding, any order-keeping bucketing gives the same answer.
    const bucketOf = this.exact
      ? (v: number) => Math.floor(v * WindowPercentile.FINE_BUCKETS_PER_MPS)
      : (v: number) => Math.floor(v / WindowPercentile.BUCKET_MPS);
    const top = this.exact
      ? WindowPercentile.TOP_MPS * WindowPercentile.FINE_BUCKETS_PER_MPS
      : Math.ceil(WindowPercentile.TOP_MPS / WindowPercentile.BUCKET_MPS);
    const groups = Math.floor(top / WindowPercentile.GROUP) + 1;
    this.histogram = buffers ? buffers.histogram.take(top + 1) : new Float64Array(top + 1);
    this.groups = buffers ? buffers.groups.take(groups) : new Float64Array(groups);
    const n = values.length;
    const buckets = buffers ? buffers.buckets.take(n) : new Int32Array(n);
    let lowest = top;
    let highest = 0;
    for (let k = 0; k < n; k++) {
      const v = values[k]!;
      const bucket = Number.isFinite(v) ? Math.min(top, Math.max(0, bucketOf(v))) : 0;
      buckets[k] = bucket;
      if (bucket < lowest) lowest = bucket;
      if (bucket > highest) highest = bucket;
    }
    this.buckets = buckets;
    // A counting sort of the indices by bucket, so a window's values in the crossing bucket are
    // found from that bucket's own indices rather than by scanning the whole window. Only the
    // buckets from the lowest used to the highest are counted (a crossing bucket holds a value);
    // the one below them ends where everything starts.
    const ends = buffers ? buffers.bucketEnds.take(top + 2) : new Int32Array(top + 2);
    ends.fill(0, lowest, highest + 2);
    if (lowest > 0) ends[lowest - 1] = 0;
    for (let k = 0; k < n; k++) ends[buckets[k]! + 1]!++;
    for (let b = lowest + 1; b <= highest + 1; b++) ends[b]! += ends[b - 1]!;
    // ends[b] is now where bucket b starts; placing each index moves it on to where b ends.
    const byBucket = buffers ? buffers.byBucket.take(n) : new Int32Array(n);
    for (let k = 0; k < n; k++) byBucket[ends[buckets[k]!]!++] = k;
    this.byBucket = byBucket;
    this.bucketEnds = ends;
  }

  /** The same, from one list of values and weights per block. */
  static fromBlocks(blocks: readonly { values: readonly number[]; weights: readonly number[] }[]): WindowPercentile {
    const blockStart = new Int32Array(blocks.length + 1);
    for (let b = 0; b < blocks.length; b++) blockStart[b + 1] = blockStart[b]! + blocks[b]!.values.length;
    const size = blockStart[blocks.length]!;
    const values = new Float64Array(size);
    const weights = new Float64Array(size);
    blocks.forEach((block, b) => {
      values.set(block.values, blockStart[b]);
      weights.set(block.weights, blockStart[b]);
    });
    return new WindowPercentile(values, weights, blockStart);
  }

  /** Adds (sign 1) or takes out (sign −1) blocks first..last. */
  private count(first: number, last: number, sign: number): void {
    const { histogram, groups, buckets, weights } = this;
    const group = WindowPercentile.GROUP;
    const from = this.blockStart[first]!;
    const to = this.blockStart[last + 1]!;
    let total = this.total;
    for (let k = from; k < to; k++) {
      const w = sign * weights[k]!;
      const bucket = buckets[k]!;
      histogram[bucket] = histogram[bucket]! + w;
      total += w;
    }
    if (this.exact) {
      for (let k = from; k < to; k++) {
        const g = Math.floor(buckets[k]! / group);
        groups[g] = groups[g]! + sign * weights[k]!;
      }
    }
    this.total = total;
  }

  /** Makes the histogram hold exactly blocks first..last. */
  private hold(first: number, last: number): void {
    const overlaps = first <= this.heldLast && first >= this.heldFirst && last >= this.heldLast;
    if (this.exact && overlaps) {
      if (last > this.heldLast) this.count(this.heldLast + 1, last, 1);
      if (first > this.heldFirst) this.count(this.heldFirst, first - 1, -1);
    } else {
      this.histogram.fill(0);
      this.groups.fill(0);
      this.total = 0;
      this.count(first, last, 1);
    }
    this.heldFirst = first;
    this.heldLast = last;
  }

  of(first: number, last: number, p: number): number {
    this.hold(first, last);
    const histogram = this.histogram;
    const target = p * this.total;
    let seen = 0;
    let from = 0;
    let to = histogram.length;
    if (this.exact) {
      // The group the crossing bucket is in; exact sums make a group's weight its buckets' total.
      const groups = this.groups;
      let group = -1;
      for (let g = 0; g < groups.length; g++) {
        const h = groups[g]!;
        if (h > 0 && seen + h >= target) {
          group = g;
          break;
        }
        seen += h;
      }
      if (group < 0) return Number.NaN;
      from = group * WindowPercentile.GROUP;
      to = Math.min(histogram.length, from + WindowPercentile.GROUP);
    }
    let crossing = -1;
    for (let i = from; i < to; i++) {
      const h = histogram[i]!;
      if (h > 0 && seen + h >= target) {
        crossing = i;
        break;
      }
      seen += h;
    }
    if (crossing < 0) return Number.NaN;
    // The crossing bucket's values in window order, sorted by value (a stable sort, as before).
    const inBucket = this.inBucket;
    inBucket.length = 0;
    const start = this.blockStart[first]!;
    const end = this.blockStart[last + 1]!;
    // The bucket's indices in [start, end), ascending: the first at or after `start` by bisection.
    const byBucket = this.byBucket;
    let lo = crossing === 0 ? 0 : this.bucketEnds[crossing - 1]!;
    let hi = this.bucketEnds[crossing]!;
    const bucketEnd = hi;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byBucket[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    for (let q = lo; q < bucketEnd && byBucket[q]! < end; q++) inBucket.push(byBucket[q]!);
    const values = this.values;
    // Values all the same (a steady stretch): whichever of them the walk below stops at, the
    // answer is that value, so there is nothing to sort.
    const only = inBucket.length > 0 ? values[inBucket[0]!]! : Number.NaN;
    let same = true;
    for (let p = 1; p < inBucket.length && same; p++) same = Object.is(values[inBucket[p]!], only);
    if (same && inBucket.length > 0) return only;
    inBucket.sort((a, b) => values[a]! - values[b]!);
    for (const k of inBucket) {
      seen += this.weights[k]!;
      if (seen >= target) return values[k]!;
    }
    return inBucket.length > 0 ? values[inBucket[inBucket.length - 1]!]! : Number.NaN;
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
