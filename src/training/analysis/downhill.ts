import { gainAndLoss, simplifyProfile, zigzagLegs } from "./elevation.js";
import { formatDistance, formatHeight } from "./format.js";
import { confidenceFromRatio } from "./numbers.js";
import {
  CONFIDENCE_AT_THRESHOLD,
  CONFIDENCE_GPS_ALTITUDE_FACTOR,
  CONFIDENCE_MAX,
  DESCENT_MERGE_RISE_M,
  DESCENT_PROFILE_TOLERANCE_M,
  DOWNHILL_LOSS_PER_KM_M,
  DOWNHILL_MIN_LOSS_M,
  DOWNHILL_SPARSE_MEAN_SAMPLES,
  DOWNHILL_SPARSE_STEP_S,
  ELEVATION_HYSTERESIS_GPS_M,
  ELEVATION_HYSTERESIS_M,
  STEEP_DESCENT_MIN_GRADE_PCT,
  STEEP_DESCENT_MIN_LENGTH_M,
} from "./thresholds.js";
import { altitudeLegs, segmentBetween, type Track } from "./track.js";
import type { ActivityLabel, ActivitySummary } from "./types.js";

export interface SteepDescent {
  readonly start: number;
  readonly end: number;
  readonly lengthM: number;
  readonly dropM: number;
}

/**
 * Steep descents: the profile is simplified into straight slopes (Douglas–Peucker, 3 m
 * tolerance); consecutive slopes of ≥ 6% down form a descent, and the next steep slope joins it
 * when the altitude rises less than 10 m in between and the joined stretch still averages ≥ 6%.
 * Longest first.
 */
export function steepDescents(track: Track, altitude: Float64Array): SteepDescent[] {
  const d = track.distanceM;
  const vertices = simplifyProfile(altitude, d, DESCENT_PROFILE_TOLERANCE_M);
  const grade = STEEP_DESCENT_MIN_GRADE_PCT / 100;
  const drop = (i: number, j: number): number => (altitude[i] ?? 0) - (altitude[j] ?? 0);
  const steepEnough = (i: number, j: number): boolean => (d[j] ?? 0) > (d[i] ?? 0) && drop(i, j) >= grade * ((d[j] ?? 0) - (d[i] ?? 0));
  const found: { start: number; end: number }[] = [];
  for (let k = 1; k < vertices.length; k++) {
    const i = vertices[k - 1] ?? 0;
    const j = vertices[k] ?? 0;
    if (!steepEnough(i, j)) continue;
    const last = found[found.length - 1];
    if (last !== undefined && steepEnough(last.start, j) && riseBetween(altitude, last.end, i) < DESCENT_MERGE_RISE_M) {
      last.end = j;
    } else {
      found.push({ start: i, end: j });
    }
  }
  return found
    .map((f) => ({ ...f, lengthM: (d[f.end] ?? 0) - (d[f.start] ?? 0), dropM: drop(f.start, f.end) }))
    .sort((a, b) => b.lengthM - a.lengthM);
}

/** The biggest climb between two samples: highest point minus the lowest point before it. */
function riseBetween(altitude: Float64Array, from: number, to: number): number {
  let low = Number.POSITIVE_INFINITY;
  let rise = 0;
  for (let k = from; k <= to; k++) {
    const v = altitude[k] ?? Number.NaN;
    if (!Number.isFinite(v)) continue;
    low = Math.min(low, v);
    rise = Math.max(rise, v - low);
  }
  return rise;
}

/**
 * Whether the median time between samples (the upper middle step) is at least `seconds`: that is
 * when no more than half the steps are shorter, which a count tells without sorting any.
 */
function medianStepAtLeast(track: Track, seconds: number): boolean {
  if (track.count < 2) return 0 >= seconds;
  const steps = track.count - 1;
  let shorter = 0;
  for (let i = 1; i < track.count; i++) if (track.clockS[i]! - track.clockS[i - 1]! < seconds) shorter++;
  return shorter <= steps >> 1;
}

/** The mean of each sample and its `half` neighbours on either side. */
function meanOverSamples(values: Float64Array, half: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let sum = 0;
    let n = 0;
    for (let k = Math.max(0, i - half); k <= Math.min(values.length - 1, i + half); k++) {
      const v = values[k] ?? Number.NaN;
      if (!Number.isFinite(v)) continue;
      sum += v;
      n += 1;
    }
    out[i] = n > 0 ? sum / n : Number.NaN;
  }
  return out;
}

