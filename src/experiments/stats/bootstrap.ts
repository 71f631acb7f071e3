/**
 * A seeded pseudo-random generator and the percentile bootstrap interval for a median.
 * Same values and same seed give the same interval, so a stored result can be reproduced.
 */
import { median, medianOfSorted, quantileOfSorted } from "../../shared/quantiles.js";
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
  const resample = new Float64Array(n);
  const medians = new Float64Array(iterations);
  for (let i = 0; i < iterations; i += 1) {
    for (let j = 0; j < n; j += 1) resample[j] = values[Math.floor(random() * n)] ?? 0;
    resample.sort();
    medians[i] = medianOfSorted(resample)!;
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
