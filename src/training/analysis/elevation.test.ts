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
});
