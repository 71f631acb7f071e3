import { describe, expect, it } from "vitest";
import type { WeekLoad } from "../../training/analysis/types.js";
import { describeFinding, evaluatePairs, findingKeys, trainingFeatures, type ClientPatternData, type FeatureCode } from "./rules.js";

function week(overrides: Partial<WeekLoad> = {}): WeekLoad {
  return {
    weekStart: "2026-11-16",
    isoWeek: "2026-W47",
    distanceM: 30_000,
    movingS: 10_000,
    elevationGainM: 100,
    elevationLossM: 100,
    activities: 3,
    labelCounts: {},
    rampPct: 0,
    acuteDailyM: 4000,
    chronicDailyM: 4000,
    acwr: 1,
    caveat: "",
    ...overrides,
  };
}

const NO_FEATURES: Record<FeatureCode, boolean> = {
  hill_repeats: false,
  intervals: false,
  downhill: false,
  long_run: false,
  ramp: false,
  acwr: false,
};

describe("trainingFeatures", () => {
  it("needs on average one labelled run a week over the window", () => {
    const eight = Array.from({ length: 8 }, (_, index) => week({ labelCounts: index % 2 === 0 ? { downhill: 2 } : {} }));
    expect(trainingFeatures(eight, 8).downhill).toBe(true);
    const seven = [...eight.slice(0, 7), week({ labelCounts: {} })];
    expect(trainingFeatures([week({ labelCounts: { downhill: 1 } }), ...seven.slice(1)], 8).downhill).toBe(false);
  });

  it("only looks at the last weeks of the window", () => {
    const weeks = [week({ labelCounts: { hill_repeats: 20 }, rampPct: 50, acwr: 2 }), ...Array.from({ length: 8 }, () => week())];
    expect(trainingFeatures(weeks, 8)).toEqual(NO_FEATURES);
  });

  it("flags a ramp above 10% and an ACWR above 1.3 in any week, ignoring weeks where they cannot be computed", () => {
    expect(trainingFeatures([week({ rampPct: 10 }), week({ acwr: 1.3 })], 8)).toMatchObject({ ramp: false, acwr: false });
    expect(trainingFeatures([week({ rampPct: 10.5 }), week({ acwr: 1.31 })], 8)).toMatchObject({ ramp: true, acwr: true });
    expect(trainingFeatures([week({ rampPct: null, acwr: null })], 8)).toMatchObject({ ramp: false, acwr: false });
  });
});

describe("findings", () => {
  it("counts a quality graded 2 or more, on any side", () => {
    const keys = findingKeys([
      { regionCode: "rectus_femoris_distal", qualities: { tension: 2, tenderness: 1, texture: null, adhesion: 3, temperature: 0 } },
    ]);
    expect([...keys].sort()).toEqual(["rectus_femoris_distal:adhesion", "rectus_femoris_distal:tension"]);
  });

  it("names a finding in words", () => {
    expect(describeFinding("rectus_femoris_distal:tension").label).toBe("Rigid rectus femoris (distal third)");
    expect(describeFinding("gastrocnemius:tenderness")).toEqual({
      regionCode: "gastrocnemius",
      quality: "tenderness",
      label: "Tender gastrocnemius",
    });
  });
});

