/**
 * Single-case (A/B) effect sizes: phase summaries, NAP, Tau-U and PND, and one call that
 * analyses a whole series of phases for the experiments feature.
 *
 * Every function compares "baseline" (A) points with "treatment" (B) points. `direction` says
 * which way is improvement; for "decrease" the values are mirrored (multiplied by −1) so each
 * index reads "higher is better" in both cases.
 */
import { median } from "../../shared/quantiles.js";
import { assertFiniteValues, mean } from "./descriptive.js";
import { twoSidedNormalP } from "./normal.js";

/** Which way is improvement for the measure being analysed. */
export type Direction = "increase" | "decrease";

/** n, mean and median of one phase; throws a RangeError on an empty or non-finite list. */
export function phaseSummary(values: readonly number[]): { n: number; mean: number; median: number } {
  assertFiniteValues(values, "values");
  return { n: values.length, mean: mean(values), median: median(values)! };
}

function oriented(values: readonly number[], direction: Direction): number[] {
  return direction === "increase" ? [...values] : values.map((value) => -value);
}

/** Counts, over every (A, B) pair, how often B improves on A, is worse, or ties. */
function comparePairs(a: readonly number[], b: readonly number[]): { better: number; worse: number; ties: number } {
  let better = 0;
  let worse = 0;
  let ties = 0;
  for (const x of a) {
    for (const y of b) {
      if (y > x) better += 1;
      else if (y < x) worse += 1;
      else ties += 1;
    }
  }
  return { better, worse, ties };
}

/** Kendall's S of a series against time order: concordant minus discordant pairs (ties count 0). */
function trendS(values: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < values.length; i += 1) {
    for (let j = i + 1; j < values.length; j += 1) {
      const earlier = values[i] ?? 0;
      const later = values[j] ?? 0;
      s += Math.sign(later - earlier);
    }
  }
  return s;
}

/**
 * Nonoverlap of All Pairs (Parker & Vannest 2009): the share of (A, B) pairs in which the B point
 * improves on the A point, a tie counting one half. `overlapPairs` counts the pairs where B is
 * worse (ties are reported apart); `rescaled` is 2·NAP − 1, on −1…1 with 0 for no effect.
 */
export function nap(
  a: readonly number[],
  b: readonly number[],
  direction: Direction,
): { nap: number; rescaled: number; pairs: number; overlapPairs: number; ties: number } {
  assertFiniteValues(a, "a");
  assertFiniteValues(b, "b");
  const { better, worse, ties } = comparePairs(oriented(a, direction), oriented(b, direction));
  const pairs = a.length * b.length;
  const value = (better + ties / 2) / pairs;
  return { nap: value, rescaled: 2 * value - 1, pairs, overlapPairs: worse, ties };
}

/** Sizes of the groups of equal values (only groups of two or more matter to the variance). */
function tieGroups(values: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.values()].filter((size) => size > 1);
}

function sumOver(groups: readonly number[], term: (t: number) => number): number {
  return groups.reduce((total, t) => total + term(t), 0);
}

/**
 * Variance of Kendall's S under independence with ties in both variables (Kendall 1970, Rank
 * Correlation Methods, eq. 4.4; the variance behind tau-b's test, and the one R scan's tau_u uses
 * with its default tau_method = "b"), for n points with tie groups t in the one variable and u in
 * the other:
 *   [n(n−1)(2n+5) − Σt(t−1)(2t+5) − Σu(u−1)(2u+5)] / 18
 *   + [Σt(t−1)(t−2)]·[Σu(u−1)(u−2)] / [9n(n−1)(n−2)]
 *   + [Σt(t−1)]·[Σu(u−1)] / [2n(n−1)].
 * With no ties in either variable it is n(n−1)(2n+5)/18.
 */
export function kendallVarianceS(n: number, tiesX: readonly number[], tiesY: readonly number[]): number {
  const main =
    (n * (n - 1) * (2 * n + 5) - sumOver(tiesX, (t) => t * (t - 1) * (2 * t + 5)) - sumOver(tiesY, (u) => u * (u - 1) * (2 * u + 5))) / 18;
  const third =
    n > 2 ? (sumOver(tiesX, (t) => t * (t - 1) * (t - 2)) * sumOver(tiesY, (u) => u * (u - 1) * (u - 2))) / (9 * n * (n - 1) * (n - 2)) : 0;
  const second = n > 1 ? (sumOver(tiesX, (t) => t * (t - 1)) * sumOver(tiesY, (u) => u * (u - 1))) / (2 * n * (n - 1)) : 0;
  return main + third + second;
}