/**
 * The descent the label counts: the summary's, except that GPS altitude is counted with the wider
 * GPS hysteresis, and altitude that is not barometric and sampled every DOWNHILL_SPARSE_STEP_S or
 * more is first averaged over ±DOWNHILL_SPARSE_MEAN_SAMPLES samples: there the ±5 s smoothing
 * holds a single sample and leaves the wander in.
 */
function descentCounted(track: Track, altitude: Float64Array, summary: ActivitySummary): number | null {
  const gps = summary.altitudeSource === "gps";
  const sparse = summary.altitudeSource !== "barometric" && medianStepAtLeast(track, DOWNHILL_SPARSE_STEP_S);
  if (!gps && !sparse) return summary.elevationLossM;
  const hysteresisM = gps ? ELEVATION_HYSTERESIS_GPS_M : ELEVATION_HYSTERESIS_M;
  if (!sparse && altitude === track.altitudeM) return gainAndLoss(altitudeLegs(track, hysteresisM)).lossM;
  const profile = sparse ? meanOverSamples(altitude, DOWNHILL_SPARSE_MEAN_SAMPLES) : altitude;
  return gainAndLoss(zigzagLegs(profile, hysteresisM)).lossM;
}

/**
 * Downhill / eccentric-heavy: descent per km ≥ 25 m/km with ≥ 150 m lost in total, or a steep
 * sustained descent (≥ 1 km averaging ≥ 6%). Uses the summary's elevation loss and distance;
 * with GPS altitude, or altitude sampled sparsely, the loss is counted again (see
 * descentCounted), so altitude wander on a flat run cannot add up to a downhill run.
 */
export function detectDownhill(track: Track, summary: ActivitySummary): ActivityLabel | null {
  const altitude = track.altitudeM;
  const lossM = altitude === null ? null : descentCounted(track, altitude, summary);
  const distanceM = summary.distanceM;
  if (altitude === null || lossM === null || distanceM === null || distanceM <= 0) return null;

  const lossPerKm = lossM / (distanceM / 1000);
  const descents = steepDescents(track, altitude);
  const longest = descents[0] ?? null;
  const steep = descents.filter((d) => d.lengthM >= STEEP_DESCENT_MIN_LENGTH_M);
  const byTotal = lossPerKm >= DOWNHILL_LOSS_PER_KM_M && lossM >= DOWNHILL_MIN_LOSS_M;
  if (!byTotal && steep.length === 0) return null;

  const totalRatio = byTotal ? Math.min(lossPerKm / DOWNHILL_LOSS_PER_KM_M, lossM / DOWNHILL_MIN_LOSS_M) : 0;
  const steepRatio = longest !== null && steep.length > 0 ? longest.lengthM / STEEP_DESCENT_MIN_LENGTH_M : 0;
  const gpsFactor = summary.altitudeSource === "gps" ? CONFIDENCE_GPS_ALTITUDE_FACTOR : 1;
  const longestGradePct = longest === null ? null : (longest.dropM / longest.lengthM) * 100;
  const longestText =
    longest === null || longestGradePct === null
      ? `no stretch of ${STEEP_DESCENT_MIN_GRADE_PCT}% or steeper downhill`
      : `longest descent ${formatDistance(longest.lengthM)} at −${longestGradePct.toFixed(0)}%`;
  return {
    kind: "downhill",
    confidence: confidenceFromRatio(Math.max(totalRatio, steepRatio), CONFIDENCE_AT_THRESHOLD, CONFIDENCE_MAX) * gpsFactor,
    evidence: `−${formatHeight(lossM)} over ${formatDistance(distanceM)}, ${Math.round(lossPerKm)} m/km; ${longestText}.`,
    details: {
      segments: steep.map((d) => segmentBetween(track, d.start, d.end)),
      figures: {
        lossM,
        lossPerKmM: lossPerKm,
        longestSteepDescentM: longest?.lengthM ?? null,
        longestSteepDescentGradePct: longestGradePct,
      },
    },
  };
}
