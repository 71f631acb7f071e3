import type { ParsedActivity } from "../activity.js";
import { meanSmooth, medianSmooth, zigzagLegs, type Leg } from "./elevation.js";
import type { LabelSegment } from "./types.js";
import { ALTITUDE_MEAN_HALF_WINDOW_S, ALTITUDE_MEDIAN_HALF_WINDOW_S, CLOCK_JUMP_S, PAUSE_GAP_S } from "./thresholds.js";
import { movingSteps } from "./moving.js";
import { ScratchFloat64 } from "./scratch.js";

/**
 * The cleaned timeline every analysis works on: only samples whose clock never runs backwards,
 * a seconds clock without jumps, one cumulative distance, a moving flag per step and smoothed
 * altitude. Built once per activity; all arrays have length `count`.
 */
export interface Track {
  readonly count: number;
  /** Index into the activity's sample columns of each kept sample. */
  readonly source: Int32Array;
  readonly timeMs: Float64Array;
  /** Seconds since the first kept sample; clock jumps count as no time. */
  readonly clockS: Float64Array;
  /** Cumulative metres from 0, never decreasing. */
  readonly distanceM: Float64Array;
  readonly distanceSource: "device" | "gps" | "speed" | null;
  /** moving[i] = 1 when the step from sample i-1 to i was moving (moving.ts); moving[0] = 0. */
  readonly moving: Uint8Array;
  /** Smoothed altitude (running median, then running mean; NaN where unknown), or null without altitude. */
  readonly altitudeM: Float64Array | null;
  readonly droppedSamples: number;
  readonly clockJumps: number;
}

/** 0, 1, …, count − 1, shared by every track that keeps all its samples (tracks are never written). */
let identityIndices = new Int32Array(0);
function identity(count: number): Int32Array {
  if (identityIndices.length < count) {
    const grown = new Int32Array(Math.max(count, 2 * identityIndices.length));
    for (let i = 0; i < grown.length; i++) grown[i] = i;
    identityIndices = grown;
  }
  return identityIndices.subarray(0, count);
}

/**
 * Keeps the longest run of samples whose time never goes backwards (longest non-decreasing
 * subsequence). A lone sample stamped in the past or the future is dropped; when the clock resets
 * mid-file, the longer side wins. Samples without a time are dropped too.
 */
function monotoneSamples(time: Float64Array, count: number): Int32Array {
  // The usual file: every sample timed, in order. All kept, without collecting them one by one.
  // After a finite first time, a time no earlier than the one before is finite unless it is +∞.
  let inOrder = count === 0 || Number.isFinite(time[0]);
  for (let i = 1; i < count && inOrder; i++) {
    const t = time[i]!;
    inOrder = t >= time[i - 1]! && t !== Number.POSITIVE_INFINITY;
  }
  if (inOrder) return identity(count);
  const finite: number[] = [];
  for (let i = 0; i < count; i++) if (Number.isFinite(time[i])) finite.push(i);
  const at = (p: number): number => time[finite[p] ?? 0] ?? 0;
  let sorted = true;
  for (let p = 1; p < finite.length && sorted; p++) sorted = at(p) >= at(p - 1);
  if (sorted) return Int32Array.from(finite);

  const tails: number[] = [];
  const previous = new Int32Array(finite.length).fill(-1);
  for (let p = 0; p < finite.length; p++) {
    const value = at(p);
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at(tails[mid] ?? 0) <= value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[p] = tails[lo - 1] ?? -1;
    tails[lo] = p;
  }
  const kept = new Int32Array(tails.length);
  for (let k = tails.length - 1, p = tails[tails.length - 1] ?? -1; k >= 0 && p >= 0; k--, p = previous[p] ?? -1) {
    kept[k] = finite[p] ?? 0;
  }
  return kept;
}

/**
 * The values of a column at the kept samples, or null when the column is absent or all NaN.
 * `source` holds strictly increasing indices (monotoneSamples); when it keeps every sample the
 * column itself is answered, not a copy: tracks and columns are never written after they are built.
 */
export function gather(column: Float64Array | null, source: Int32Array): Float64Array | null {
  if (column === null) return null;
  const n = source.length;
  if (n > 0 && source[0] === 0 && source[n - 1] === n - 1 && column.length >= n) {
    const kept = column.length === n ? column : column.subarray(0, n);
    for (let k = 0; k < n; k++) if (Number.isFinite(kept[k])) return kept;
    return null;
  }
  const out = new Float64Array(source.length);
  let any = false;
  for (let k = 0; k < source.length; k++) {
    const v = column[source[k] ?? 0] ?? Number.NaN;
    out[k] = v;
    any ||= Number.isFinite(v);
  }
  return any ? out : null;
}

/**
 * Fills the NaN gaps of a cumulative column by linear interpolation on the clock (held flat
 * before the first and after the last reading), so distance gained while a column was missing
 * (a tunnel, a dropped field) is spread over the gap instead of landing on one step.
 * Returns null with fewer than two readings.
 */
