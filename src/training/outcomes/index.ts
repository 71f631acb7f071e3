export {
  CAVEATS,
  compareAroundDate,
  type CompareOptions,
  type DynamicsKey,
  type OutcomeComparison,
  type OutcomeDynamics,
  type OutcomeMetric,
  type OutcomeRun,
} from "./compare.js";
export { cadenceAtPace, paceAtHeartRate, type RunEstimate, type RunEstimateMethod } from "./run-fits.js";
export * from "./thresholds.js";
