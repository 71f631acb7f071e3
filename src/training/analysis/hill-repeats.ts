import { measureSlope, zigzagLegs, type Slope } from "./elevation.js";
import { formatDistance, formatHeight } from "./format.js";
import { confidenceFromRatio, median } from "./numbers.js";
import {
  CLIMB_CORE_TRIM_SHARE,
  CONFIDENCE_AT_THRESHOLD,
  CONFIDENCE_GPS_ALTITUDE_FACTOR,
  CONFIDENCE_MAX,
  ELEVATION_HYSTERESIS_M,
  HILL_MAX_GAP_CLIMB_LENGTHS,
  HILL_MIN_CLIMB_GAIN_M,
  HILL_MIN_CLIMB_GRADE_PCT,
  HILL_MIN_DESCENT_RETURN,
  HILL_MIN_REPEATS,
  HILL_SIMILARITY_TOLERANCE,
  LEG_TRIM_M,
} from "./thresholds.js";
import { segmentByDistance, type Track } from "./track.js";
import type { ActivityLabel } from "./types.js";

/** A climb of the smoothed profile, measured on its core (see measureSlope). */
type Climb = Slope;

/** Climbs of the smoothed profile that are big and steep enough to be a hill effort. */
export function findClimbs(track: Track, altitude: Float64Array): Climb[] {
  const climbs: Climb[] = [];
  for (const leg of zigzagLegs(altitude, ELEVATION_HYSTERESIS_M)) {
    if (leg.change < HILL_MIN_CLIMB_GAIN_M) continue;
    const slope = measureSlope(altitude, track.distanceM, leg, CLIMB_CORE_TRIM_SHARE, LEG_TRIM_M);
    if (slope !== null && slope.gradePct >= HILL_MIN_CLIMB_GRADE_PCT) climbs.push(slope);
  }
  return climbs;
}

/** b follows a as a repeat: the runner went back down most of a, and b starts soon after a's top. */
function isRepeatOf(altitude: Float64Array, a: Climb, b: Climb): boolean {
  const top = altitude[a.leg.end] ?? 0;
  let lowest = top;
  for (let k = a.leg.end; k <= b.leg.start; k++) {
    const v = altitude[k] ?? Number.NaN;
    if (Number.isFinite(v) && v < lowest) lowest = v;
  }
  const gapM = b.startDistanceM - a.endDistanceM;
  return top - lowest >= HILL_MIN_DESCENT_RETURN * a.leg.change && gapM <= HILL_MAX_GAP_CLIMB_LENGTHS * a.lengthM;
}

function allSimilar(series: readonly Climb[]): boolean {
  const gain = median(series.map((c) => c.leg.change));
  const length = median(series.map((c) => c.lengthM));
  const tolerance = HILL_SIMILARITY_TOLERANCE + 1e-9;
  return series.every((c) => Math.abs(c.leg.change - gain) <= tolerance * gain && Math.abs(c.lengthM - length) <= tolerance * length);
}

/** The longest run of consecutive climbs that repeat one another and are all similar. */
function longestSeries(altitude: Float64Array, climbs: readonly Climb[]): Climb[] {
  let best: Climb[] = [];
  for (let i = 0; i < climbs.length; i++) {
    for (let j = i + 1; j < climbs.length; j++) {
      const a = climbs[j - 1];
      const b = climbs[j];
      if (a === undefined || b === undefined || !isRepeatOf(altitude, a, b)) break;
      const series = climbs.slice(i, j + 1);
      if (!allSimilar(series)) break;
      if (series.length > best.length) best = series;
    }
  }
  return best;
}

/**
 * Hill repeats: at least HILL_MIN_REPEATS consecutive climbs of ≥ 10 m at ≥ 3%, each within ±30%
 * of the series' median gain and length, each followed by a descent of ≥ 60% of it and the next
 * climb starting within 3 climb lengths. Returns null when the run has no such series.
 */
export function detectHillRepeats(track: Track, altitudeSource: string | null): ActivityLabel | null {
  const altitude = track.altitudeM;
  if (altitude === null) return null;
  const series = longestSeries(altitude, findClimbs(track, altitude));
  if (series.length < HILL_MIN_REPEATS) return null;

  const gainM = median(series.map((c) => c.leg.change));
  const lengthM = median(series.map((c) => c.lengthM));
  const gradePct = (gainM / lengthM) * 100;
  const gpsFactor = altitudeSource === "gps" ? CONFIDENCE_GPS_ALTITUDE_FACTOR : 1;
  return {
    kind: "hill_repeats",
    confidence: confidenceFromRatio(series.length / HILL_MIN_REPEATS, CONFIDENCE_AT_THRESHOLD, CONFIDENCE_MAX) * gpsFactor,
    evidence:
      `${series.length} climbs of ~${formatHeight(gainM)} at ~${gradePct.toFixed(1)}% ` +
      `(~${formatDistance(lengthM)} each), with descents between.`,
    details: {
      segments: series.map((c) => segmentByDistance(track, c.startDistanceM, c.endDistanceM, c.leg.change)),
      figures: { climbs: series.length, medianGainM: gainM, medianLengthM: lengthM, gradePct },
    },
  };
}
