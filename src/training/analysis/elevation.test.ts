import { describe, expect, it } from "vitest";
import { gainAndLoss, meanSmooth, measureSlope, medianSmooth, simplifyProfile, trimLeg, zigzagLegs } from "./elevation.js";

const f64 = (values: number[]): Float64Array => Float64Array.from(values);
const clock = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => i);

describe("zigzagLegs", () => {
  it("turns only after a reversal of more than the hysteresis, and counts whole legs", () => {
    const alt = f64([100, 101, 99, 104, 110, 108, 109, 103, 102, 104]);
    expect(zigzagLegs(alt, 3)).toEqual([
      { start: 2, end: 4, change: 11 },
      { start: 4, end: 8, change: -8 },
    ]);
    expect(gainAndLoss(zigzagLegs(alt, 3))).toEqual({ gainM: 11, lossM: 8 });
  });

  it("skips missing altitudes and returns nothing for a flat or empty profile", () => {
    expect(zigzagLegs(f64([NaN, 100, NaN, 110, NaN]), 3)).toEqual([{ start: 1, end: 3, change: 10 }]);
    expect(zigzagLegs(f64([100, 102, 100, 102]), 3)).toEqual([]);
    expect(zigzagLegs(f64([]), 3)).toEqual([]);
  });
});

describe("smoothing", () => {
  it("removes a one-sample spike and keeps a ramp (median)", () => {
    expect(Array.from(medianSmooth(f64([0, 0, 50, 0, 0]), clock(5), 1))).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(medianSmooth(f64([0, 1, 2, 3, 4]), clock(5), 1))).toEqual([0.5, 1, 2, 3, 3.5]);
  });

  it("gives the median of each window counted afresh, on uneven clocks, repeats and gaps (median)", () => {
    const random = seeded(7);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(random() * 80);
      const clockS = new Float64Array(n);
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        clockS[i] = i === 0 ? 0 : clockS[i - 1]! + [0, 0.5, 1, 1, 1, 3, 12][Math.floor(random() * 7)]!;
        const r = random();
        values[i] = r < 0.1 ? NaN : r < 0.12 ? Infinity : Math.round(random() * 20) / 4;
      }
      const halfWindowS = [1, 2.5, 5][trial % 3]!;
      const fresh = Array.from(clockS, (centre) => {
        const inside = Array.from(values)
          .filter((v, k) => Number.isFinite(v) && Math.abs(clockS[k]! - centre) <= halfWindowS)
          .sort((a, b) => a - b);
        const mid = inside.length >> 1;
        return inside.length === 0 ? NaN : inside.length % 2 === 1 ? inside[mid]! : (inside[mid - 1]! + inside[mid]!) / 2;
      });
      expect(Array.from(medianSmooth(values, clockS, halfWindowS))).toEqual(fresh);
    }
  });

  it("averages within the window, ignoring NaN (mean)", () => {
    expect(Array.from(meanSmooth(f64([0, NaN, 6, 3]), clock(4), 1))).toEqual([0, 3, 4.5, 4.5]);
  });
});

describe("trimLeg, measureSlope and simplifyProfile", () => {
  it("trims the flat top and foot off a descent", () => {
    const alt = f64([50, 50.4, 49.8, 50, 45, 40, 35, 30.5, 30, 30]);
    expect(trimLeg(alt, { start: 1, end: 8, change: -20.4 }, 1)).toEqual({ start: 3, end: 7, change: -19.5 });
  });

  it("measures a climb's grade on its core and extends it to the full height", () => {
    // Flat to 100 m, then 10% to 200 m (10 m), then flat; the leg runs from a low noise point at 40 m.
    const dist = f64([0, 40, 80, 100, 120, 140, 160, 180, 200, 240]);
    const alt = f64([0.3, 0, 0.2, 0, 2, 4, 6, 8, 10, 10]);
    const slope = measureSlope(alt, dist, { start: 1, end: 8, change: 10 }, 0.1, 1);
    expect(slope?.gradePct).toBeCloseTo(10, 9);
    expect(slope?.lengthM).toBeCloseTo(100, 9);
    expect(slope?.startDistanceM).toBeCloseTo(100, 9);
    expect(slope?.endDistanceM).toBeCloseTo(200, 9);
  });

  it("keeps the vertices where the grade changes", () => {
    // Flat 0–1000 m, -9% to 2000 m, -4% to 3000 m.
    const dist = f64(Array.from({ length: 31 }, (_, k) => k * 100));
    const alt = f64(Array.from(dist, (d) => (d <= 1000 ? 300 : d <= 2000 ? 300 - 0.09 * (d - 1000) : 210 - 0.04 * (d - 2000))));
    expect(simplifyProfile(alt, dist, 3)).toEqual([0, 10, 20, 30]);
    expect(simplifyProfile(f64([1, NaN, 2]), f64([0, 1, 2]), 3)).toEqual([0, 2]);
  });

  it("keeps the vertices a recursive Douglas–Peucker keeps", () => {
    const random = seeded(11);
    for (let trial = 0; trial < 100; trial++) {
      const n = Math.floor(random() * 200);
      const dist = new Float64Array(n);
      const alt = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        dist[i] = i === 0 ? 0 : dist[i - 1]! + Math.floor(random() * 4) * 2.5;
        alt[i] = random() < 0.05 ? NaN : (i === 0 ? 100 : Number.isFinite(alt[i - 1]) ? alt[i - 1]! : 100) + (random() - 0.5) * 4;
      }
      expect(simplifyProfile(alt, dist, 3)).toEqual(recursiveDouglasPeucker(alt, dist, 3));
    }
  });
});

/** A small deterministic generator (mulberry32), so a failing case can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Douglas–Peucker as usually written: split at the farthest point beyond the tolerance, recurse. */
function recursiveDouglasPeucker(alt: Float64Array, dist: Float64Array, toleranceM: number): number[] {
  const points = Array.from(alt.keys()).filter((i) => Number.isFinite(alt[i]));
  if (points.length < 2) return points;
  const kept = new Set([points[0]!, points[points.length - 1]!]);
  const split = (a: number, b: number): void => {
    const ia = points[a]!;
    const ib = points[b]!;
    const span = dist[ib]! - dist[ia]!;
    const slope = span > 0 ? (alt[ib]! - alt[ia]!) / span : 0;
    let worst = -1;
    let worstOff = toleranceM;
    for (let k = a + 1; k < b; k++) {
      const i = points[k]!;
      const off = Math.abs(alt[i]! - (alt[ia]! + slope * (dist[i]! - dist[ia]!)));
      if (off > worstOff) {
        worstOff = off;
        worst = k;
      }
    }
    if (worst < 0) return;
    kept.add(points[worst]!);
    split(a, worst);
    split(worst, b);
  };
  split(0, points.length - 1);
  return [...kept].sort((x, y) => x - y);
}
