import { ScratchFloat64, ScratchInt32, ScratchUint8 } from "./scratch.js";

/**
 * Altitude profile tools: median and mean smoothing, hysteresis legs (the turning points of a zig-zag
 * filter), trimming flat tops off a leg, and the longest steep stretch of a descent.
 */

/**
 * Running median of the finite values within ±halfWindowS of each sample (NaN where none), written
 * into `into` when given (its first n elements).
 */
export function medianSmooth(values: Float64Array, clockS: Float64Array, halfWindowS: number, into?: Float64Array): Float64Array {
  const n = values.length;
  const out = into === undefined ? new Float64Array(n) : into.subarray(0, n);
  // The window's finite values, kept sorted as it slides: each step takes out and puts in a few.
  // It holds a dozen values, so plain scans from the near end beat a binary search (fewer
  // mispredicted branches), and everything stays in locals of this one loop.
  let items = new Float64Array(64);
  let size = 0;
  let lo = 0;
  let hi = -1;
  for (let i = 0; i < n; i++) {
    const centre = clockS[i]!;
    let addTo = hi;
    while (addTo + 1 < n && (addTo < i || clockS[addTo + 1]! <= centre + halfWindowS)) addTo++;
    let removeTo = lo;
    while (removeTo < i && clockS[removeTo]! < centre - halfWindowS) removeTo++;
    // The median depends only on which values the window holds, so a value leaving and one
    // arriving are paired into one move (none at all when they are equal, as on a flat).
    while (hi < addTo || lo < removeTo) {
      const leaving = lo < removeTo ? values[lo++]! : Number.NaN;
      const arriving = hi < addTo ? values[++hi]! : Number.NaN;
      if (leaving === arriving) continue;
      let at = -1;
      if (Number.isFinite(leaving)) {
        let k = 0;
        while (k < size && items[k]! < leaving) k++;
        if (k < size && items[k] === leaving) at = k;
      }
      const arrives = Number.isFinite(arriving);
      if (at < 0) {
        // Nothing leaves: the arriving value is put in its place.
        if (!arrives) continue;
        if (size === items.length) {
          const grown = new Float64Array(items.length * 2);
          grown.set(items);
          items = grown;
        }
        let k = size;
        while (k > 0 && items[k - 1]! >= arriving) {
          items[k] = items[k - 1]!;
          k--;
        }
        items[k] = arriving;
        size++;
      } else if (!arrives) {
        for (let k = at + 1; k < size; k++) items[k - 1] = items[k]!;
        size--;
      } else if (arriving > leaving) {
        // Slide the values between the two into the gap, then drop the arriving value in.
        while (at + 1 < size && items[at + 1]! < arriving) {
          items[at] = items[at + 1]!;
          at++;
        }
        items[at] = arriving;
      } else {
        while (at > 0 && items[at - 1]! > arriving) {
          items[at] = items[at - 1]!;
          at--;
        }
        items[at] = arriving;
      }
    }
    const mid = size >> 1;
    out[i] = size === 0 ? Number.NaN : size % 2 === 1 ? items[mid]! : (items[mid - 1]! + items[mid]!) / 2;
  }
  return out;
}

/** Running mean of the finite values within ±halfWindowS of each sample (NaN where none). */
export function meanSmooth(values: Float64Array, clockS: Float64Array, halfWindowS: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  let lo = 0;
  let hi = -1;
  // Plain locals, not updated from a closure: a closure's double would be boxed on every change.
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const centre = clockS[i]!;
    while (hi + 1 < n && clockS[hi + 1]! <= centre + halfWindowS) {
      const v = values[++hi]!;
      if (!Number.isFinite(v)) continue;
      sum += v;
      count += 1;
    }
    while (lo < i && clockS[lo]! < centre - halfWindowS) {
      const v = values[lo++]!;
      if (!Number.isFinite(v)) continue;
      sum -= v;
      count -= 1;
    }
    out[i] = count > 0 ? sum / count : Number.NaN;
  }
  return out;
}

/** A monotone stretch between two confirmed turning points; change > 0 is a climb. */
export interface Leg {
  readonly start: number;
  readonly end: number;
  readonly change: number;
}

/**
 * Zig-zag (hysteresis) filter: a new leg starts only once the altitude has reversed by more than
 * `hysteresisM` from the extreme of the current one, so every leg changes by more than that.
 * Each leg runs from the first sample at one extreme to the first sample at the next.
 */
export function zigzagLegs(altitude: Float64Array, hysteresisM: number): Leg[] {
  const legs: Leg[] = [];
  const alt = (i: number): number => altitude[i] ?? Number.NaN;
  let direction = 0;
  let anchor = -1;
  let extreme = -1;
  let low = -1;
  let high = -1;
  for (let i = 0; i < altitude.length; i++) {
    const a = alt(i);
    if (!Number.isFinite(a)) continue;
    if (low < 0) {
      low = high = i;
      continue;
    }
    if (direction === 0) {
      if (a < alt(low)) low = i;
      if (a > alt(high)) high = i;
      if (alt(high) - alt(low) <= hysteresisM) continue;
      direction = high === i ? 1 : -1;
      anchor = direction > 0 ? low : high;
      extreme = i;
      continue;
    }
    if (direction * (a - alt(extreme)) > 0) {
      extreme = i;
    } else if (direction * (alt(extreme) - a) > hysteresisM) {
      legs.push({ start: anchor, end: extreme, change: alt(extreme) - alt(anchor) });
      anchor = extreme;
      extreme = i;
      direction = -direction;
    }
  }
  if (direction !== 0) legs.push({ start: anchor, end: extreme, change: alt(extreme) - alt(anchor) });
  return legs;
}

