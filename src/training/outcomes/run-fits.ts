import type { ChartStream } from "../analysis/types.js";
import { median, quantile } from "../../shared/quantiles.js";
import { mean, leastSquares } from "./stats.js";
import {
  CADENCE_MAX_SPM,
  CADENCE_MIN_SPM,
  FALLBACK_HEART_RATE_TOLERANCE_BPM,
  FALLBACK_PACE_TOLERANCE_S_PER_KM,
  HEART_RATE_MAX_BPM,
  HEART_RATE_MIN_BPM,
  HEART_RATE_WARMUP_S,
  MAX_HEART_RATE_EXTRAPOLATION_BPM,
  MAX_SPEED_EXTRAPOLATION_MS,
  MIN_FALLBACK_POINTS,
  MIN_FIT_POINTS,
  MIN_HEART_RATE_SPREAD_BPM,
  MIN_SPEED_SPREAD_MS,
  PACE_MAX_S_PER_KM,
  PACE_MIN_S_PER_KM,
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

const plausiblePace = (pace: number | null | undefined): pace is number =>
  pace !== null && pace !== undefined && Number.isFinite(pace) && pace >= PACE_MIN_S_PER_KM && pace <= PACE_MAX_S_PER_KM;

const within = (value: number | null | undefined, min: number, max: number): value is number =>
  value !== null && value !== undefined && Number.isFinite(value) && value >= min && value <= max;

/** Moving points (pace known and plausible) with a plausible cadence: speed m/s and cadence spm. */
export function cadencePoints(stream: ChartStream): { speedMs: number[]; cadenceSpm: number[] } {
  const speedMs: number[] = [];
  const cadenceSpm: number[] = [];
  stream.paceSPerKm.forEach((pace, k) => {
    const cadence = stream.cadenceSpm[k];
    if (!plausiblePace(pace) || !within(cadence, CADENCE_MIN_SPM, CADENCE_MAX_SPM)) return;
    speedMs.push(1000 / pace);
    cadenceSpm.push(cadence);
  });
  return { speedMs, cadenceSpm };
}

/** Moving points after the heart-rate warm-up with a plausible heart rate: bpm and speed m/s. */
export function heartRatePoints(stream: ChartStream): { heartRate: number[]; speedMs: number[] } {
  const heartRate: number[] = [];
  const speedMs: number[] = [];
  stream.paceSPerKm.forEach((pace, k) => {
    const hr = stream.heartRate[k];
    const t = stream.tS[k] ?? 0;
    if (t < HEART_RATE_WARMUP_S || !plausiblePace(pace) || !within(hr, HEART_RATE_MIN_BPM, HEART_RATE_MAX_BPM)) return;
    heartRate.push(hr);
    speedMs.push(1000 / pace);
  });
  return { heartRate, speedMs };
}

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
 * Fits y on x and evaluates at `at`, or falls back to the mean of y when the run is too short or
 * too steady for a line but its mean x is already close to `at`.
 */
function estimateAt(
  x: readonly number[],
  y: readonly number[],
  at: number,
  rules: { minSpread: number; maxExtrapolation: number; fallbackAllowed: boolean },
): RunEstimate | null {
  if (x.length >= MIN_FIT_POINTS) {
    const lo = quantile(x, 0.1)!;
    const hi = quantile(x, 0.9)!;
    if (hi - lo >= rules.minSpread) {
      if (at < lo - rules.maxExtrapolation || at > hi + rules.maxExtrapolation) return null;
      const fit = leastSquares(x, y);
      if (fit === null) return null;
      const value = fit.intercept + fit.slope * at;
      return Number.isFinite(value) ? { value, method: "fit" } : null;
    }
  }
  if (x.length < MIN_FALLBACK_POINTS || !rules.fallbackAllowed) return null;
  return { value: mean(y), method: "mean" };
}

/**
 * Cadence (spm) this run would show at `paceSPerKm`: cadence regressed on speed over the run's
 * moving points. A short or steady run counts by its mean cadence only when its mean pace (moving
 * distance over moving time) is within FALLBACK_PACE_TOLERANCE_S_PER_KM of the matched pace.
 */
export function cadenceAtPace(stream: ChartStream, paceSPerKm: number): RunEstimate | null {
  const { speedMs, cadenceSpm } = cadencePoints(stream);
  if (speedMs.length === 0) return null;
  // Points are evenly spaced in time, so 1000 / mean speed is moving time over moving distance.
  const meanPace = 1000 / mean(speedMs);
  return estimateAt(speedMs, cadenceSpm, 1000 / paceSPerKm, {
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
  const points = heartRatePoints(stream);
  if (points.heartRate.length === 0) return null;
  const estimate = estimateAt(points.heartRate, points.speedMs, heartRate, {
    minSpread: MIN_HEART_RATE_SPREAD_BPM,
    maxExtrapolation: MAX_HEART_RATE_EXTRAPOLATION_BPM,
    fallbackAllowed: Math.abs(mean(points.heartRate) - heartRate) <= FALLBACK_HEART_RATE_TOLERANCE_BPM,
  });
  if (estimate === null || !(estimate.value > 0)) return null;
  const pace = 1000 / estimate.value;
  return Number.isFinite(pace) ? { value: pace, method: estimate.method } : null;
}
