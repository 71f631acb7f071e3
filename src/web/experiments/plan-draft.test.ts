import { describe, expect, it } from "vitest";
import { experimentPlan } from "../../experiments/schema.js";
import { draftFromPlan, type PlanDraft, planFromDraft } from "./plan-draft";

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
