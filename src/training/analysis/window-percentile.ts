import type { ScratchFloat64, ScratchInt32 } from "./scratch.js";

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