/**
 * Tau-U (Parker, Vannest, Davis & Sauber 2011).
 *
 * Without trend correction ("A vs B"): S = (B better) − (B worse) over the nA·nB pairs and
 * tau = S / (nA·nB), i.e. 2·NAP − 1.
 * With `correctBaselineTrend` ("A vs B − trend A"): S = S(A vs B) − S(trend within A), where the
 * trend S is Kendall's S of the A points against time; tau = S / (nA·nB) as in the paper and its
 * web calculator, so it can fall outside −1…1 when the baseline trends strongly.
 *
 * z and the two-sided p use the tie-corrected (tau-b) variance of Kendall's S of the outcome
 * against the paper's recoded time variable, correcting for ties in both (see kendallVarianceS),
 * as R scan's tau_u does by default. On 0–10 scales most values tie, and leaving the outcome ties
 * out overstates the variance and so the p-value:
 * - A vs B: the time variable is the phase (0 for A, 1 for B); with no tied outcomes this is the
 *   Mann–Whitney variance nA·nB·(nA + nB + 1) / 3;
 * - A vs B − trend A: A times reversed and every B point given one later time (nA + 1).
 */
export function tauU(
  a: readonly number[],
  b: readonly number[],
  options: { direction: Direction; correctBaselineTrend: boolean },
): { tau: number; s: number; pairs: number; z: number; p: number } {
  const { s, pairs, variance } = tauUParts(a, b, options);
  return { tau: s / pairs, s, pairs, ...zAndP(s, variance) };
}

/**
 * z = S / √Var(S) and its two-sided p. When every value ties, Var(S) and S are both 0: nothing
 * changed, so z = 0 and p = 1 rather than 0/0.
 */
function zAndP(s: number, variance: number): { z: number; p: number } {
  if (!(variance > 1e-9)) return { z: 0, p: 1 };
  const z = s / Math.sqrt(variance);
  return { z, p: twoSidedNormalP(z) };
}

/** S, the number of pairs and the variance of S for one A→B contrast (see tauU). */
function tauUParts(
  a: readonly number[],
  b: readonly number[],
  options: { direction: Direction; correctBaselineTrend: boolean },
): { s: number; pairs: number; variance: number } {
  assertFiniteValues(a, "a");
  assertFiniteValues(b, "b");
  const orientedA = oriented(a, options.direction);
  const { better, worse } = comparePairs(orientedA, oriented(b, options.direction));
  const nA = a.length;
  const nB = b.length;
  const n = nA + nB;
  const s = better - worse - (options.correctBaselineTrend ? trendS(orientedA) : 0);
  const timeTies = options.correctBaselineTrend ? [nB] : [nA, nB];
  const variance = kendallVarianceS(
    n,
    timeTies.filter((size) => size > 1),
    tieGroups([...a, ...b]),
  );
  return { s, pairs: nA * nB, variance };
}

/**
 * Percentage of Non-overlapping Data (Scruggs, Mastropieri & Casto 1987): the percentage (0–100)
 * of B points that improve on the most extreme A point in the direction of improvement; a B
 * point equal to that A point overlaps.
 */
export function pnd(a: readonly number[], b: readonly number[], direction: Direction): { pnd: number } {
  assertFiniteValues(a, "a");
  assertFiniteValues(b, "b");
  const best = Math.max(...oriented(a, direction));
  const beyond = oriented(b, direction).filter((value) => value > best).length;
  return { pnd: (100 * beyond) / b.length };
}

export type SingleCasePhase = { phase: "A" | "B"; values: readonly number[] };

export type SingleCaseResult =
  | { ok: false; missing: string }
  | {
      ok: true;
      phases: { phase: "A" | "B"; n: number; mean: number; median: number }[];
      /** Mean of the first B phase minus mean of the first A phase (raw units, sign as measured). */
      levelChange: number;
      nap: ReturnType<typeof nap>;
      tauU: ReturnType<typeof tauU>;
      tauUTrendCorrected: ReturnType<typeof tauU>;
      pnd: ReturnType<typeof pnd>;
      /** How many A→B contrasts were combined (1 for A/B, 2 for A/B/A/B). */
      contrasts: number;
      responder?: { change: number; mcid: number; responder: boolean };
    };

/**
 * Analyses a series of A and B phases in time order. Each B phase is contrasted with the A phase
 * just before it and, for A/B/A/B (and longer) designs, NAP, Tau-U and PND combine the contrasts
 * by summing their counts; the level change and the responder judgement use the first contrast. Returns `{ ok: false, missing }` with a plain sentence
 * when there is not enough data, and no numbers.
 */
