import { describe, expect, it } from "vitest";
import { gainAndLoss, longestSteepDescent, meanSmooth, medianSmooth, trimLeg, zigzagLegs } from "./elevation.js";

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

describe("trimLeg and longestSteepDescent", () => {
  it("trims the flat top and foot off a descent", () => {
    const alt = f64([50, 50, 49.5, 45, 40, 35, 30.5, 30, 30]);
    expect(trimLeg(alt, { start: 0, end: 7, change: -20 }, 1)).toEqual({ start: 2, end: 6, change: -19 });
  });

  it("finds the longest stretch averaging the grade or steeper", () => {
    // 100 m steps: -10 m, -10 m, 0, -2 m, +5 m: the first 300 m average -6.7%, 400 m average -5.5%.
    const alt = f64([100, 90, 80, 80, 78, 83]);
    const dist = f64([0, 100, 200, 300, 400, 500]);
    expect(longestSteepDescent(alt, dist, 0, 5, 6)).toEqual({ start: 0, end: 3 });
    expect(longestSteepDescent(alt, dist, 0, 5, 5)).toEqual({ start: 0, end: 4 });
    expect(longestSteepDescent(alt, dist, 0, 5, 25)).toBeNull();
  });
});
