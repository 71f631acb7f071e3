/**
 * 2×2 tables and multiple comparisons: Fisher's exact test, the odds ratio with Woolf's interval,
 * and Benjamini–Hochberg adjusted p-values (q-values).
 *
 * Cell layout throughout:
 *              outcome   no outcome
 *   exposed       a          b
 *   unexposed     c          d
 */
import { criticalValue } from "./normal.js";
import { logGamma } from "./special.js";

function assertCells(cells: Record<string, number>): void {
  for (const [name, value] of Object.entries(cells)) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number of at least 0`);
  }
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/**
 * Fisher's exact test, two-sided: the sum of the probabilities of every table with the observed
 * margins that is no more likely than the observed one. As in R's fisher.test, a table counts as
 * "no more likely" when its probability is ≤ the observed one × (1 + 1e-7), so rounding in the
 * log-factorials cannot drop tables that tie exactly. An all-zero table gives p = 1.
 */
export function fisherExact(a: number, b: number, c: number, d: number): { p: number } {
  assertCells({ a, b, c, d });
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const n = row1 + row2;
  const logDenominator = logChoose(n, col1);
  const probability = (x: number): number => Math.exp(logChoose(row1, x) + logChoose(row2, col1 - x) - logDenominator);
  const observed = probability(a);
  const threshold = observed * (1 + 1e-7);
  let p = 0;
  for (let x = Math.max(0, col1 - row2); x <= Math.min(row1, col1); x += 1) {
    const px = probability(x);
    if (px <= threshold) p += px;
  }
  return { p: Math.min(1, p) };
}

/**
 * Sample odds ratio (a·d)/(b·c) with Woolf's (1955) log interval,
 * exp(ln OR ± z·√(1/a + 1/b + 1/c + 1/d)). When any cell is zero, 0.5 is added to every cell
 * first (the Haldane–Anscombe correction) so that the ratio and its interval are finite;
 * `corrected` says so. Tables with no zero cell are left as they are.
 */
export function oddsRatio(
  a: number,
  b: number,
  c: number,
  d: number,
  level = 0.95,
): { oddsRatio: number; lower: number; upper: number; corrected: boolean } {
  assertCells({ a, b, c, d });
  const corrected = a === 0 || b === 0 || c === 0 || d === 0;
  const [ca, cb, cc, cd] = corrected ? [a + 0.5, b + 0.5, c + 0.5, d + 0.5] : [a, b, c, d];
  const logOr = Math.log(ca) + Math.log(cd) - Math.log(cb) - Math.log(cc);
  const se = Math.sqrt(1 / ca + 1 / cb + 1 / cc + 1 / cd);
  const z = criticalValue(level);
  return { oddsRatio: (ca * cd) / (cb * cc), lower: Math.exp(logOr - z * se), upper: Math.exp(logOr + z * se), corrected };
}

/**
 * Benjamini–Hochberg (1995) adjusted p-values ("q-values"): for the i-th smallest of m p-values,
 * min over j ≥ i of p(j)·m / j, capped at 1, returned in the input order. A hypothesis is rejected
 * at false discovery rate q exactly when its adjusted value is ≤ q.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  pValues.forEach((p, index) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`pValues[${index}] must be a number between 0 and 1`);
  });
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(m).fill(1);
  let running = 1;
  for (let rank = m; rank >= 1; rank -= 1) {
    const entry = order[rank - 1];
    if (!entry) continue;
    running = Math.min(running, (entry.p * m) / rank);
    // p·m/m can round below p; an adjusted value is never smaller than its p-value.
    adjusted[entry.index] = Math.max(entry.p, running);
  }
  return adjusted;
}
