import { describe, expect, it } from "vitest";
import { GROC } from "./groc.js";
import { LEFS } from "./lefs.js";
import { NPRS } from "./nprs.js";
import { RUNNING_SMOOTHNESS_NRS, TIGHTNESS_NRS } from "./practice-nrs.js";
import { UWRI } from "./uwri.js";

const repeat = (value: number | null, times: number): (number | null)[] => Array.from({ length: times }, () => value);

describe("LEFS scoring", () => {
  it("sums 20 items: all answered 3 gives 60", () => {
    expect(LEFS.score(repeat(3, 20))).toEqual({ kind: "scored", score: 60, answeredItems: 20, imputedItems: 0 });
  });

  it("scores the bounds 0 and 80", () => {
    expect(LEFS.score(repeat(0, 20))).toMatchObject({ kind: "scored", score: 0 });
    expect(LEFS.score(repeat(4, 20))).toMatchObject({ kind: "scored", score: 80 });
  });

  it("replaces 2 missing items by the mean of the answered items", () => {
    // 18 answered: ten 4s and eight 2s -> sum 56, mean 56/18; prorated = 56 + 2 * 56/18 = 80 * 56/72.
    const answers = [...repeat(4, 10), ...repeat(2, 8), null, null];
    const result = LEFS.score(answers);
    expect(result.kind).toBe("scored");
    if (result.kind !== "scored") return;
    expect(result.score).toBeCloseTo((80 * 56) / 72, 10);
    expect(result.imputedItems).toBe(2);
    expect(result.answeredItems).toBe(18);
  });

  it("prorates all-3 answers with 2 missing back to 60", () => {
    expect(LEFS.score([...repeat(3, 18), null, null])).toMatchObject({ kind: "scored", score: 60, imputedItems: 2 });
  });

  it("still scores with 4 missing items", () => {
    expect(LEFS.score([...repeat(2, 16), ...repeat(null, 4)])).toMatchObject({ kind: "scored", score: 40, imputedItems: 4 });
  });

  it("refuses to score with 5 missing items", () => {
    expect(LEFS.score([...repeat(3, 15), ...repeat(null, 5)])).toMatchObject({ kind: "cannot-score", reason: "too-many-missing" });
  });

  it("rejects an answer outside 0-4, a fractional answer and a wrong item count", () => {
    expect(LEFS.score([5, ...repeat(3, 19)])).toMatchObject({ kind: "cannot-score", reason: "out-of-range" });
    expect(LEFS.score([2.5, ...repeat(3, 19)])).toMatchObject({ kind: "cannot-score", reason: "not-an-integer" });
    expect(LEFS.score(repeat(3, 19))).toMatchObject({ kind: "cannot-score", reason: "wrong-item-count" });
  });

  it("has 20 items with their published wording and 0-4 options", () => {
    expect(LEFS.items).toHaveLength(20);
    expect(LEFS.items[0]?.text).toBe("Any of your usual work, housework, or school activities.");
    expect(LEFS.items[19]?.text).toBe("Rolling over in bed.");
    expect(LEFS.items.every((item) => !item.placeholder && item.options.length === 5)).toBe(true);
  });

  it("flags its missing-item rule as unverified", () => {
    expect(LEFS.missingItemRule).toMatchObject({ maxMissing: 4, imputation: "mean-of-answered-items", verified: false });
  });
});

describe("UWRI scoring", () => {
  it("sums 9 items of 0-4 to 0-36", () => {
    expect(UWRI.score(repeat(4, 9))).toMatchObject({ kind: "scored", score: 36 });
    expect(UWRI.score([0, 1, 2, 3, 4, 4, 3, 2, 1])).toMatchObject({ kind: "scored", score: 20 });
  });

  it("refuses to score when any item is missing (no published missing-item rule found)", () => {
    expect(UWRI.score([...repeat(3, 8), null])).toMatchObject({ kind: "cannot-score", reason: "too-many-missing" });
  });

  it("is exported with placeholder wording, not invented text", () => {
    expect(UWRI.wordingVerified).toBe(false);
    expect(UWRI.items).toHaveLength(9);
    expect(UWRI.items.every((item) => item.placeholder && item.text.includes("must be entered"))).toBe(true);
  });
});

describe("GROC scoring", () => {
  it("accepts the bounds -7 and +7 and the midpoint 0", () => {
    expect(GROC.score([-7])).toMatchObject({ kind: "scored", score: -7 });
    expect(GROC.score([0])).toMatchObject({ kind: "scored", score: 0 });
    expect(GROC.score([7])).toMatchObject({ kind: "scored", score: 7 });
  });

  it("rejects -8, +8 and a missing answer", () => {
    expect(GROC.score([-8])).toMatchObject({ kind: "cannot-score", reason: "out-of-range" });
    expect(GROC.score([8])).toMatchObject({ kind: "cannot-score", reason: "out-of-range" });
    expect(GROC.score([null])).toMatchObject({ kind: "cannot-score", reason: "missing-answer" });
  });

  it("offers 15 options", () => {
    expect(GROC.items[0]?.options).toHaveLength(15);
  });
});

describe("single-item 0-10 scales", () => {
  it.each([NPRS, TIGHTNESS_NRS, RUNNING_SMOOTHNESS_NRS])("$code scores 0..10 and rejects 11", (measure) => {
    expect(measure.score([0])).toMatchObject({ kind: "scored", score: 0 });
    expect(measure.score([10])).toMatchObject({ kind: "scored", score: 10 });
    expect(measure.score([11])).toMatchObject({ kind: "cannot-score", reason: "out-of-range" });
    expect(measure.score([])).toMatchObject({ kind: "cannot-score", reason: "wrong-item-count" });
  });
});
