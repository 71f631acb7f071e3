import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { benjaminiHochberg, fisherExact, oddsRatio } from "./two-by-two.js";

/** Two-sided Fisher p by brute force: every table with the margins, probabilities from exact binomial coefficients. */
function enumerateFisher(a: number, b: number, c: number, d: number): number {
  const choose = (n: number, k: number): number => {
    let result = 1;
    for (let i = 1; i <= k; i += 1) result = (result * (n - k + i)) / i;
    return result;
  };
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const total = choose(row1 + row2, col1);
  const tables: number[] = [];
  for (let x = 0; x <= row1; x += 1) {
    if (col1 - x < 0 || col1 - x > row2) continue;
    tables.push((choose(row1, x) * choose(row2, col1 - x)) / total);
  }
  const observed = (choose(row1, a) * choose(row2, c)) / total;
  return tables.filter((p) => p <= observed * (1 + 1e-7)).reduce((sum, p) => sum + p, 0);
}

describe("fisherExact", () => {
  it("reproduces the tea-tasting experiment: p = 0.4857 (Fisher 1935; Agresti 2002, Table 3.8)", () => {
    // Cups poured milk first, guessed milk first: 3 right, 1 wrong of each kind; P = 0.243 one-sided,
    // 0.486 two-sided (Agresti 2002, §3.5.1). The exact value is 34/70.
    expect(fisherExact(3, 1, 1, 3).p).toBeCloseTo(34 / 70, 12);
    expect(fisherExact(3, 1, 1, 3).p).toBeCloseTo(0.4857, 4);
  });

  it("reproduces Fisher's convictions of like-sex twins: p = 0.0005367 (the fisher.test example in R)", () => {
    // Dizygotic: 2 convicted, 15 not; monozygotic: 10 convicted, 3 not (Fisher 1962).
    expect(fisherExact(2, 15, 10, 3).p).toBeCloseTo(0.0005367, 7);
  });

  it("gives p = 1 for a table with no information", () => {
    expect(fisherExact(0, 0, 0, 0).p).toBe(1);
    expect(fisherExact(0, 5, 0, 7).p).toBe(1);
  });

  it("agrees with brute-force enumeration of small tables", () => {
    const cell = fc.integer({ min: 0, max: 12 });
    fc.assert(
      fc.property(cell, cell, cell, cell, (a, b, c, d) => {
        expect(fisherExact(a, b, c, d).p).toBeCloseTo(enumerateFisher(a, b, c, d), 10);
      }),
    );
  });

  it("rejects a negative or fractional cell by name", () => {
    expect(() => fisherExact(1, -1, 2, 3)).toThrow(/b must be/);
    expect(() => fisherExact(1, 1, 2.5, 3)).toThrow(/c must be/);
  });
});

describe("oddsRatio", () => {
  it("reproduces the aspirin and myocardial infarction example: OR 1.832, 95% CI 1.44 to 2.33 (Agresti 2002, §3.1.1)", () => {
    // Physicians' Health Study: placebo 189 MI / 10,845 none; aspirin 104 / 10,933.
    const result = oddsRatio(189, 10845, 104, 10933);
    expect(result.oddsRatio).toBeCloseTo(1.832, 3);
    expect(result.lower).toBeCloseTo(1.44, 2);
    expect(result.upper).toBeCloseTo(2.33, 2);
    expect(result.corrected).toBe(false);
  });

  it("adds one half to every cell when a cell is zero (Haldane–Anscombe)", () => {
    const result = oddsRatio(7, 2, 0, 12);
    // (7.5 · 12.5) / (2.5 · 0.5) = 75; SE = √(1/7.5 + 1/2.5 + 1/0.5 + 1/12.5), worked by hand.
    const se = Math.sqrt(1 / 7.5 + 1 / 2.5 + 1 / 0.5 + 1 / 12.5);
    expect(result.corrected).toBe(true);
    expect(result.oddsRatio).toBeCloseTo(75, 10);
    expect(result.lower).toBeCloseTo(75 * Math.exp(-1.959963984540054 * se), 8);
    expect(result.upper).toBeCloseTo(75 * Math.exp(1.959963984540054 * se), 6);
  });

  it("always brackets its estimate", () => {
    const cell = fc.integer({ min: 0, max: 50 });
    fc.assert(
      fc.property(cell, cell, cell, cell, (a, b, c, d) => {
        const result = oddsRatio(a, b, c, d);
        expect(result.lower).toBeLessThanOrEqual(result.oddsRatio);
        expect(result.upper).toBeGreaterThanOrEqual(result.oddsRatio);
        expect(Number.isFinite(result.upper)).toBe(true);
      }),
    );
  });
});

describe("benjaminiHochberg", () => {
  // Benjamini & Hochberg (1995), J. R. Stat. Soc. B 57:289–300, §4.2: fifteen p-values from a
  // study of myocardial infarction treatment. At q = 0.05 the procedure rejects the four smallest
  // (Bonferroni only three).
  const published = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1.0];

  it("rejects the same four hypotheses as the Benjamini & Hochberg (1995) example", () => {
    const q = benjaminiHochberg(published);
    expect(q.filter((value) => value <= 0.05)).toHaveLength(4);
    // p(4)·15/4 = 0.035625; p(5) = 0.0201 adjusts to 0.0603 (= 0.0201·15/5).
    expect(q[3]).toBeCloseTo(0.035625, 12);
    expect(q[4]).toBeCloseTo(0.0603, 12);
    // p(6) = 0.0278 takes the smaller p(7)·15/7 = 0.063857… by monotonicity.
    expect(q[5]).toBeCloseTo((0.0298 * 15) / 7, 12);
    expect(q[14]).toBe(1);
  });

  it("returns adjusted values in the input order", () => {
    const shuffled = [0.5719, 0.0001, 0.0459, 0.0095];
    const q = benjaminiHochberg(shuffled);
    expect(q[1]).toBeCloseTo(0.0004, 12);
    expect(q[3]).toBeCloseTo(0.019, 12);
    expect(q[0]).toBeCloseTo(0.5719, 12);
  });

  it("never lowers a p-value, caps at 1 and keeps the order of the p-values", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 }), (pValues) => {
        const q = benjaminiHochberg(pValues);
        pValues.forEach((p, index) => {
          const value = q[index] ?? Number.NaN;
          expect(value).toBeGreaterThanOrEqual(p);
          expect(value).toBeLessThanOrEqual(1);
          pValues.forEach((other, otherIndex) => {
            if (p < other) expect(value).toBeLessThanOrEqual(q[otherIndex] ?? Number.NaN);
          });
        });
      }),
    );
  });

  it("handles an empty list and rejects a value outside 0…1 by position", () => {
    expect(benjaminiHochberg([])).toEqual([]);
    expect(() => benjaminiHochberg([0.2, 1.2])).toThrow(/pValues\[1\]/);
  });
});
