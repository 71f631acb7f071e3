import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bootstrapMedianInterval, median, seededRandom } from "./bootstrap.js";

describe("median", () => {
  it("takes the middle value, or the mean of the two middle values", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it("is undefined for an empty list (the shared rule); the interval refuses an empty list and non-finite values", () => {
    expect(median([])).toBeUndefined();
    expect(() => bootstrapMedianInterval([], { seed: 1 })).toThrow(/values must contain/);
    expect(() => bootstrapMedianInterval([1, Number.POSITIVE_INFINITY], { seed: 1 })).toThrow(/values\[1\]/);
  });
});

describe("seededRandom", () => {
  it("repeats the same sequence for the same seed, number or text", () => {
    const draw = (seed: number | string): number[] => {
      const random = seededRandom(seed);
      return Array.from({ length: 5 }, () => random());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw("client-7")).toEqual(draw("client-7"));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw("client-7")).not.toEqual(draw("client-8"));
  });

  it("draws from [0, 1) with the mean and spread of a uniform distribution", () => {
    const random = seededRandom(2024);
    const draws = Array.from({ length: 100_000 }, () => random());
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((sum, x) => sum + x, 0) / draws.length;
    const variance = draws.reduce((sum, x) => sum + (x - mean) ** 2, 0) / draws.length;
    // Uniform: mean 1/2 (SE 0.0009), variance 1/12.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });
});

describe("bootstrapMedianInterval", () => {
  it("gives the same interval for the same seed", () => {
    const values = [3, 8, 1, 9, 4, 4, 7, 2, 6, 5, 10, 3];
    const first = bootstrapMedianInterval(values, { seed: "pilot-1", iterations: 2000 });
    const second = bootstrapMedianInterval(values, { seed: "pilot-1", iterations: 2000 });
    expect(second).toEqual(first);
    expect(first).toMatchObject({ median: 4.5, iterations: 2000, seed: "pilot-1" });
  });

  it("matches the exact bootstrap distribution of two values, found by enumeration", () => {
    // Resamples of {1, 2}: medians 1, 1.5, 1.5, 2 with probability 1/4, 1/2, 1/4; the 2.5% and 97.5%
    // points of that distribution are 1 and 2.
    const result = bootstrapMedianInterval([1, 2], { seed: 7 });
    expect(result).toMatchObject({ median: 1.5, lower: 1, upper: 2, iterations: 10_000, seed: 7 });
  });

  it("gives a zero-width interval for one value", () => {
    expect(bootstrapMedianInterval([4.2], { seed: 1, iterations: 50 })).toMatchObject({ median: 4.2, lower: 4.2, upper: 4.2 });
  });

  it("lies within the data and around the sample median", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 25 }), fc.integer(), (values, seed) => {
        const result = bootstrapMedianInterval(values, { seed, iterations: 200 });
        expect(result.lower).toBeGreaterThanOrEqual(Math.min(...values));
        expect(result.upper).toBeLessThanOrEqual(Math.max(...values));
        expect(result.lower).toBeLessThanOrEqual(result.upper);
      }),
      { numRuns: 50 },
    );
  });

  it("covers the true median of a uniform distribution in roughly 95% of samples", () => {
    // 300 samples of 41 draws from U(0, 1), true median 0.5. The percentile interval for a median
    // covers close to nominally at this size; accept 88–99% (binomial SE of the rate is 1.3 points).
    const random = seededRandom("coverage");
    let covered = 0;
    const samples = 300;
    for (let s = 0; s < samples; s += 1) {
      const values = Array.from({ length: 41 }, () => random());
      const interval = bootstrapMedianInterval(values, { seed: s, iterations: 1000 });
      if (interval.lower <= 0.5 && interval.upper >= 0.5) covered += 1;
    }
    expect(covered / samples).toBeGreaterThan(0.88);
    expect(covered / samples).toBeLessThan(0.99);
  });

  it("rejects bad options naming them", () => {
    expect(() => bootstrapMedianInterval([1, 2], { seed: 1, iterations: 0 })).toThrow(/iterations/);
    expect(() => bootstrapMedianInterval([1, 2], { seed: 1, level: 1 })).toThrow(/level/);
    expect(() => bootstrapMedianInterval([], { seed: 1 })).toThrow(/values/);
  });
});
