import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { median, medianOfSorted, quantile, quantileOfSorted, selectInPlace } from "./quantiles.js";

/** The textbook reference: sort a copy, take the middle or the mean of the two middle values. */
function referenceMedian(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Equal, or within rounding of the larger's magnitude. */
const near = (a: number | undefined, b: number | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b)));

const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 });

describe("median", () => {
  it("is undefined for an empty list, whatever the function", () => {
    expect(median([])).toBeUndefined();
    expect(medianOfSorted(new Float64Array(0))).toBeUndefined();
    expect(quantile([], 0.5)).toBeUndefined();
    expect(quantileOfSorted([], 0.9)).toBeUndefined();
  });

  it("takes the middle value, or the mean of the two middle values", () => {
    expect(median([5])).toBe(5);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    // Numeric order, not string order: a default Array sort would put 10 before 9.
    expect(median([10, 9, 1])).toBe(9);
    expect(median(Float64Array.of(7, -2, 4, 100))).toBe(5.5);
  });

  it("leaves its input as it was", () => {
    const values = [3, 1, 2];
    median(values);
    quantile(values, 0.25);
    expect(values).toEqual([3, 1, 2]);
  });

  it("agrees with the sort-based reference on any list", () => {
    fc.assert(
      fc.property(fc.array(finite, { maxLength: 60 }), (values) => {
        const expected = referenceMedian(values);
        const actual = median(values);
        expect(near(actual, expected)).toBe(true);
        expect(near(actual, quantile(values, 0.5))).toBe(true);
      }),
    );
  });
});

describe("quantile (Hyndman & Fan type 7)", () => {
  it("matches published examples", () => {
    // NumPy's numpy.percentile documentation: a = [[10, 7, 4], [3, 2, 1]], percentile(a, 50) = 3.5.
    expect(quantile([10, 7, 4, 3, 2, 1], 0.5)).toBe(3.5);
    expect(quantile([4, 1, 3, 2], 0.1)).toBeCloseTo(1.3, 10);
    expect(quantile([4, 1, 3, 2], 0.9)).toBeCloseTo(3.7, 10);
    // R: quantile(1:10, c(0.1, 0.25, 0.9)) gives 1.90, 3.25, 9.10 (type 7, the default).
    const oneToTen = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(quantile(oneToTen, 0.1)).toBeCloseTo(1.9, 12);
    expect(quantile(oneToTen, 0.25)).toBeCloseTo(3.25, 12);
    expect(quantile(oneToTen, 0.9)).toBeCloseTo(9.1, 12);
  });

  it("runs from the smallest value at 0 to the largest at 1, never decreasing", () => {
    fc.assert(
      fc.property(fc.array(finite, { minLength: 1, maxLength: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), (values, p) => {
        const sorted = [...values].sort((a, b) => a - b);
        // Compared with ===, not Object.is: [-0, 0] may answer 0 for a smallest value of -0.
        expect(quantileOfSorted(sorted, 0) === sorted[0]).toBe(true);
        expect(quantileOfSorted(sorted, 1) === sorted[sorted.length - 1]).toBe(true);
        const q = quantile(values, p)!;
        expect(q).toBeGreaterThanOrEqual(sorted[0]! - 1e-6);
        expect(q).toBeLessThanOrEqual(sorted[sorted.length - 1]! + 1e-6);
        expect(quantile(values, Math.min(1, p + 0.1))! + 1e-6).toBeGreaterThanOrEqual(q);
      }),
    );
  });

  it("answers an infinite order statistic itself, not NaN from ∞ − ∞", () => {
    expect(median([Number.NEGATIVE_INFINITY])).toBe(Number.NEGATIVE_INFINITY);
    expect(median([Infinity, Infinity, Infinity])).toBe(Infinity);
    expect(median([1, Infinity, Infinity, 2])).toBe(Infinity);
    expect(quantile([Number.NEGATIVE_INFINITY, 5], 0)).toBe(Number.NEGATIVE_INFINITY);
  });

  it("answers exactly what sorting the list and interpolating gives, found by selection instead", () => {
    const sortedQuantile = (values: number[], p: number): number => {
      const sorted = Float64Array.from(values).sort();
      const h = (sorted.length - 1) * p;
      const below = Math.floor(h);
      const lower = sorted[below]!;
      const upper = sorted[Math.min(below + 1, sorted.length - 1)]!;
      // Type 7 at a whole h (or between equal values) is that order statistic itself, infinities included.
      return h === below || lower === upper ? lower : lower + (h - below) * (upper - lower);
    };
    const same = (a: number | undefined, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: true }), fc.integer({ min: -3, max: 3 })), { minLength: 1, maxLength: 80 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p) => {
          expect(same(quantile(values, p), sortedQuantile(values, p))).toBe(true);
          expect(same(median(values), sortedQuantile(values, 0.5))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("refuses a p outside 0..1", () => {
    expect(() => quantile([1, 2], 1.5)).toThrow(RangeError);
  });
});

describe("selectInPlace", () => {
  it("finds what a full sort puts at position k, for any list and k", () => {
    const list = fc.array(fc.oneof(finite, fc.integer({ min: -3, max: 3 }), fc.constantFrom(0, -0, Infinity, -Infinity)), {
      minLength: 1,
      maxLength: 300,
    });
    fc.assert(
      fc.property(
        list.chain((values) => fc.tuple(fc.constant(values), fc.nat({ max: values.length - 1 }))),
        ([values, k]) => {
          const sorted = Float64Array.from(values).sort();
          // Compared with ===: −0 and +0 are the same value to a selection (sort orders them, select need not).
          expect(selectInPlace(Float64Array.from(values), k) === sorted[k]).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("stays exact on sorted, reversed and many-equal lists", () => {
    const n = 5000;
    const lists = [
      Float64Array.from({ length: n }, (_, i) => i),
      Float64Array.from({ length: n }, (_, i) => n - i),
      Float64Array.from({ length: n }, (_, i) => i % 3),
      Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? i : n - i)),
    ];
    for (const list of lists) {
      const sorted = list.slice().sort();
      for (const k of [0, 1, n >> 1, n - 2, n - 1]) expect(selectInPlace(list.slice(), k)).toBe(sorted[k]);
    }
  });
});