function fillByTime(cumulative: Float64Array, clockS: Float64Array): Float64Array | null {
  let gaps = 0;
  for (let i = 0; i < cumulative.length; i++) if (!Number.isFinite(cumulative[i])) gaps++;
  // No gaps to fill (each sample is its own reading): the column is already the answer.
  if (gaps === 0 && cumulative.length >= 2) return cumulative;
  const known: number[] = [];
  for (let i = 0; i < cumulative.length; i++) if (Number.isFinite(cumulative[i])) known.push(i);
  if (known.length < 2) return null;
  const out = new Float64Array(cumulative.length);
  let k = 0;
  for (let i = 0; i < cumulative.length; i++) {
    while (k + 1 < known.length && (known[k + 1] ?? 0) <= i) k++;
    const a = known[k] ?? 0;
    const b = known[k + 1];
    const va = cumulative[a] ?? 0;
    const ta = clockS[a] ?? 0;
    const tb = b === undefined ? ta : (clockS[b] ?? ta);
    if (i <= a || b === undefined || tb <= ta) {
      out[i] = va;
      continue;
    }
    const vb = cumulative[b] ?? va;
    out[i] = va + ((vb - va) * ((clockS[i] ?? 0) - ta)) / (tb - ta);
  }
  return out;
}

/** The device's cumulative distance, counted from its first reading and never decreasing. */
function fromDeviceDistance(distance: Float64Array | null, clockS: Float64Array): Float64Array | null {
  if (distance === null) return null;
  if (countsFromZero(distance)) return distance;
  const cumulative = new Float64Array(distance.length).fill(Number.NaN);
  let first = Number.NaN;
  let last = 0;
  for (let i = 0; i < distance.length; i++) {
    const v = distance[i] ?? Number.NaN;
    if (!Number.isFinite(v)) continue;
    if (Number.isNaN(first)) first = v;
    // A smaller reading gains nothing: the column is cumulative.
    last = Math.max(last, v - first);
    cumulative[i] = last;
  }
  return fillByTime(cumulative, clockS);
}

/**
 * Whether a distance column is already what fromDeviceDistance would make of it: two or more
 * readings, every one finite and none below the one before, the first exactly 0 (+0, as every
 * later reading is kept minus the first). The usual watch file; its column is answered as is.
 */
function countsFromZero(distance: Float64Array): boolean {
  const n = distance.length;
  if (n < 2 || !Object.is(distance[0], 0)) return false;
  let previous = 0;
  for (let i = 1; i < n; i++) {
    const v = distance[i]!;
    // NaN fails the comparison; a -0 after zeros would be written as +0.
    if (!(v > previous || (v === previous && !Object.is(v, -0)))) return false;
    previous = v;
  }
  return true;
}

/** Mean Earth radius (IUGG), m. */
const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance between two WGS84 positions, m (spherical Earth; < 0.5% from the ellipsoid). */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

function fromPositions(lat: Float64Array | null, lon: Float64Array | null, clockS: Float64Array): Float64Array | null {
  if (lat === null || lon === null) return null;
  const cumulative = new Float64Array(lat.length).fill(Number.NaN);
  let total = 0;
  let lastLat = Number.NaN;
  let lastLon = Number.NaN;
  for (let i = 0; i < lat.length; i++) {
    const la = lat[i] ?? Number.NaN;
    const lo = lon[i] ?? Number.NaN;
    if (!Number.isFinite(la) || !Number.isFinite(lo) || Math.abs(la) > 90 || Math.abs(lo) > 180) continue;
    if (Number.isFinite(lastLat)) total += haversineM(lastLat, lastLon, la, lo);
    lastLat = la;
    lastLon = lo;
    cumulative[i] = total;
  }
  return fillByTime(cumulative, clockS);
}

/** Speed × time (trapezoids). Steps longer than the pause gap add nothing: the device was not recording. */
function fromSpeed(speed: Float64Array | null, clockS: Float64Array): Float64Array | null {
  if (speed === null) return null;
  const out = new Float64Array(speed.length);
  for (let i = 1; i < speed.length; i++) {
    const dt = (clockS[i] ?? 0) - (clockS[i - 1] ?? 0);
    const a = speed[i - 1] ?? Number.NaN;
    const b = speed[i] ?? Number.NaN;
    const gained = dt > 0 && dt <= PAUSE_GAP_S && Number.isFinite(a) && Number.isFinite(b) ? ((a + b) / 2) * dt : 0;
    out[i] = (out[i - 1] ?? 0) + Math.max(0, gained);
  }
  return out;
}

/**
 * The tracks already built, by activity: summarising and classifying one activity both need it,
 * and it is the costliest step after decoding. A Track is never modified after it is built.
 */
const built = new WeakMap<ParsedActivity, Track>();

/** Builds the cleaned track (once per activity object). Pure; O(n log n) at worst, O(n) for a well-ordered file. */
export function buildTrack(activity: ParsedActivity): Track {
  let track = built.get(activity);
  if (track === undefined) {
    track = buildTrackOnce(activity);
    built.set(activity, track);
  }
  return track;
}

