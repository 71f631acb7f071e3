import { measureSlope, zigzagLegs, type Slope } from "./elevation.js";
import { formatDistance, formatHeight } from "./format.js";
import { median } from "../../shared/quantiles.js";
import { confidenceFromRatio } from "./numbers.js";
import {
  CLIMB_CORE_TRIM_SHARE,
  CONFIDENCE_AT_THRESHOLD,
  CONFIDENCE_GPS_ALTITUDE_FACTOR,
  CONFIDENCE_MAX,
  ELEVATION_HYSTERESIS_GPS_M,
  ELEVATION_HYSTERESIS_M,
  HILL_MAX_GAP_CLIMB_LENGTHS,
  HILL_MIN_CLIMB_GAIN_GPS_M,
  HILL_MIN_CLIMB_GAIN_M,
  HILL_MIN_CLIMB_GRADE_PCT,
  HILL_MIN_DESCENT_RETURN,
  HILL_MIN_REPEATS,
  HILL_SAME_PLACE_M,
  HILL_SAME_PLACE_SHARE,
  HILL_SIMILARITY_TOLERANCE,
  LEG_TRIM_M,
} from "./thresholds.js";
import { altitudeLegs, haversineM, segmentByDistance, type Track } from "./track.js";
import type { ActivityLabel } from "./types.js";

/** A climb of the smoothed profile, measured on its core (see measureSlope). */
type Climb = Slope;

/** Latitude and longitude at the track's samples (NaN where a sample has no fix). */
export interface Positions {
  readonly lat: Float64Array;
  readonly lon: Float64Array;
}

/**
 * Climbs of the smoothed profile that are big and steep enough to be a hill effort. When the
 * altitude is known to come from GPS, a climb must beat GPS-altitude wander: a wider hysteresis
 * and a bigger minimum gain.
 */
export function findClimbs(track: Track, altitude: Float64Array, barometric = true): Climb[] {
  const climbs: Climb[] = [];
  const minGain = barometric ? HILL_MIN_CLIMB_GAIN_M : HILL_MIN_CLIMB_GAIN_GPS_M;
  const hysteresisM = barometric ? ELEVATION_HYSTERESIS_M : ELEVATION_HYSTERESIS_GPS_M;
  const legs = altitude === track.altitudeM ? altitudeLegs(track, hysteresisM) : zigzagLegs(altitude, hysteresisM);
  for (const leg of legs) {
    if (leg.change < minGain) continue;
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
  const gain = median(series.map((c) => c.leg.change))!;
  const length = median(series.map((c) => c.lengthM))!;
  const tolerance = HILL_SIMILARITY_TOLERANCE + 1e-9;
  return series.every((c) => Math.abs(c.leg.change - gain) <= tolerance * gain && Math.abs(c.lengthM - length) <= tolerance * length);
}

/** The position nearest a distance along the track (the first sample at or after it with a fix). */
function positionAt(track: Track, positions: Positions, distanceM: number): [number, number] | null {
  let lo = 0;
  let hi = track.count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((track.distanceM[mid] ?? 0) < distanceM) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < track.count && k < lo + 30; k++) {
    const la = positions.lat[k] ?? Number.NaN;
    const lo2 = positions.lon[k] ?? Number.NaN;
    if (Number.isFinite(la) && Number.isFinite(lo2)) return [la, lo2];
  }
  return null;
}

/** b climbs the same stretch as a: its foot and its top lie within HILL_SAME_PLACE_M (or 35% of the first climb) of a's. */
function samePlace(track: Track, positions: Positions, a: Climb, b: Climb): boolean {
  const tolerance = Math.max(HILL_SAME_PLACE_M, HILL_SAME_PLACE_SHARE * a.lengthM);
  const near = (x: number, y: number): boolean => {
    const p = positionAt(track, positions, x);
    const q = positionAt(track, positions, y);
    return p !== null && q !== null && haversineM(p[0], p[1], q[0], q[1]) <= tolerance;
  };
  return near(a.startDistanceM, b.startDistanceM) && near(a.endDistanceM, b.endDistanceM);
}

/** The longest run of consecutive climbs of the same stretch that repeat one another and are all similar. */
function longestSeries(track: Track, positions: Positions, altitude: Float64Array, climbs: readonly Climb[]): Climb[] {
  let best: Climb[] = [];
  for (let i = 0; i < climbs.length; i++) {
    const first = climbs[i];
    for (let j = i + 1; j < climbs.length; j++) {
      const a = climbs[j - 1];
      const b = climbs[j];
      if (first === undefined || a === undefined || b === undefined || !isRepeatOf(altitude, a, b)) break;
      if (!samePlace(track, positions, first, b)) break;
      const series = climbs.slice(i, j + 1);
      if (!allSimilar(series)) break;
      if (series.length > best.length) best = series;
    }
  }
  return best;
}

/**
 * Hill repeats: at least HILL_MIN_REPEATS consecutive ascents of the same stretch (matched by
 * position), each of ≥ 10 m at ≥ 3% (≥ 25 m when the altitude is GPS altitude), within ±30% of
 * the series' median gain and length, each followed by a descent of ≥ 60% of it and the next
 * climb starting within 3 climb lengths. Null when the run has no such series, or no positions.
 */
export function detectHillRepeats(track: Track, altitudeSource: string | null, positions: Positions | null): ActivityLabel | null {
  const altitude = track.altitudeM;
  if (altitude === null || positions === null) return null;
  const series = longestSeries(track, positions, altitude, findClimbs(track, altitude, altitudeSource !== "gps"));
  if (series.length < HILL_MIN_REPEATS) return null;

  const gainM = median(series.map((c) => c.leg.change))!;
  const lengthM = median(series.map((c) => c.lengthM))!;
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
