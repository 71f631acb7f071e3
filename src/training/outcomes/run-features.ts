import type { ChartStream } from "../analysis/types.js";
import { median, quantile } from "../../shared/quantiles.js";
import { leastSquares, mean, type LineFit } from "./stats.js";
import {
  CADENCE_MAX_SPM,
  CADENCE_MIN_SPM,
  HEART_RATE_MAX_BPM,
  HEART_RATE_MIN_BPM,
  HEART_RATE_WARMUP_S,
  PACE_MAX_S_PER_KM,
  PACE_MIN_S_PER_KM,
} from "./thresholds.js";

/**
 * What a run's outcome figures are computed from, reduced once from its stream: the fits in
 * run-fits.ts need only these numbers, whatever pace or heart rate they are later evaluated at.
 * Stored beside each activity when it is analysed (activity_outcome), so comparing runs before
 * and after a treatment reads a few numbers per run instead of parsing its stream. Bump
 * RUN_FEATURES_VERSION with any change here or to the point rules in thresholds.ts: stored
 * features of another version are not used (the stream is read instead) until recomputed.
 */
export const RUN_FEATURES_VERSION = 1;

/** One straight-line relation within a run (cadence on speed, or speed on heart rate). */
export interface LineFeatures {
  /** Usable points. */
  readonly n: number;
  /** 10th and 90th percentile of x. */
  readonly lo: number;
  readonly hi: number;
  /** y on x by least squares; null when it cannot be fitted. */
  readonly fit: LineFit | null;
  readonly meanX: number;
  readonly meanY: number;
}

export interface RunFeatures {
  readonly version: number;
  /** runMedianPace: median of the plausible moving paces, s/km. */
  readonly medianPace: number | null;
  /** runMedianHeartRate: median heart rate over the points the heart-rate fit uses. */
  readonly medianHeartRate: number | null;
  /** Cadence (spm) on speed (m/s) over moving points with a plausible cadence. */
  readonly cadence: LineFeatures | null;
  /** Speed (m/s) on heart rate (bpm) over moving points after the warm-up. */
  readonly heartRate: LineFeatures | null;
}

export const plausiblePace = (pace: number | null | undefined): pace is number =>
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

/** The numbers a fit of y on x needs; null without points. */
export function lineFeatures(x: readonly number[], y: readonly number[]): LineFeatures | null {
  if (x.length === 0) return null;
  const fit = leastSquares(x, y);
  return {
    n: x.length,
    lo: quantile(x, 0.1)!,
    hi: quantile(x, 0.9)!,
    // A fit that is not finite evaluates to no value anyway; stored as none (JSON has no Infinity).
    fit: fit && Number.isFinite(fit.slope) && Number.isFinite(fit.intercept) ? fit : null,
    meanX: mean(x),
    meanY: mean(y),
  };
}

export function runFeatures(stream: ChartStream): RunFeatures {
  const paces = stream.paceSPerKm.filter(plausiblePace);
  const cadence = cadencePoints(stream);
  const heartRate = heartRatePoints(stream);
  return {
    version: RUN_FEATURES_VERSION,
    medianPace: median(paces) ?? null,
    medianHeartRate: median(heartRate.heartRate) ?? null,
    cadence: lineFeatures(cadence.speedMs, cadence.cadenceSpm),
    heartRate: lineFeatures(heartRate.heartRate, heartRate.speedMs),
  };
}

/** Stored features, or null when absent, unreadable or of another version (the stream is read then). */
export function parseRunFeatures(json: string | null | undefined): RunFeatures | null {
  if (!json) return null;
  try {
    const features = JSON.parse(json) as RunFeatures;
    return features.version === RUN_FEATURES_VERSION ? features : null;
  } catch {
    return null;
  }
}
