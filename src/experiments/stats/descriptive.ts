/** Small descriptive functions shared by the statistics modules; medians and quantiles are shared/quantiles.ts. */

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
