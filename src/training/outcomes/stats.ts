/** Plain statistics over number arrays, used by the outcome comparison (medians and quantiles: shared/quantiles.ts). */

export interface LineFit {
  readonly intercept: number;
  readonly slope: number;
}

/** Ordinary least squares y = intercept + slope·x; null with fewer than 2 points or no spread in x. */
export function leastSquares(x: readonly number[], y: readonly number[]): LineFit | null {
  const n = Math.min(x.length, y.length);
  if (n < 2) return null;
  const mx = mean(x.slice(0, n));
  const my = mean(y.slice(0, n));
  let sxx = 0;
  let sxy = 0;
  for (let k = 0; k < n; k++) {
    const dx = (x[k] ?? 0) - mx;
    sxx += dx * dx;
    sxy += dx * ((y[k] ?? 0) - my);
  }
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  return { intercept: my - slope * mx, slope };
}

export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length === 0 ? Number.NaN : sum / values.length;
}
