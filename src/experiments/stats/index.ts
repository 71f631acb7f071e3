/** Pure statistics for the experiments feature; every function is tested against a published worked example. */
export { bootstrapMedianInterval, median, seededRandom } from "./bootstrap.js";
export { mean } from "./descriptive.js";
export { criticalValue, normalCdf, normalQuantile, twoSidedNormalP } from "./normal.js";
export { newcombeDifference, probabilityGreater, wilsonInterval } from "./proportions.js";
export {
  analyseSingleCase,
  nap,
  phaseSummary,
  pnd,
  tauU,
  type Direction,
  type SingleCasePhase,
  type SingleCaseResult,
} from "./single-case.js";
export { integrateUnitInterval, logBeta, logGamma, regularizedIncompleteBeta } from "./special.js";
export { benjaminiHochberg, fisherExact, oddsRatio } from "./two-by-two.js";
