export {
  CAVEATS,
  compareAroundDate,
  type CompareOptions,
  type DynamicsKey,
  type FeaturedRun,
  type OutcomeComparison,
  type OutcomeDynamics,
  type OutcomeMetric,
  type OutcomeRun,
} from "./compare.js";
export { cadenceAtPace, paceAtHeartRate, type RunEstimate, type RunEstimateMethod } from "./run-fits.js";
export * from "./thresholds.js";
export { parseRunFeatures, runFeatures, RUN_FEATURES_VERSION, type RunFeatures } from "./run-features.js";
