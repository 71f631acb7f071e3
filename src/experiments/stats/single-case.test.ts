import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { twoSidedNormalP } from "./normal.js";
import { analyseSingleCase, kendallVarianceS, nap, phaseSummary, pnd, tauU } from "./single-case.js";

// Parker, Vannest & Davis (2011), "Effect size in single-case research: a review of nine
// nonoverlap techniques", Behavior Modification 35(4):303–322, worked example used throughout the
// paper (also the reference data of the SingleCaseES test suite): A = 20 20 26 25 22 23,
// B = 28 25 24 27 30 30 29. Published: NAP = 38.5/42 (0.92), PND = 5/7 (71%), Tau = 35/42.
const NINE_A = [20, 20, 26, 25, 22, 23];
const NINE_B = [28, 25, 24, 27, 30, 30, 29];

// Parker, Vannest, Davis & Sauber (2011), "Combining nonoverlap and trend for single-case
// research: Tau-U", Behavior Therapy 42:284–299, the small example of a baseline with an improving
// trend: A = 3 3 4 5, B = 4 5 6 7 7. Published: Tau (A vs B) = 16/20 = 0.80 and Tau-U
// (A vs B − trend A) = (16 − 5)/20 = 0.55.
const TAU_U_A = [3, 3, 4, 5];
const TAU_U_B = [4, 5, 6, 7, 7];

describe("phaseSummary", () => {
  it("gives n, mean and median of a phase", () => {
    expect(phaseSummary([20, 20, 26, 25, 22, 23])).toEqual({ n: 6, mean: 136 / 6, median: 22.5 });
    expect(phaseSummary([7])).toEqual({ n: 1, mean: 7, median: 7 });
  });

  it("rejects an empty phase by name", () => {
    expect(() => phaseSummary([])).toThrow(/values must contain at least one value/);
  });
});

describe("nap", () => {
  it("reproduces the NAP of the Parker, Vannest & Davis (2011) example: 38.5 of 42 pairs", () => {
    const result = nap(NINE_A, NINE_B, "increase");
    expect(result.pairs).toBe(42);
    expect(result.ties).toBe(1);
    expect(result.overlapPairs).toBe(3);
    expect(result.nap).toBeCloseTo(38.5 / 42, 12);
    expect(result.nap).toBeCloseTo(0.92, 2);
    expect(result.rescaled).toBeCloseTo(2 * (38.5 / 42) - 1, 12);
  });

  it("mirrors the comparison when a decrease is the improvement", () => {
    // Hand count for A = 12 14 9 10, B = 10 6 4 5 3 4 (the 'gretchen' series of the scan package):
    // 12 and 14 beat all six B points, 9 beats five, 10 beats five and ties one: 22.5 of 24.
    const result = nap([12, 14, 9, 10], [10, 6, 4, 5, 3, 4], "decrease");
    expect(result).toMatchObject({ pairs: 24, ties: 1, overlapPairs: 1 });
    expect(result.nap).toBeCloseTo(22.5 / 24, 12);
    // Swapping the direction turns NAP into its complement.
    expect(nap([12, 14, 9, 10], [10, 6, 4, 5, 3, 4], "increase").nap).toBeCloseTo(1.5 / 24, 12);
  });

  it("stays within 0…1 and equals 0.5 when the phases are the same", () => {
    const phase = fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 15 });
    fc.assert(
      fc.property(phase, phase, fc.constantFrom("increase" as const, "decrease" as const), (a, b, direction) => {
        const result = nap(a, b, direction);
        expect(result.nap).toBeGreaterThanOrEqual(0);
        expect(result.nap).toBeLessThanOrEqual(1);
        expect(nap(a, a, direction).nap).toBeCloseTo(0.5, 12);
      }),
    );
  });
});

