import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { criticalValue, normalCdf, normalQuantile, twoSidedNormalP } from "./normal.js";

// Reference values of Φ from Abramowitz & Stegun (1964), Table 26.1, and the 17-digit values
// printed by SciPy's scipy.stats.norm for the far tail.
describe("normalCdf", () => {
  it.each([
    [0, 0.5],
    [1, 0.8413447460685429],
    [-1, 0.15865525393145707],
    [1.96, 0.9750021048517795],
    [2.5, 0.9937903346742238],
    [-3, 0.0013498980316300946],
  ])("Φ(%d) = %d", (x, expected) => {
    expect(normalCdf(x)).toBeCloseTo(expected, 14);
  });

  it("keeps relative accuracy in the far tail", () => {
    expect(normalCdf(-5) / 2.866515718791939e-7).toBeCloseTo(1, 8);
    expect(normalCdf(-10) / 7.61985302416047e-24).toBeCloseTo(1, 8);
  });

  it("is symmetric: Φ(x) + Φ(−x) = 1", () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (x) => {
        expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 14);
      }),
    );
  });
});

describe("normalQuantile", () => {
  it("gives the familiar critical values", () => {
    expect(criticalValue(0.95)).toBeCloseTo(1.959963984540054, 13);
    expect(criticalValue(0.9)).toBeCloseTo(1.6448536269514722, 13);
    expect(criticalValue(0.99)).toBeCloseTo(2.5758293035489004, 13);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 12);
  });

  it("inverts the CDF", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }), (p) => {
        expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 13);
      }),
    );
  });

  it("rejects probabilities outside (0, 1)", () => {
    expect(() => normalQuantile(0)).toThrow(/p must be/);
    expect(() => criticalValue(1)).toThrow(/level must be/);
  });
});

describe("twoSidedNormalP", () => {
  it("gives p = 0.05 at z = 1.96 and 1 at z = 0", () => {
    expect(twoSidedNormalP(1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(twoSidedNormalP(-1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(twoSidedNormalP(0)).toBe(1);
  });
});