describe("evaluatePairs", () => {
  const client = (downhill: boolean, findings: string[]): ClientPatternData => ({
    features: { ...NO_FEATURES, downhill },
    findings: new Set(findings),
  });

  it("tests a pair only with at least five clients on each side", () => {
    const four = [
      ...Array.from({ length: 4 }, () => client(true, ["soleus:tension"])),
      ...Array.from({ length: 6 }, () => client(false, [])),
    ];
    const result = evaluatePairs(four);
    expect(result.tested).toEqual([]);
    expect(result.untested.find((pair) => pair.feature.code === "downhill")?.missing).toBe(
      "Needs at least 5 clients with at least one downhill run a week (there are 4).",
    );
    // Every other feature has nobody with it: 10 clients without, 0 with.
    expect(result.untested.filter((pair) => pair.feature.code !== "downhill").map((pair) => pair.missing)).toHaveLength(5);
  });

  it("builds the 2×2 table, Fisher's p and the odds ratio for a pair with enough clients", () => {
    const clients = [
      ...Array.from({ length: 4 }, () => client(true, ["soleus:tension"])),
      client(true, []),
      client(false, ["soleus:tension"]),
      ...Array.from({ length: 4 }, () => client(false, [])),
    ];
    const [pair] = evaluatePairs(clients).tested;
    expect(pair?.counts).toEqual({ a: 4, b: 1, c: 1, d: 4 });
    expect(pair?.sentence).toBe("Rigid soleus in 4 of 5 clients with at least one downhill run a week, 1 of 5 without.");
    // Hypergeometric weights for a = 0…5 are 1, 25, 100, 100, 25, 1 (of 252); as or less likely than a = 4: 52/252.
    expect(pair?.p).toBeCloseTo(52 / 252, 12);
    expect(pair?.q).toBeCloseTo(52 / 252, 12);
    expect(pair?.oddsRatio.estimate).toBeCloseTo(16, 12);
    expect(pair?.sameInBothGroups).toBe(false);
    expect(pair?.meaning).toBe(
      "Clients with at least one downhill run a week had this finding more often (80% against 20%), but with this few clients and one comparison a gap like this can easily arise by chance.",
    );
  });

  it("says a gap would rarely arise by chance only when q is below 0.05, without overstating it", () => {
    const clients = [
      ...Array.from({ length: 9 }, () => client(true, ["soleus:tension"])),
      ...Array.from({ length: 9 }, () => client(false, [])),
      client(false, ["soleus:tension"]),
    ];
    const [pair] = evaluatePairs(clients).tested;
    expect(pair?.q).toBeLessThan(0.05);
    expect(pair?.meaning).toBe(
      "Clients with at least one downhill run a week had this finding more often (100% against 10%); even allowing for the one comparison made, this gap would rarely arise by chance alone. It still does not show that the training causes it.",
    );
    expect(pair?.meaning).not.toContain("unlikely");
  });

  it("blames the small numbers only when the smaller group has fewer than 20 clients", () => {
    const group = (downhill: boolean, size: number, withFinding: number) =>
      Array.from({ length: size }, (_, index) => client(downhill, index < withFinding ? ["soleus:tension"] : []));
    const [large] = evaluatePairs([...group(true, 20, 11), ...group(false, 20, 9)]).tested;
    expect(large?.q).toBeGreaterThanOrEqual(0.05);
    expect(large?.meaning).toBe(
      "Clients with at least one downhill run a week had this finding more often (55% against 45%), but with one comparison a gap like this can easily arise by chance.",
    );
    const [small] = evaluatePairs([...group(true, 19, 10), ...group(false, 25, 12)]).tested;
    expect(small?.meaning).toContain("but with this few clients and one comparison");
  });

  it("says the groups do not differ when every client in both has the finding, whatever the corrected odds ratio", () => {
    const clients = [
      ...Array.from({ length: 5 }, () => client(true, ["soleus:tension"])),
      ...Array.from({ length: 7 }, () => client(false, ["soleus:tension"])),
    ];
    const [pair] = evaluatePairs(clients).tested;
    expect(pair?.counts).toEqual({ a: 5, b: 0, c: 7, d: 0 });
    expect(pair?.sameInBothGroups).toBe(true);
    // (5.5 × 0.5) / (0.5 × 7.5): the 0.5 added to every cell moves the ratio off 1.
    expect(pair?.oddsRatio).toMatchObject({ corrected: true });
    expect(pair?.oddsRatio.estimate).toBeCloseTo(5.5 / 7.5, 12);
    expect(pair?.meaning).toBe(
      "The groups do not differ: every client with or without at least one downhill run a week had this finding (5 of 5 and 7 of 7).",
    );
    expect(pair?.meaning).not.toMatch(/equally often|odds/);
  });
});
