import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { medianSmooth } from "./elevation.js";
import { WindowPercentile } from "./interval-speed.js";
import { weightedPercentile } from "./numbers.js";

describe("fast window statistics", () => {
  it("WindowPercentile equals weightedPercentile over the concatenated blocks", () => {
    const block = fc.array(fc.tuple(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 1, max: 5 })), { maxLength: 40 });
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 8 }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), (raw, p) => {
        const blocks = raw.map((pairs) => ({ values: pairs.map(([v]) => v / 100), weights: pairs.map(([, w]) => w) }));
        const windowed = new WindowPercentile(blocks);
        for (let first = 0; first < blocks.length; first++) {
          const last = Math.min(blocks.length - 1, first + 2);
          const near = blocks.slice(first, last + 1);
          const expected = weightedPercentile(
            near.flatMap((b) => b.values),
            near.flatMap((b) => b.weights),
            p,
          );
          const actual = windowed.of(first, last, p);
          if (Number.isNaN(expected)) expect(actual).toBeNaN();
          else expect(actual).toBe(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("medianSmooth is the median of each sample's time window, NaN-free values only", () => {
    const values = Float64Array.from([1, 9, 2, Number.NaN, 3, 8, 4]);
    const clock = Float64Array.from([0, 1, 2, 3, 4, 5, 20]);
    expect(Array.from(medianSmooth(values, clock, 1))).toEqual([5, 2, 5.5, 2.5, 5.5, 5.5, 4]);
  });
});
