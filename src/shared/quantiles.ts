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

/** The median of `values` (any order, not changed); undefined for an empty list. */
export function median(values: ArrayLike<number>): number | undefined {
  return values.length <= 1 ? medianOfSorted(values) : quantileOfCopy(values, 0.5);
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
  if (!(p >= 0 && p <= 1)) throw new RangeError("p must be between 0 and 1");
  return values.length === 0 ? undefined : quantileOfCopy(values, p);
}

/**
 * The p-quantile of a non-empty list from its two order statistics, found by selection in a copy
 * (linear time on average) rather than by sorting it: after selecting the ⌊h⌋-th smallest, the
 * next one is the smallest of the values above it. A list holding NaN is sorted as before.
 */
function quantileOfCopy(values: ArrayLike<number>, p: number): number | undefined {
  const copy = Float64Array.from(values);
  for (let i = 0; i < copy.length; i++) if (Number.isNaN(copy[i])) return quantileOfSorted(copy.sort(), p);
  const h = (copy.length - 1) * p;
  const below = Math.floor(h);
  const lower = selectInPlace(copy, below);
  let upper = lower;
  if (below + 1 < copy.length) {
    upper = Number.POSITIVE_INFINITY;
    for (let i = below + 1; i < copy.length; i++) if (copy[i]! < upper) upper = copy[i]!;
  }
  return between(lower, upper, h - below);
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
  return between(lower, upper, h - below);
}

/**
 * Type 7's interpolation, `lower + fraction × (upper − lower)`, but exactly `lower` when it lands
 * on it (a whole h, or equal neighbours): −∞ and +∞ are order statistics too, and ∞ − ∞ would
 * make the quantile of [∞, ∞, ∞] NaN.
 */
function between(lower: number, upper: number, fraction: number): number {
  return fraction === 0 || lower === upper ? lower : lower + fraction * (upper - lower);
}

/**
 * The k-th smallest (0-based) of `values` — what `values.sort()[k]` holds — in linear time on
 * average (Hoare's selection, median-of-three pivots). Reorders `values`; an adversarial order
 * that defeats the pivots falls back to a full sort, so the worst case stays O(n log n).
 * The values must be numbers without NaN; −0 and +0 count as equal (either may be answered).
 */
export function selectInPlace(values: Float64Array, k: number): number {
  if (!(k >= 0 && k < values.length)) throw new RangeError("k must index one of the values");
  let lo = 0;
  let hi = values.length - 1;
  let budget = 4 * values.length + 64;
  while (hi > lo) {
    if (budget < 0) return values.subarray(lo, hi + 1).sort()[k - lo]!;
    budget -= hi - lo + 1;
    const mid = (lo + hi) >> 1;
    // Median of three as the pivot: sorted in place at lo, mid, hi.
    if (values[mid]! < values[lo]!) swap(values, mid, lo);
    if (values[hi]! < values[lo]!) swap(values, hi, lo);
    if (values[hi]! < values[mid]!) swap(values, hi, mid);
    const pivot = values[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        swap(values, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

function swap(values: Float64Array, a: number, b: number): void {
  const t = values[a]!;
  values[a] = values[b]!;
  values[b] = t;
}
