/** Small descriptive functions shared by the statistics modules. */

/** Throws a RangeError naming `field` unless `values` is a non-empty list of finite numbers. */
export function assertFiniteValues(values: readonly number[], field: string): void {
  if (values.length === 0) throw new RangeError(`${field} must contain at least one value`);
  values.forEach((value, index) => {
    if (!Number.isFinite(value)) throw new RangeError(`${field}[${index}] must be a finite number`);
  });
}

/** The arithmetic mean of a non-empty list. */
export function mean(values: readonly number[]): number {
  assertFiniteValues(values, "values");
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** The sample median of a non-empty list (the mean of the two middle values when n is even). */
export function median(values: readonly number[]): number {
  assertFiniteValues(values, "values");
  return medianOfSorted([...values].sort((x, y) => x - y));
}

/** The median of an already ascending list (no copy, no checks). */
export function medianOfSorted(sorted: ArrayLike<number>): number {
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  if (sorted.length % 2 === 1) return upper;
  const lower = sorted[middle - 1] ?? Number.NaN;
  return (lower + upper) / 2;
}

/**
 * The p-quantile of an ascending list by linear interpolation between order statistics
 * (Hyndman & Fan 1996 type 7, R's default): h = (n − 1)·p.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const lower = sorted[below] ?? Number.NaN;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] ?? Number.NaN;
  return lower + (h - below) * (upper - lower);
}
