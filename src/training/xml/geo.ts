/**
 * Mean Earth radius R1 = (2a + b) / 3 of WGS84, in metres (IUGG). The spherical model is within
 * ±0.5 % of the ellipsoid's distance everywhere, far below GPS noise at running speeds.
 */
export const EARTH_MEAN_RADIUS_M = 6_371_008.8;

const RADIANS_PER_DEGREE = Math.PI / 180;

/** Great-circle (haversine) distance in metres between two WGS84 positions given in degrees. */
export function haversineMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const phi1 = lat1 * RADIANS_PER_DEGREE;
  const phi2 = lat2 * RADIANS_PER_DEGREE;
  const sinHalfDeltaPhi = Math.sin((phi2 - phi1) / 2);
  const sinHalfDeltaLambda = Math.sin(((lon2 - lon1) * RADIANS_PER_DEGREE) / 2);
  const h = sinHalfDeltaPhi * sinHalfDeltaPhi + Math.cos(phi1) * Math.cos(phi2) * sinHalfDeltaLambda * sinHalfDeltaLambda;
  return 2 * EARTH_MEAN_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Cumulative horizontal distance along a track, in metres, starting at 0. Elevation is ignored,
 * as Garmin and Strava do. A sample without a position carries the distance so far, and the next
 * positioned sample continues from the last known position.
 */
export function cumulativeDistance(lat: Float64Array, lon: Float64Array): Float64Array {
  const distance = new Float64Array(lat.length);
  let total = 0;
  let lastLat = NaN;
  let lastLon = NaN;
  for (let i = 0; i < lat.length; i++) {
    const la = lat[i] ?? NaN;
    const lo = lon[i] ?? NaN;
    if (!Number.isNaN(la) && !Number.isNaN(lo)) {
      if (!Number.isNaN(lastLat)) total += haversineMetres(lastLat, lastLon, la, lo);
      lastLat = la;
      lastLon = lo;
    }
    distance[i] = total;
  }
  return distance;
}

/**
 * Speed in m/s from cumulative distance and time: the distance covered since the previous sample
 * over the time since it. NaN for the first sample, where either value is missing, where the
 * distance went backwards, and where the time did not advance (two samples in the same second
 * would otherwise divide by zero).
 */
export function speedFromDistance(distance: Float64Array, timeMs: Float64Array): Float64Array {
  const speed = new Float64Array(distance.length).fill(NaN);
  for (let i = 1; i < distance.length; i++) {
    const seconds = ((timeMs[i] ?? NaN) - (timeMs[i - 1] ?? NaN)) / 1000;
    if (!(seconds > 0)) continue;
    const metres = (distance[i] ?? NaN) - (distance[i - 1] ?? NaN);
    // A device distance that goes backwards is a glitch, not a negative speed.
    if (metres >= 0) speed[i] = metres / seconds;
  }
  return speed;
}

/**
 * Whether a latitude/longitude pair is a usable position. Exactly (0, 0) is refused too: it lies
 * in the open sea, and devices (Fitbit, some phone apps) write it when they have no GPS fix.
 */
export function isUsablePosition(lat: number, lon: number): boolean {
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0);
}
