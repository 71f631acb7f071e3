import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newcombeDifference, probabilityGreater, wilsonInterval } from "./proportions.js";

/** Rounds to the four decimals the papers print. */
const four = (value: number): number => Math.round(value * 1e4) / 1e4;

describe("wilsonInterval", () => {
  // Newcombe (1998a), "Two-sided confidence intervals for the single proportion: comparison of
  // seven methods", Statistics in Medicine 17:857–872, Table I, method 3 (score, no continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("reproduces Newcombe's interval for %i/%i", (successes, n, lower, upper) => {
    const interval = wilsonInterval(successes, n);
    expect(four(interval.lower)).toBe(lower);
    expect(four(interval.upper)).toBe(upper);
    expect(interval.estimate).toBe(successes / n);
  });

  it("widens with the confidence level", () => {
    const ninety = wilsonInterval(15, 148, 0.9);
    const ninetyNine = wilsonInterval(15, 148, 0.99);
    expect(ninety.upper - ninety.lower).toBeLessThan(ninetyNine.upper - ninetyNine.lower);
  });

  it("keeps both bounds within 0…1 around the estimate", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, share) => {
        const successes = Math.round(share * n);
        const interval = wilsonInterval(successes, n);
        expect(interval.lower).toBeGreaterThanOrEqual(0);
        expect(interval.upper).toBeLessThanOrEqual(1);
        expect(interval.lower).toBeLessThanOrEqual(interval.estimate);
        expect(interval.upper).toBeGreaterThanOrEqual(interval.estimate);
      }),
    );
  });

  it("rejects impossible counts naming the field", () => {
    expect(() => wilsonInterval(3, 0)).toThrow(/n must be/);
    expect(() => wilsonInterval(5, 4)).toThrow(/successes must be/);
    expect(() => wilsonInterval(1.5, 4)).toThrow(/successes must be/);
  });
});

describe("newcombeDifference", () => {
  // Newcombe (1998b), "Interval estimation for the difference between independent proportions:
  // comparison of eleven methods", Statistics in Medicine 17:873–890, Table II, method 10.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
  ])("reproduces Newcombe's method 10 interval for %i/%i − %i/%i", (x1, n1, x2, n2, lower, upper) => {
    const interval = newcombeDifference(x1, n1, x2, n2);
    expect(interval.difference).toBeCloseTo(x1 / n1 - x2 / n2, 12);
    expect(four(interval.lower)).toBe(lower);
    expect(four(interval.upper)).toBe(upper);
  });

  it("stays within −1…1 and contains the observed difference", () => {
    const counts = fc.integer({ min: 1, max: 60 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
    fc.assert(
      fc.property(counts, counts, ([x1, n1], [x2, n2]) => {
        const interval = newcombeDifference(x1, n1, x2, n2);
        expect(interval.lower).toBeGreaterThanOrEqual(-1);
        expect(interval.upper).toBeLessThanOrEqual(1);
        expect(interval.lower).toBeLessThanOrEqual(interval.difference + 1e-12);
        expect(interval.upper).toBeGreaterThanOrEqual(interval.difference - 1e-12);
      }),
    );
  });
});

/**
 * P(p2 > p1) by direct numerical integration, independent of the closed form:
 * ∫ f2(t)·F1(t) dt on a midpoint grid, with F1 accumulated from the same grid.
 */
function integrateProbabilityGreater(a1: number, b1: number, a2: number, b2: number, steps = 200_000): number {
  const logDensity = (t: number, a: number, b: number): number => (a - 1) * Math.log(t) + (b - 1) * Math.log(1 - t);
  const width = 1 / steps;
  const density1: number[] = [];
  const density2: number[] = [];
  let total1 = 0;
  let total2 = 0;
  for (let i = 0; i < steps; i += 1) {
    const t = (i + 0.5) * width;
    const d1 = Math.exp(logDensity(t, a1, b1));
    const d2 = Math.exp(logDensity(t, a2, b2));
    density1.push(d1);
    density2.push(d2);
    total1 += d1;
    total2 += d2;
  }
  let cumulative1 = 0;
  let result = 0;
  for (let i = 0; i < steps; i += 1) {
    const d1 = (density1[i] ?? 0) / total1;
    // Half of the current cell's mass of p1 lies below its midpoint.
    result += ((density2[i] ?? 0) / total2) * (cumulative1 + d1 / 2);
    cumulative1 += d1;
  }
  return result;
}

describe("probabilityGreater", () => {
  it("gives 5/6 for 0/1 against 1/1 under the uniform prior (exact integral worked by hand)", () => {
    // p1 ~ Beta(1, 2), p2 ~ Beta(2, 1): ∫∫_{s>t} 2(1−t)·2s ds dt = 2∫(1−t)(1−t²)dt = 5/6.
    expect(probabilityGreater(0, 1, 1, 1)).toBeCloseTo(5 / 6, 12);
  });

  it("is one half for identical data and complements when the groups swap", () => {
    expect(probabilityGreater(7, 20, 7, 20)).toBeCloseTo(0.5, 12);
    expect(probabilityGreater(3, 12, 9, 14) + probabilityGreater(9, 14, 3, 12)).toBeCloseTo(1, 12);
  });

  it.each([
    [10, 50, 15, 50, { alpha: 1, beta: 1 }],
    [100, 1000, 120, 1000, { alpha: 1, beta: 1 }],
    [2, 9, 6, 11, { alpha: 1, beta: 1 }],
    [10, 50, 15, 50, { alpha: 0.5, beta: 1 }],
    [4, 30, 1, 25, { alpha: 2, beta: 0.5 }],
  ])("agrees with numerical integration for %i/%i against %i/%i", (x1, n1, x2, n2, prior) => {
    const exact = probabilityGreater(x1, n1, x2, n2, prior);
    const integrated = integrateProbabilityGreater(x1 + prior.alpha, n1 - x1 + prior.beta, x2 + prior.alpha, n2 - x2 + prior.beta);
    expect(exact).toBeCloseTo(integrated, 5);
  });

  it.each([
    // Jeffreys' prior Beta(½, ½): no whole-number parameter, so numerical integration. Reference
    // values from 30-digit quadrature (mpmath) and, for the large counts, SciPy adaptive quadrature split around the modes.
    [10, 50, 15, 50, 0.876010123054408],
    [0, 20, 3, 20, 0.971595267466367],
    [3, 20, 0, 20, 0.028404732533633],
    [1000, 10000, 1100, 10000, 0.989471260052347],
  ])("integrates numerically under Jeffreys' prior for %i/%i against %i/%i", (x1, n1, x2, n2, expected) => {
    expect(probabilityGreater(x1, n1, x2, n2, { alpha: 0.5, beta: 0.5 })).toBeCloseTo(expected, 9);
  });

  it("rejects a non-positive prior by name", () => {
    expect(() => probabilityGreater(1, 5, 2, 5, { alpha: 0, beta: 1 })).toThrow(/prior\.alpha and prior\.beta/);
  });
});
