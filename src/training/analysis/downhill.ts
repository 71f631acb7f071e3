import { longestSteepDescent, trimLeg, zigzagLegs } from "./elevation.js";
import { formatDistance } from "./format.js";
import { confidenceFromRatio } from "./numbers.js";
import {
  CONFIDENCE_AT_THRESHOLD,
  CONFIDENCE_GPS_ALTITUDE_FACTOR,
  CONFIDENCE_MAX,
  DESCENT_MERGE_HYSTERESIS_M,
  DOWNHILL_LOSS_PER_KM_M,
  DOWNHILL_MIN_LOSS_M,
  LEG_TRIM_M,
  STEEP_DESCENT_MIN_GRADE_PCT,
  STEEP_DESCENT_MIN_LENGTH_M,
} from "./thresholds.js";
import { segmentBetween, type Track } from "./track.js";
import type { ActivityLabel, ActivitySummary, LabelSegment } from "./types.js";

export interface SteepDescent {
  readonly start: number;
  readonly end: number;
  readonly lengthM: number;
  readonly dropM: number;
}

/**
 * For each descent of the profile (rises under 10 m do not end a descent; flat top and foot
 * trimmed), its longest stretch averaging STEEP_DESCENT_MIN_GRADE_PCT or steeper. Longest first.
 */
export function steepDescents(track: Track, altitude: Float64Array): SteepDescent[] {
  const found: SteepDescent[] = [];
  for (const leg of zigzagLegs(altitude, DESCENT_MERGE_HYSTERESIS_M)) {
    if (leg.change >= 0) continue;
    const slope = trimLeg(altitude, leg, LEG_TRIM_M);
    const span = longestSteepDescent(altitude, track.distanceM, slope.start, slope.end, STEEP_DESCENT_MIN_GRADE_PCT);
    if (span === null) continue;
    const lengthM = (track.distanceM[span.end] ?? 0) - (track.distanceM[span.start] ?? 0);
    const dropM = (altitude[span.start] ?? 0) - (altitude[span.end] ?? 0);
    if (lengthM > 0) found.push({ ...span, lengthM, dropM });
  }
  return found.sort((a, b) => b.lengthM - a.lengthM);
}

/**
 * Downhill / eccentric-heavy: descent per km ≥ 25 m/km with ≥ 150 m lost in total, or a steep
 * sustained descent (≥ 1 km averaging ≥ 6%). Uses the summary's elevation loss and distance.
 */
export function detectDownhill(track: Track, summary: ActivitySummary): ActivityLabel | null {
  const altitude = track.altitudeM;
  const lossM = summary.elevationLossM;
  const distanceM = summary.distanceM;
  if (altitude === null || lossM === null || distanceM === null || distanceM <= 0) return null;

  const lossPerKm = lossM / (distanceM / 1000);
  const descents = steepDescents(track, altitude);
  const longest = descents[0] ?? null;
  const steep = descents.filter((d) => d.lengthM >= STEEP_DESCENT_MIN_LENGTH_M);
  const byTotal = lossPerKm >= DOWNHILL_LOSS_PER_KM_M && lossM >= DOWNHILL_MIN_LOSS_M;
  if (!byTotal && steep.length === 0) return null;

  const totalRatio = byTotal ? Math.min(lossPerKm / DOWNHILL_LOSS_PER_KM_M, lossM / DOWNHILL_MIN_LOSS_M) : 0;
  const steepRatio = longest === null ? 0 : longest.lengthM / STEEP_DESCENT_MIN_LENGTH_M;
  const ratio = Math.max(totalRatio, steep.length > 0 ? steepRatio : 0);
  const gpsFactor = summary.altitudeSource === "gps" ? CONFIDENCE_GPS_ALTITUDE_FACTOR : 1;
  const longestText =
    longest === null
      ? `no stretch averaging ${STEEP_DESCENT_MIN_GRADE_PCT}% or steeper downhill`
      : `longest descent ${formatDistance(longest.lengthM)} at −${((longest.dropM / longest.lengthM) * 100).toFixed(0)}%`;
  const segments: LabelSegment[] = steep.map((d) => segmentBetween(track, d.start, d.end));
  return {
    kind: "downhill",
    confidence: confidenceFromRatio(ratio, CONFIDENCE_AT_THRESHOLD, CONFIDENCE_MAX) * gpsFactor,
    evidence: `−${Math.round(lossM)} m over ${formatDistance(distanceM)}, ${Math.round(lossPerKm)} m/km; ${longestText}.`,
    details: {
      segments,
      figures: {
        lossM,
        lossPerKmM: lossPerKm,
        longestSteepDescentM: longest?.lengthM ?? null,
        longestSteepDescentGradePct: longest === null ? null : (longest.dropM / longest.lengthM) * 100,
      },
    },
  };
}