describe("tauU", () => {
  it("reproduces Tau = 35/42 of the nine-technique example, with p from the tie-corrected variance of S", () => {
    const result = tauU(NINE_A, NINE_B, { direction: "increase", correctBaselineTrend: false });
    expect(result).toMatchObject({ s: 35, pairs: 42 });
    expect(result.tau).toBeCloseTo(35 / 42, 12);
    // The outcome ties in three pairs (20, 25, 30). Kendall's tie-corrected variance against the
    // phase (tie groups 6 and 7) is the tie-corrected Mann–Whitney variance of S,
    // nA·nB/3 · [(n+1) − Σ(u³−u)/(n(n−1))] = 14 · (14 − 18/156) = 194.3846, by hand; so
    // z = 35/√194.3846 = 2.5104 and p = 0.01206 (without the tie correction: z = 2.5, p = 0.01242).
    expect(result.z).toBeCloseTo(35 / Math.sqrt(14 * (14 - 18 / 156)), 12);
    expect(result.z).toBeCloseTo(2.5104, 4);
    expect(result.p).toBeCloseTo(0.01206, 5);
  });

  it("reproduces the Tau-U paper's example: Tau 0.80 without and 0.55 with the baseline trend correction", () => {
    const plain = tauU(TAU_U_A, TAU_U_B, { direction: "increase", correctBaselineTrend: false });
    expect(plain).toMatchObject({ s: 16, pairs: 20 });
    expect(plain.tau).toBeCloseTo(0.8, 12);
    // Outcome ties 3,3 · 4,4 · 5,5 · 7,7; phase ties 4 and 5. By hand:
    // [9·8·23 − (4·3·13 + 5·4·15) − 4·(2·1·9)]/18 + 0 + (12 + 20)·8/(2·9·8) = 1128/18 + 256/144 = 64.444.
    expect(plain.z).toBeCloseTo(16 / Math.sqrt(1128 / 18 + 256 / 144), 12);
    const corrected = tauU(TAU_U_A, TAU_U_B, { direction: "increase", correctBaselineTrend: true });
    expect(corrected).toMatchObject({ s: 11, pairs: 20 });
    expect(corrected.tau).toBeCloseTo(0.55, 12);
    // Time recoded 4 3 2 1 then 5 for every B point (one tie group of 5). By hand:
    // (9·8·23 − 5·4·15 − 4·(2·1·9))/18 + 0 + 20·8/(2·9·8) = 1284/18 + 160/144 = 72.444.
    expect(corrected.z).toBeCloseTo(11 / Math.sqrt(1284 / 18 + 160 / 144), 12);
  });

  it("gives the tie-corrected p on a 0–10 scale full of ties (A = 0 0 0 1 0 against 35 zeros)", () => {
    const a = [0, 0, 0, 1, 0];
    const b = Array.from({ length: 35 }, () => 0);
    const result = tauU(a, b, { direction: "decrease", correctBaselineTrend: false });
    expect(result).toMatchObject({ s: 35, pairs: 175 });
    // Tie-corrected Mann–Whitney variance: 5·35/3 · (41 − (39³ − 39)/(40·39)) = 175/3 · 3 = 175,
    // so z = 35/√175 = 2.6458 and p = 0.0082. The variance without the outcome ties,
    // 5·35·41/3 = 2391.7, would give p = 0.474, on the other side of 0.05.
    expect(result.z).toBeCloseTo(35 / Math.sqrt(175), 12);
    expect(result.p).toBeCloseTo(0.00815, 5);
    expect(twoSidedNormalP(35 / Math.sqrt((5 * 35 * 41) / 3))).toBeCloseTo(0.474, 3);
  });

  it("answers z = 0 and p = 1 when every value ties", () => {
    expect(tauU([4, 4, 4], [4, 4, 4], { direction: "increase", correctBaselineTrend: true })).toMatchObject({ s: 0, z: 0, p: 1 });
    expect(tauU([4, 4, 4], [4, 4, 4], { direction: "increase", correctBaselineTrend: false })).toMatchObject({ s: 0, z: 0, p: 1 });
  });

  it("reproduces the SingleCaseES value 31/42 = 0.738 for the trend-corrected nine-technique example", () => {
    const corrected = tauU(NINE_A, NINE_B, { direction: "increase", correctBaselineTrend: true });
    expect(corrected.s).toBe(31);
    expect(corrected.tau).toBeCloseTo(0.7380952, 6);
  });

  it("agrees with 2·NAP − 1 for any data, and flips sign with the direction", () => {
    const phase = fc.array(fc.integer({ min: -10, max: 10 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(phase, phase, (a, b) => {
        const up = tauU(a, b, { direction: "increase", correctBaselineTrend: false });
        expect(up.tau).toBeCloseTo(nap(a, b, "increase").rescaled, 12);
        const down = tauU(a, b, { direction: "decrease", correctBaselineTrend: false });
        expect(down.s + up.s).toBe(0);
        expect(up.p).toBeGreaterThan(0);
        expect(up.p).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe("kendallVarianceS", () => {
  it("is n(n−1)(2n+5)/18 without ties and the Mann–Whitney variance for two groups without outcome ties", () => {
    expect(kendallVarianceS(10, [], [])).toBeCloseTo((10 * 9 * 25) / 18, 12);
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), fc.integer({ min: 2, max: 30 }), (nA, nB) => {
        expect(kendallVarianceS(nA + nB, [nA, nB], [])).toBeCloseTo((nA * nB * (nA + nB + 1)) / 3, 8);
      }),
    );
  });

  it("never exceeds the variance without the outcome ties", () => {
    const phase = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 12 });
    fc.assert(
      fc.property(phase, phase, (a, b) => {
        const corrected = tauU(a, b, { direction: "increase", correctBaselineTrend: false });
        const n = a.length + b.length;
        const untied = (a.length * b.length * (n + 1)) / 3;
        if (corrected.s !== 0) expect(Math.abs(corrected.z)).toBeGreaterThanOrEqual(Math.abs(corrected.s / Math.sqrt(untied)) - 1e-9);
      }),
    );
  });
});

describe("pnd", () => {
  it("reproduces PND = 5/7 (71%) of the nine-technique example", () => {
    expect(pnd(NINE_A, NINE_B, "increase").pnd).toBeCloseTo((100 * 5) / 7, 12);
  });

  it("counts a B point equal to the best baseline point as overlapping", () => {
    expect(pnd([1, 2, 3], [3, 3, 4], "increase").pnd).toBeCloseTo(100 / 3, 12);
    expect(pnd([5, 4, 3], [3, 2, 1, 3], "decrease").pnd).toBeCloseTo(50, 12);
  });
});

describe("analyseSingleCase", () => {
  it("analyses an A/B series with its level change and responder judgement", () => {
    const result = analyseSingleCase(
      [
        { phase: "A", values: NINE_A },
        { phase: "B", values: NINE_B },
      ],
      { direction: "increase", mcid: 4 },
    );
    if (!result.ok) throw new Error(result.missing);
    expect(result.phases).toEqual([
      { phase: "A", n: 6, mean: 136 / 6, median: 22.5 },
      { phase: "B", n: 7, mean: 193 / 7, median: 28 },
    ]);
    expect(result.levelChange).toBeCloseTo(193 / 7 - 136 / 6, 12);
    expect(result.nap.nap).toBeCloseTo(38.5 / 42, 12);
    expect(result.tauU.s).toBe(35);
    expect(result.tauUTrendCorrected.s).toBe(31);
    expect(result.pnd.pnd).toBeCloseTo(500 / 7, 12);
    // 27.571 − 22.667 = 4.9 ≥ 4.
    expect(result.responder).toEqual({ change: result.levelChange, mcid: 4, responder: true });
  });

  it("judges responders in the direction of improvement", () => {
    const result = analyseSingleCase(
      [
        { phase: "A", values: [7, 8, 7] },
        { phase: "B", values: [6, 6, 5] },
      ],
      { direction: "decrease", mcid: 2 },
    );
    if (!result.ok) throw new Error(result.missing);
    expect(result.levelChange).toBeCloseTo(17 / 3 - 22 / 3, 12);
    expect(result.responder?.responder).toBe(false);
    expect(result.nap.nap).toBe(1);
  });

  it("combines the A1→B1 and A2→B2 contrasts of an A/B/A/B design by summing their counts", () => {
    const phases = [
      { phase: "A" as const, values: [3, 3, 4] },
      { phase: "B" as const, values: [6, 7, 7] },
      { phase: "A" as const, values: [5, 4, 4] },
      { phase: "B" as const, values: [8, 7, 9] },
    ];
    const result = analyseSingleCase(phases, { direction: "increase" });
    if (!result.ok) throw new Error(result.missing);
    const first = tauU([3, 3, 4], [6, 7, 7], { direction: "increase", correctBaselineTrend: true });
    const second = tauU([5, 4, 4], [8, 7, 9], { direction: "increase", correctBaselineTrend: true });
    expect(result.contrasts).toBe(2);
    expect(result.tauUTrendCorrected.s).toBe(first.s + second.s);
    expect(result.tauUTrendCorrected.tau).toBeCloseTo((first.s + second.s) / 18, 12);
    // Every B point beats every A point of its own contrast.
    expect(result.nap).toMatchObject({ nap: 1, pairs: 18 });
    expect(result.pnd.pnd).toBe(100);
    expect(result.levelChange).toBeCloseTo(20 / 3 - 10 / 3, 12);
    expect(result.phases).toHaveLength(4);
    expect(result.responder).toBeUndefined();
  });

  it("does not read the step between two baseline phases as a baseline trend", () => {
    // Lower is better: 5,5,5 → 3,3,3, then withdrawal at 4 → 2,2,2. Each contrast on its own is perfect.
    const result = analyseSingleCase(
      [
        { phase: "A", values: [5, 5, 5] },
        { phase: "B", values: [3, 3, 3] },
        { phase: "A", values: [4, 4, 4] },
        { phase: "B", values: [2, 2, 2] },
      ],
      { direction: "decrease" },
    );
    if (!result.ok) throw new Error(result.missing);
    expect(result.tauU.tau).toBe(1);
    expect(result.tauUTrendCorrected.tau).toBe(1);
    expect(result.nap.nap).toBe(1);
  });

  it("says what is missing, with no numbers, when a phase is too short or absent", () => {
    expect(
      analyseSingleCase(
        [
          { phase: "A", values: [1, 2, 3] },
          { phase: "B", values: [4] },
        ],
        { direction: "increase" },
      ),
    ).toEqual({ ok: false, missing: "needs at least 3 points in each phase; phase 2 (B) has 1" });
    expect(analyseSingleCase([{ phase: "A", values: [1, 2, 3] }], { direction: "increase" })).toEqual({
      ok: false,
      missing: "needs a treatment (B) phase after the baseline",
    });
    expect(analyseSingleCase([], { direction: "increase" })).toEqual({
      ok: false,
      missing: "needs a baseline (A) phase and a treatment (B) phase",
    });
    // One point a phase is enough when the caller lowers the minimum.
    const onePoint = analyseSingleCase(
      [
        { phase: "A", values: [2] },
        { phase: "B", values: [5] },
      ],
      { direction: "increase", minPointsPerPhase: 1 },
    );
    expect(onePoint.ok && onePoint.nap.nap).toBe(1);
  });

  it("rejects bad input naming the field", () => {
    expect(() => analyseSingleCase([{ phase: "A", values: [1, Number.NaN] }], { direction: "increase" })).toThrow(
      /phases\[0\]\.values\[1\]/,
    );
    expect(() => analyseSingleCase([], { direction: "increase", mcid: -1 })).toThrow(/mcid/);
  });
});
