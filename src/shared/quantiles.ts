/**
 * Medians and quantiles: the one implementation the analyses, statistics and charts use.
 *
 * The rule for an empty list: there is no middle of nothing, so every function here answers
 * `undefined` (never 0, NaN or a throw). A caller says what an empty list means for it — `null`
 * in a view, a rule that does not apply, a RangeError in a statistic that needs data — and a
 * caller that has already checked its list is non-empty writes `!`.
 *
 * Quantiles interpolate linearly between order statistics: Hyndman & Fan (1996) type 7, the
 * default of R's `quantile()` and of NumPy: h = (n − 1)·p, Q = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋).
 * The median is the type-7 quantile at ½ (the mean of the two middle values when n is even).
 * Values are compared as numbers; NaN has no place in the order and should be filtered first.
 */

/** Ascending copy (numeric order, never string order). */
function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** The median of `values` (any order, not changed); undefined for an empty list. */
export function median(values: ArrayLike<number>): number | undefined {
  return medianOfSorted(values.length <= 1 ? values : sortedCopy(values));
}

/** The median of an already ascending list (no copy); undefined for an empty list. */
export function medianOfSorted(sorted: ArrayLike<number>): number | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  const middle = n >> 1;
  const upper = sorted[middle] as number;
  return n % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/** The p-quantile (p in 0..1, type 7) of `values` (any order, not changed); undefined for an empty list. */
export function quantile(values: ArrayLike<number>, p: number): number | undefined {
  return quantileOfSorted(sortedCopy(values), p);
}

/** The p-quantile (p in 0..1, type 7) of an already ascending list (no copy); undefined for an empty list. */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  if (!(p >= 0 && p <= 1)) throw new RangeError("p must be between 0 and 1");
  const h = (n - 1) * p;
  const below = Math.floor(h);
  const lower = sorted[below] as number;
  const upper = sorted[Math.min(below + 1, n - 1)] as number;
  return lower + (h - below) * (upper - lower);
}