/** Total gain and loss of the legs. */
export function gainAndLoss(legs: readonly Leg[]): { gainM: number; lossM: number } {
  let gainM = 0;
  let lossM = 0;
  for (const leg of legs) {
    if (leg.change > 0) gainM += leg.change;
    else lossM -= leg.change;
  }
  return { gainM, lossM };
}

/**
 * Trims the flat foot and top off a leg, so its length and grade describe the slope itself: the
 * start moves to the last sample still within `trimM` of the starting altitude, the end back to
 * the first sample within `trimM` of the final one. "Last" rather than "first" at the start keeps
 * leftover noise on a flat approach from dragging the start back along the flat.
 */
export function trimLeg(altitude: Float64Array, leg: Leg, trimM: number): Leg {
  const sign = Math.sign(leg.change);
  const startAlt = altitude[leg.start] ?? 0;
  const endAlt = altitude[leg.end] ?? 0;
  let end = leg.end;
  for (let i = leg.start; i <= leg.end; i++) {
    const a = altitude[i] ?? Number.NaN;
    if (Number.isFinite(a) && sign * (endAlt - a) <= trimM) {
      end = i;
      break;
    }
  }
  let start = leg.start;
  for (let i = leg.start; i < end; i++) {
    const a = altitude[i] ?? Number.NaN;
    if (Number.isFinite(a) && sign * (a - startAlt) <= trimM) start = i;
  }
  return { start, end, change: (altitude[end] ?? 0) - (altitude[start] ?? 0) };
}

/** A climb or descent: its full change, the grade of its core and where it starts and ends. */
export interface Slope {
  readonly leg: Leg;
  /** Absolute grade of the core, %. */
  readonly gradePct: number;
  /** |change| / grade: the slope's length at its core grade. */
  readonly lengthM: number;
  /** The core extended along its grade to the full change. */
  readonly startDistanceM: number;
  readonly endDistanceM: number;
}

/**
 * Measures a leg on its core, trimmed by `coreShare` of its change (at least `minTrimM`) at each
 * end: noise left on a flat approach and the rounding of a sharp summit both sit in those ends,
 * while the grade of the core is the grade of the hill. Null for a leg without horizontal extent.
 */
export function measureSlope(altitude: Float64Array, distanceM: Float64Array, leg: Leg, coreShare: number, minTrimM: number): Slope | null {
  const core = trimLeg(altitude, leg, Math.max(minTrimM, coreShare * Math.abs(leg.change)));
  const d0 = distanceM[core.start] ?? 0;
  const d1 = distanceM[core.end] ?? 0;
  if (d1 <= d0 || core.change * leg.change <= 0) return null;
  const grade = Math.abs(core.change) / (d1 - d0);
  const before = Math.abs((altitude[core.start] ?? 0) - (altitude[leg.start] ?? 0)) / grade;
  const after = Math.abs((altitude[leg.end] ?? 0) - (altitude[core.end] ?? 0)) / grade;
  return {
    leg,
    gradePct: grade * 100,
    lengthM: Math.abs(leg.change) / grade,
    startDistanceM: d0 - before,
    endDistanceM: d1 + after,
  };
}

const profilePoints = new ScratchInt32();
const profileXy = new ScratchFloat64();
const profileKeep = new ScratchUint8();
const profileStack = new ScratchInt32();

/**
 * Douglas–Peucker simplification of the profile (altitude over distance) with a vertical
 * tolerance: returns the indices of the vertices kept, first and last included. Samples with a
 * missing altitude are never vertices. Between two vertices the profile is, within the
 * tolerance, one straight slope, so vertices fall where the grade changes.
 */
export function simplifyProfile(altitude: Float64Array, distanceM: Float64Array, toleranceM: number): number[] {
  let finite = 0;
  for (let i = 0; i < altitude.length; i++) if (Number.isFinite(altitude[i])) finite++;
  // Working buffers (scratch.ts): every element read below is written first.
  const points = profilePoints.take(finite);
  // The vertices' coordinates packed side by side (x, y), so the scans below read one array in
  // order instead of looking each point up in two.
  const xy = profileXy.take(2 * finite);
  for (let i = 0, k = 0; i < altitude.length; i++) {
    const y = altitude[i]!;
    if (!Number.isFinite(y)) continue;
    points[k] = i;
    xy[2 * k] = distanceM[i]!;
    xy[2 * k + 1] = y;
    k++;
  }
  if (finite < 2) return Array.from(points);
  const keep = profileKeep.take(finite).fill(0);
  keep[0] = 1;
  keep[finite - 1] = 1;
  // Ranges still to split, as pairs of point positions; each split pushes at most two, and there
  // are fewer splits than points.
  const stack = profileStack.take(2 * finite + 2);
  let top = 0;
  stack[top++] = 0;
  stack[top++] = finite - 1;
  while (top > 0) {
    const b = stack[--top]!;
    const a = stack[--top]!;
    const d0 = xy[2 * a]!;
    const span = xy[2 * b]! - d0;
    const a0 = xy[2 * a + 1]!;
    const slope = span > 0 ? (xy[2 * b + 1]! - a0) / span : 0;
    let worst = -1;
    let worstOff = toleranceM;
    for (let k = a + 1; k < b; k++) {
      const off = Math.abs(xy[2 * k + 1]! - (a0 + slope * (xy[2 * k]! - d0)));
      if (off > worstOff) {
        worstOff = off;
        worst = k;
      }
    }
    if (worst < 0) continue;
    keep[worst] = 1;
    stack[top++] = a;
    stack[top++] = worst;
    stack[top++] = worst;
    stack[top++] = b;
  }
  const kept: number[] = [];
  for (let k = 0; k < finite; k++) if (keep[k] === 1) kept.push(points[k]!);
  return kept;
}
