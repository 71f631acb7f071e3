import type { ChangeThreshold, Measure } from "./types.js";

export type McidJudgement =
  | {
      readonly kind: "judged";
      /** True when either published criterion (points or percent) is met. */
      readonly improved: boolean;
      readonly metByPoints: boolean;
      readonly metByPercent: boolean;
      /** Improvement in points, positive = better whatever the scale's direction. */
      readonly improvementPoints: number;
      /** Improvement as a percent of the baseline, or null when the baseline is 0. */
      readonly improvementPercent: number | null;
      readonly threshold: ChangeThreshold;
    }
  | { readonly kind: "no-threshold"; readonly detail: string };

/**
 * Whether the change from `before` to `after` reaches the measure's MCID (or, for practice-defined
 * scales, its labelled practice convention). Direction comes from the measure: for pain, lower is better.
 * A measure with both a points and a percent criterion counts as improved when either is met.
 */
export function isMcidImprovement(measure: Measure, before: number, after: number): McidJudgement {
  if (measure.kind !== "item-scale" && measure.kind !== "patient-specific" && measure.kind !== "questionnaire") {
    return { kind: "no-threshold", detail: `${measure.code} is not scored on a numeric scale` };
  }
  const threshold = measure.mcid;
  if (measure.kind === "questionnaire" && measure.range === null) return { kind: "no-threshold", detail: `${measure.code} is not scored` };
  if (threshold === null) return { kind: "no-threshold", detail: `${measure.code} has no MCID` };
  const improvementPoints = measure.higherIsBetter ? after - before : before - after;
  const improvementPercent = before === 0 ? null : (improvementPoints / Math.abs(before)) * 100;
  // Small epsilon so 30% computed in floating point (e.g. 3/10) is not read as 29.999...
  const epsilon = 1e-9;
  const metByPoints = threshold.points !== null && improvementPoints >= threshold.points - epsilon;
  const metByPercent =
    threshold.percent !== null && improvementPercent !== null && improvementPercent >= threshold.percent - epsilon && improvementPoints > 0;
  return {
    kind: "judged",
    improved: metByPoints || metByPercent,
    metByPoints,
    metByPercent,
    improvementPoints,
    improvementPercent,
    threshold,
  };
}
