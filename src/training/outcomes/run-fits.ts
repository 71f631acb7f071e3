import type { ChartStream } from "../analysis/types.js";
import { heartRatePoints, plausiblePace, runFeatures, type LineFeatures, type RunFeatures } from "./run-features.js";
import { median } from "../../shared/quantiles.js";
import {
  FALLBACK_HEART_RATE_TOLERANCE_BPM,
  FALLBACK_PACE_TOLERANCE_S_PER_KM,
  MAX_HEART_RATE_EXTRAPOLATION_BPM,
  MAX_SPEED_EXTRAPOLATION_MS,
  MIN_FALLBACK_POINTS,
  MIN_FIT_POINTS,
  MIN_HEART_RATE_SPREAD_BPM,
  MIN_SPEED_SPREAD_MS,
} from "./thresholds.js";

/**
 * Per-run estimates: one number per run (cadence at a given pace, pace at a given heart rate), or
 * null when the run cannot say. Each run is fitted on its own so that day-to-day differences in
 * terrain or pace mix do not leak between runs.
 */

/** How a run's figure was obtained: a straight-line fit, or its plain mean (short or steady run). */
export type RunEstimateMethod = "fit" | "mean";

export interface RunEstimate {
  readonly value: number;
  readonly method: RunEstimateMethod;
}

export { cadencePoints, heartRatePoints } from "./run-features.js";

/** A run's typical moving pace, s/km: the median over its plausible moving points; null without any. */
export function runMedianPace(stream: ChartStream): number | null {
  const paces = stream.paceSPerKm.filter(plausiblePace);
  return median(paces) ?? null;
}

/** A run's median heart rate over the points the heart-rate fit uses; null without any. */
export function runMedianHeartRate(stream: ChartStream): number | null {
  const { heartRate } = heartRatePoints(stream);
  return median(heartRate) ?? null;
}

/**
 * Evaluates the fit of y on x at `at`, or falls back to the mean of y when the run is too short or
 * too steady for a line but its mean x is already close to `at`.
 */
function estimateAt(
  line: LineFeatures,
  at: number,
  rules: { minSpread: number; maxExtrapolation: number; fallbackAllowed: boolean },
): RunEstimate | null {
  if (line.n >= MIN_FIT_POINTS) {
    if (line.hi - line.lo >= rules.minSpread) {
      if (at < line.lo - rules.maxExtrapolation || at > line.hi + rules.maxExtrapolation) return null;
      const fit = line.fit;
      if (fit === null) return null;
      const value = fit.intercept + fit.slope * at;
      return Number.isFinite(value) ? { value, method: "fit" } : null;
    }
  }
  if (line.n < MIN_FALLBACK_POINTS || !rules.fallbackAllowed) return null;
  return { value: line.meanY, method: "mean" };
}

/**
 * Cadence (spm) this run would show at `paceSPerKm`: cadence regressed on speed over the run's
 * moving points. A short or steady run counts by its mean cadence only when its mean pace (moving
 * distance over moving time) is within FALLBACK_PACE_TOLERANCE_S_PER_KM of the matched pace.
 */
export function cadenceAtPace(stream: ChartStream, paceSPerKm: number): RunEstimate | null {
  return cadenceAtPaceFrom(runFeatures(stream), paceSPerKm);
}

/** cadenceAtPace from a run's stored features. */
export function cadenceAtPaceFrom(features: RunFeatures, paceSPerKm: number): RunEstimate | null {
  const line = features.cadence;
  if (line === null) return null;
  // Points are evenly spaced in time, so 1000 / mean speed is moving time over moving distance.
  const meanPace = 1000 / line.meanX;
  return estimateAt(line, 1000 / paceSPerKm, {
    minSpread: MIN_SPEED_SPREAD_MS,
    maxExtrapolation: MAX_SPEED_EXTRAPOLATION_MS,
    fallbackAllowed: Math.abs(meanPace - paceSPerKm) <= FALLBACK_PACE_TOLERANCE_S_PER_KM,
  });
}

/**
 * Pace (s/km) this run would show at `heartRate`: speed regressed on heart rate (speed, not pace,
 * is the quantity that rises roughly in a straight line with heart rate), converted to pace. A
 * short or steady run counts by its mean pace only when its mean heart rate is within
 * FALLBACK_HEART_RATE_TOLERANCE_BPM of the matched heart rate.
 */
export function paceAtHeartRate(stream: ChartStream, heartRate: number): RunEstimate | null {
  return paceAtHeartRateFrom(runFeatures(stream), heartRate);
}

/** paceAtHeartRate from a run's stored features. */
export function paceAtHeartRateFrom(features: RunFeatures, heartRate: number): RunEstimate | null {
  const line = features.heartRate;
  if (line === null) return null;
  const estimate = estimateAt(line, heartRate, {
    minSpread: MIN_HEART_RATE_SPREAD_BPM,
    maxExtrapolation: MAX_HEART_RATE_EXTRAPOLATION_BPM,
    fallbackAllowed: Math.abs(line.meanX - heartRate) <= FALLBACK_HEART_RATE_TOLERANCE_BPM,
  });
  if (estimate === null || !(estimate.value > 0)) return null;
  const pace = 1000 / estimate.value;
  return Number.isFinite(pace) ? { value: pace, method: estimate.method } : null;
}