const medianScratch = new ScratchFloat64();

function buildTrackOnce(activity: ParsedActivity): Track {
  const samples = activity.samples;
  const source = monotoneSamples(samples.time, samples.count);
  const count = source.length;
  const timeMs = gather(samples.time, source) ?? new Float64Array(0);

  const clockS = new Float64Array(count);
  let clockJumps = 0;
  // The running clock is kept in a local, not read back from the column it was just written to.
  let clock = 0;
  for (let i = 1; i < count; i++) {
    let dt = (timeMs[i]! - timeMs[i - 1]!) / 1000;
    if (dt > CLOCK_JUMP_S) {
      dt = 0;
      clockJumps++;
    }
    clock += dt;
    clockS[i] = clock;
  }

  const speed = gather(samples.speed, source);
  const device = fromDeviceDistance(gather(samples.distance, source), clockS);
  const gps = device === null ? fromPositions(gather(samples.lat, source), gather(samples.lon, source), clockS) : null;
  const integrated = device === null && gps === null ? fromSpeed(speed, clockS) : null;
  const distanceM = device ?? gps ?? integrated ?? new Float64Array(count);
  const distanceSource = device !== null ? "device" : gps !== null ? "gps" : integrated !== null ? "speed" : null;

  const moving = movingSteps(clockS, distanceM, distanceSource !== null, speed);

  const rawAltitude = gather(samples.altitude, source);
  const altitudeM =
    rawAltitude === null
      ? null
      : meanSmooth(
          // The running median is read only by the running mean: a working buffer (scratch.ts).
          medianSmooth(rawAltitude, clockS, ALTITUDE_MEDIAN_HALF_WINDOW_S, medianScratch.take(count)),
          clockS,
          ALTITUDE_MEAN_HALF_WINDOW_S,
        );

  return {
    count,
    source,
    timeMs,
    clockS,
    distanceM,
    distanceSource,
    moving,
    altitudeM,
    droppedSamples: samples.count - count,
    clockJumps,
  };
}

const legsBuilt = new WeakMap<Track, Map<number, readonly Leg[]>>();

/**
 * The zig-zag legs of the track's smoothed altitude (empty without altitude), made once per
 * hysteresis: the summary's elevation and the hill and downhill labels read the same legs.
 */
export function altitudeLegs(track: Track, hysteresisM: number): readonly Leg[] {
  if (track.altitudeM === null) return [];
  let byHysteresis = legsBuilt.get(track);
  if (byHysteresis === undefined) {
    byHysteresis = new Map();
    legsBuilt.set(track, byHysteresis);
  }
  let legs = byHysteresis.get(hysteresisM);
  if (legs === undefined) {
    legs = zigzagLegs(track.altitudeM, hysteresisM);
    byHysteresis.set(hysteresisM, legs);
  }
  return legs;
}

/** Linear interpolation of ys at x, for non-decreasing xs; clamps outside the range. */
export function interpolate(xs: Float64Array, ys: Float64Array, x: number): number {
  const n = xs.length;
  if (n === 0) return Number.NaN;
  if (x <= (xs[0] ?? 0)) return ys[0] ?? Number.NaN;
  if (x >= (xs[n - 1] ?? 0)) return ys[n - 1] ?? Number.NaN;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] ?? 0) <= x) lo = mid;
    else hi = mid;
  }
  const x0 = xs[lo] ?? 0;
  const x1 = xs[hi] ?? 0;
  const y0 = ys[lo] ?? Number.NaN;
  const y1 = ys[hi] ?? Number.NaN;
  return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}

/** The stretch between two kept samples, as a label segment (pace from distance over clock time). */
export function segmentBetween(track: Track, start: number, end: number): LabelSegment {
  const startDistanceM = track.distanceM[start] ?? 0;
  const endDistanceM = track.distanceM[end] ?? 0;
  const startS = track.clockS[start] ?? 0;
  const endS = track.clockS[end] ?? 0;
  const a0 = track.altitudeM?.[start] ?? Number.NaN;
  const a1 = track.altitudeM?.[end] ?? Number.NaN;
  const change = a1 - a0;
  const metres = endDistanceM - startDistanceM;
  return {
    startDistanceM,
    endDistanceM,
    startS,
    endS,
    elevationChangeM: Number.isFinite(change) ? change : null,
    paceSPerKm: metres > 0 && endS > startS ? ((endS - startS) / metres) * 1000 : null,
  };
}

/** A label segment between two distances; times interpolated on the clock. */
export function segmentByDistance(
  track: Track,
  startDistanceM: number,
  endDistanceM: number,
  elevationChangeM: number | null,
): LabelSegment {
  const startS = interpolate(track.distanceM, track.clockS, startDistanceM);
  const endS = interpolate(track.distanceM, track.clockS, endDistanceM);
  const metres = endDistanceM - startDistanceM;
  return {
    startDistanceM,
    endDistanceM,
    startS,
    endS,
    elevationChangeM,
    paceSPerKm: metres > 0 && endS > startS ? ((endS - startS) / metres) * 1000 : null,
  };
}