export function analyseSingleCase(
  phases: readonly SingleCasePhase[],
  opts: { direction: Direction; minPointsPerPhase?: number; mcid?: number },
): SingleCaseResult {
  const minPoints = opts.minPointsPerPhase ?? 3;
  if (!Number.isInteger(minPoints) || minPoints < 1) throw new RangeError("minPointsPerPhase must be a whole number of at least 1");
  if (opts.mcid !== undefined && !(Number.isFinite(opts.mcid) && opts.mcid > 0)) throw new RangeError("mcid must be a positive number");
  phases.forEach((phase, index) => {
    phase.values.forEach((value, valueIndex) => {
      if (!Number.isFinite(value)) throw new RangeError(`phases[${index}].values[${valueIndex}] must be a finite number`);
    });
  });

  const firstA = phases.find((phase) => phase.phase === "A");
  const firstB = phases.find((phase) => phase.phase === "B");
  if (!firstA && !firstB) return { ok: false, missing: "needs a baseline (A) phase and a treatment (B) phase" };
  if (!firstA) return { ok: false, missing: "needs a baseline (A) phase before the comparison can be made" };
  if (!firstB) return { ok: false, missing: "needs a treatment (B) phase after the baseline" };
  const short = phases.map((phase, index) => ({ phase, index })).filter(({ phase }) => phase.values.length < minPoints);
  if (short.length > 0) {
    const described = short.map(({ phase, index }) => `phase ${index + 1} (${phase.phase}) has ${phase.values.length}`).join(", ");
    return { ok: false, missing: `needs at least ${minPoints} points in each phase; ${described}` };
  }

  // Each B phase is contrasted with the A phase just before it (A1→B1, A2→B2, …), and the contrasts
  // are combined by summing their counts, as Parker et al. combine contrasts: pooling all A against
  // all B would compare a withdrawal phase with the treatment phase before it, and would read the
  // step between two baseline phases as a baseline trend.
  const contrasts = phases.flatMap((phase, index) => {
    const before = phases[index - 1];
    return phase.phase === "B" && before?.phase === "A" ? [{ a: before.values, b: phase.values }] : [];
  });
  const first = contrasts[0];
  if (!first) return { ok: false, missing: "needs a treatment (B) phase right after a baseline (A) phase" };
  const levelChange = mean(first.b) - mean(first.a);
  const result: SingleCaseResult = {
    ok: true,
    phases: phases.map((phase) => ({ phase: phase.phase, ...phaseSummary(phase.values) })),
    levelChange,
    nap: combinedNap(contrasts, opts.direction),
    tauU: combinedTauU(contrasts, opts.direction, false),
    tauUTrendCorrected: combinedTauU(contrasts, opts.direction, true),
    pnd: combinedPnd(contrasts, opts.direction),
    contrasts: contrasts.length,
  };
  if (opts.mcid !== undefined) {
    // A responder improves by at least the MCID in the direction of improvement.
    const improvement = opts.direction === "increase" ? levelChange : -levelChange;
    result.responder = { change: levelChange, mcid: opts.mcid, responder: improvement >= opts.mcid };
  }
  return result;
}

type Contrast = { a: readonly number[]; b: readonly number[] };

/** NAP over several A→B contrasts: improving pairs (ties half) over all pairs of all contrasts. */
function combinedNap(contrasts: readonly Contrast[], direction: Direction): ReturnType<typeof nap> {
  let pairs = 0;
  let score = 0;
  let overlapPairs = 0;
  let ties = 0;
  for (const { a, b } of contrasts) {
    const one = nap(a, b, direction);
    pairs += one.pairs;
    score += one.nap * one.pairs;
    overlapPairs += one.overlapPairs;
    ties += one.ties;
  }
  const value = score / pairs;
  return { nap: value, rescaled: 2 * value - 1, pairs, overlapPairs, ties };
}

/** Tau-U over several contrasts: S and the variance of S summed (Parker et al. 2011), tau = ΣS / Σ pairs. */
function combinedTauU(contrasts: readonly Contrast[], direction: Direction, correctBaselineTrend: boolean): ReturnType<typeof tauU> {
  let s = 0;
  let pairs = 0;
  let variance = 0;
  for (const { a, b } of contrasts) {
    const one = tauUParts(a, b, { direction, correctBaselineTrend });
    s += one.s;
    pairs += one.pairs;
    variance += one.variance;
  }
  return { tau: s / pairs, s, pairs, ...zAndP(s, variance) };
}

/** PND over several contrasts: B points beyond their own baseline's best point, over all B points. */
function combinedPnd(contrasts: readonly Contrast[], direction: Direction): ReturnType<typeof pnd> {
  let beyond = 0;
  let total = 0;
  for (const { a, b } of contrasts) {
    beyond += (pnd(a, b, direction).pnd / 100) * b.length;
    total += b.length;
  }
  return { pnd: (100 * beyond) / total };
}
