import { describe, expect, it } from "vitest";
import { experimentPlan } from "../../experiments/schema.js";
import { analyseSingleCase } from "../../experiments/stats/index.js";
import { draftFromPlan, phaseSpans, planFromDraft, signed, singleCaseFigures, type PlanDraft } from "./model";

const PLAN = experimentPlan.parse({
  title: "Distal-quad release vs direct hip-flexor work",
  hypothesis: "Releasing the distal quad lowers hip-flexor tightness at day 14 more often than direct work.",
  rationale: "Seen in practice.",
  eligibility: {
    complaintRegions: ["iliopsoas"],
    requiredFindings: [{ regionCode: "rectus_femoris_distal", quality: "texture", minGrade: 2, descriptor: "crunchy" }],
    training: { weeks: 4, patterns: ["hill_repeats", "downhill"], minRunsPerWeek: 1.5 },
  },
  interventionProtocolId: "release",
  comparator: { kind: "protocol", protocolId: "direct" },
  design: "two-protocols",
  allocation: "random",
  primaryOutcome: { kind: "measure", measureCode: "tightness-nrs", days: 14, mcid: 3 },
  secondaryOutcomes: [
    { kind: "measure", measureCode: "groc", days: 14 },
    { kind: "running", metric: "cadence-at-matched-pace" },
  ],
  plannedClients: 12,
});

/** What the server receives: the body goes through JSON, where NaN becomes null. */
function sent(draft: PlanDraft) {
  return experimentPlan.safeParse(JSON.parse(JSON.stringify(planFromDraft(draft))));
}

describe("the experiment form's draft", () => {
  it("gives back the same plan after a round trip through the form", () => {
    const result = sent(draftFromPlan(PLAN));
    expect(result.success).toBe(true);
    expect(result.data).toEqual(PLAN);
  });

  it("sends a blank number as null, so the server names the field instead of saving 0", () => {
    const draft = { ...draftFromPlan(PLAN), plannedClients: " ", primaryDays: "" };
    const result = sent(draft);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((problem) => problem.path.join(".")).sort()).toEqual(["plannedClients", "primaryOutcome.days"]);
  });

  it("leaves the MCID to the measure when its box is blank, and allocation to the therapist outside two-protocol designs", () => {
    const draft = { ...draftFromPlan(PLAN), primaryMcid: "", design: "case-series" as const, comparator: "usual-care" };
    const plan = planFromDraft(draft);
    expect(plan.primaryOutcome.mcid).toBeNull();
    expect(plan.allocation).toBe("therapist");
    expect(plan.comparator).toEqual({ kind: "usual-care" });
  });

  it("drops the training rule when it is switched off", () => {
    expect(planFromDraft({ ...draftFromPlan(PLAN), trainingOn: false }).eligibility.training).toBeNull();
  });
});

describe("numbers in words", () => {
  it("signs changes and never shows minus zero", () => {
    expect(signed(2)).toBe("+2");
    expect(signed(-1.5)).toBe("−1.5");
    expect(signed(-0.04)).toBe("0");
    expect(signed(-3.666)).toBe("−3.7");
  });

  it("shows each single-case figure with the server's meaning and its detail", () => {
    // Tightness (lower is better): 8, 7, 8 before; 5, 4, 3 during. Every pair improves.
    const result = analyseSingleCase(
      [
        { phase: "A", values: [8, 7, 8] },
        { phase: "B", values: [5, 4, 3] },
      ],
      { direction: "decrease" },
    );
    if (!result.ok) throw new Error(result.missing);
    const meanings = { levelChange: "level", nap: "nap", tauU: "tau", tauUTrendCorrected: "trend", pnd: "pnd" };
    const figures = Object.fromEntries(singleCaseFigures(result, meanings).map((f) => [f.name, f]));
    expect(figures.NAP).toMatchObject({ value: "100%", meaning: "nap" });
    expect(figures.PND).toMatchObject({ value: "100%", meaning: "pnd" });
    expect(figures["Level change"]).toMatchObject({ value: "−3.7", meaning: "level" });
    expect(figures["Tau-U (A vs B)"]?.detail).toContain("S = 9 over 9 pairs");
  });
});

describe("phase shading", () => {
  it("starts each new phase at the last point of the one before, and spans the whole axis", () => {
    const at = (day: number) => new Date(Date.UTC(2026, 10, day)).toISOString();
    const seconds = (day: number) => Date.UTC(2026, 10, day) / 1000;
    const spans = phaseSpans(
      [
        { at: at(1), value: 8, phase: "A", source: "session" },
        { at: at(7), value: 8, phase: "A", source: "session" },
        { at: at(10), value: 5, phase: "B", source: "checkin" },
        { at: at(14), value: 4, phase: "B", source: "session" },
        { at: at(21), value: 6, phase: "A", source: "checkin" },
      ],
      seconds(0),
      seconds(22),
    );
    expect(spans).toEqual([
      { phase: "A", from: seconds(0), to: seconds(7) },
      { phase: "B", from: seconds(7), to: seconds(14) },
      { phase: "A", from: seconds(14), to: seconds(22) },
    ]);
  });
});
