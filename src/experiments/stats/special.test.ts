import { describe, expect, it } from "vitest";
import { integrateUnitInterval, logBeta, logGamma, regularizedIncompleteBeta } from "./special.js";

describe("logGamma and logBeta", () => {
  it("give Γ(5) = 24, Γ(½) = √π and B(2, 3) = 1/12", () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 13);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 9);
  });
});

describe("regularizedIncompleteBeta", () => {
  it("equals the binomial tail for whole-number parameters: I_x(a, b) = P(Bin(a + b − 1, x) ≥ a)", () => {
    // P(Bin(4, 0.3) ≥ 2) = 1 − 0.7⁴ − 4·0.3·0.7³ = 0.3483, worked by hand.
    expect(regularizedIncompleteBeta(0.3, 2, 3)).toBeCloseTo(0.3483, 13);
    // Beyond the switch point the symmetric branch is used: P(Bin(4, 0.8) ≥ 2) = 1 − 0.2⁴ − 4·0.8·0.2³.
    expect(regularizedIncompleteBeta(0.8, 2, 3)).toBeCloseTo(1 - 0.0016 - 0.0256, 13);
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });
});

describe("integrateUnitInterval", () => {
  it("integrates a polynomial and an endpoint singularity", () => {
    expect(integrateUnitInterval((t) => 3 * t * t)).toBeCloseTo(1, 12);
    // ∫ t^(−½) dt = 2.
    expect(integrateUnitInterval((t) => 1 / Math.sqrt(t))).toBeCloseTo(2, 9);
  });
});
