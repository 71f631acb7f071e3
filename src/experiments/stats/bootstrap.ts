/**
 * A seeded pseudo-random generator and the percentile bootstrap interval for a median.
 * Same values and same seed give the same interval, so a stored result can be reproduced.
 */
import { median, quantileOfSorted } from "../../shared/quantiles.js";
import { assertFiniteValues } from "./descriptive.js";

export { median };

/** 32-bit FNV-1a hash of a string, used to turn a text seed into a number. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A deterministic generator of numbers in [0, 1): Mulberry32 (Tommy Ettinger, 2017), a 32-bit
 * state generator that passes the gjrand and PractRand tests up to 2^32 outputs — plenty for a
 * bootstrap, not for cryptography. A whole-number seed is used as is (mod 2^32); any other seed
 * (text, or a fractional number) is first hashed with FNV-1a.
 */
export function seededRandom(seed: number | string): () => number {
  if (typeof seed === "number" && !Number.isFinite(seed)) throw new RangeError("seed must be a finite number or a text");
  let state = typeof seed === "number" && Number.isInteger(seed) ? seed >>> 0 : fnv1a(String(seed));
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The value at position `k` (0-based) of the resample in sorted order, from the draw counts per rank. */
function drawnAt(counts: Int32Array, ranked: Float64Array, k: number): number {
  let seen = 0;
  for (let r = 0; r < counts.length; r += 1) {
    seen += counts[r]!;
    if (seen > k) return ranked[r]!;
  }
  return Number.NaN;
}

/**
 * Percentile bootstrap interval for the median (Efron & Tibshirani 1993, ch. 13): resample the
 * values with replacement `iterations` times, take each resample's median, and report the
 * (1 − level)/2 and (1 + level)/2 quantiles of those medians (linear interpolation, R type 7).
 * One value gives a zero-width interval at that value.
 */
export function bootstrapMedianInterval<Seed extends number | string>(
  values: readonly number[],
  options: { seed: Seed; iterations?: number; level?: number },
): { median: number; lower: number; upper: number; iterations: number; seed: Seed } {
  assertFiniteValues(values, "values");
  const iterations = options.iterations ?? 10_000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError("iterations must be a whole number of at least 1");
  if (!(level > 0 && level < 1)) throw new RangeError("level must be strictly between 0 and 1");
  const random = seededRandom(options.seed);
  const n = values.length;
  // A resample's median is read from how often each value was drawn, not by sorting the resample:
  // the values are ranked once in the order a Float64Array sorts them (−0 before +0), so the
  // k-th drawn value in rank order is exactly the k-th of the sorted resample. The generator is
  // called once per draw, in the same order, so the interval is the same to the last bit.
  const isNegativeZero = (v: number) => (Object.is(v, -0) ? 1 : 0);
  const order = Array.from({ length: n }, (_, j) => j).sort(
    (a, b) => (values[a] ?? 0) - (values[b] ?? 0) || isNegativeZero(values[b] ?? 0) - isNegativeZero(values[a] ?? 0),
  );
  const rank = new Int32Array(n);
  const ranked = new Float64Array(n);
  order.forEach((j, k) => {
    rank[j] = k;
    ranked[k] = values[j] ?? 0;
  });
  const counts = new Int32Array(n);
  const middle = Math.floor(n / 2);
  const medians = new Float64Array(iterations);
  for (let i = 0; i < iterations; i += 1) {
    counts.fill(0);
    for (let j = 0; j < n; j += 1) counts[rank[Math.floor(random() * n)]!]! += 1;
    medians[i] =
      n % 2 === 1 ? drawnAt(counts, ranked, middle) : (drawnAt(counts, ranked, middle - 1) + drawnAt(counts, ranked, middle)) / 2;
  }
  medians.sort();
  const tail = (1 - level) / 2;
  return {
    median: median(values)!,
    lower: quantileOfSorted(medians, tail)!,
    upper: quantileOfSorted(medians, 1 - tail)!,
    iterations,
    seed: options.seed,
  };
}
