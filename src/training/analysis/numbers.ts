/** Small numeric helpers shared by the analyses. */

/** Linear confidence from `atThreshold` (ratio 1, at the threshold) up to `max` (ratio 2), rounded to 0.01. */
export function confidenceFromRatio(ratio: number, atThreshold: number, max: number): number {
  const t = Math.min(1, Math.max(0, ratio - 1));
  return Math.round((atThreshold + (max - atThreshold) * t) * 100) / 100;
}

/** Time-weighted percentile: the value below which `p` of the total weight lies. */
export function weightedPercentile(values: readonly number[], weights: readonly number[], p: number): number {
  const order = values.map((_, k) => k).sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0));
  let total = 0;
  for (const w of weights) total += w;
  let seen = 0;
  for (const k of order) {
    seen += weights[k] ?? 0;
    if (seen >= p * total) return values[k] ?? Number.NaN;
  }
  return Number.NaN;
}
