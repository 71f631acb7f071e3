/** The experiment form's draft (numbers kept as typed text) and its conversion to and from the API's plan. */
import type { Allocation, Design, ExperimentPlan, ExperimentPlanInput, RunningOutcome, TrainingPattern } from "../../experiments/schema.js";
import { TEXTURE_DESCRIPTORS } from "../../shared/vocabulary/catalogue.js";
import type { QualityCode } from "../clinical/types";

type Descriptor = (typeof TEXTURE_DESCRIPTORS)[number];

function descriptorOf(text: string): Descriptor | null {
  return TEXTURE_DESCRIPTORS.find((d) => d === text) ?? null;
}

export interface FindingDraft {
  regionCode: string;
  quality: QualityCode;
  minGrade: string;
  descriptor: string;
}

export type SecondaryDraft = { kind: "measure"; measureCode: string; days: string } | { kind: "running"; metric: RunningOutcome };

/** The form's state: numbers stay text while typed, so a half-typed value is never lost. */
export interface PlanDraft {
  title: string;
  hypothesis: string;
  rationale: string;
  complaintRegions: string[];
  findings: FindingDraft[];
  trainingOn: boolean;
  trainingWeeks: string;
  trainingPatterns: TrainingPattern[];
  trainingMinRuns: string;
  interventionProtocolId: string;
  /** "usual-care" or a protocol id. */
  comparator: string;
  design: Design;
  allocation: Allocation;
  primaryMeasure: string;
  primaryDays: string;
  primaryMcid: string;
  secondary: SecondaryDraft[];
  plannedClients: string;
}

export const USUAL_CARE = "usual-care";

export function blankDraft(): PlanDraft {
  return {
    title: "",
    hypothesis: "",
    rationale: "",
    complaintRegions: [],
    findings: [],
    trainingOn: false,
    trainingWeeks: "4",
    trainingPatterns: [],
    trainingMinRuns: "1",
    interventionProtocolId: "",
    comparator: USUAL_CARE,
    design: "case-series",
    allocation: "therapist",
    primaryMeasure: "tightness-nrs",
    primaryDays: "14",
    primaryMcid: "",
    secondary: [],
    plannedClients: "10",
  };
}

export function draftFromPlan(plan: ExperimentPlan): PlanDraft {
  const training = plan.eligibility.training;
  return {
    title: plan.title,
    hypothesis: plan.hypothesis,
    rationale: plan.rationale,
    complaintRegions: [...plan.eligibility.complaintRegions],
    findings: plan.eligibility.requiredFindings.map((f) => ({
      regionCode: f.regionCode,
      quality: f.quality,
      minGrade: String(f.minGrade),
      descriptor: f.descriptor ?? "",
    })),
    trainingOn: training !== null,
    trainingWeeks: String(training?.weeks ?? 4),
    trainingPatterns: training ? [...training.patterns] : [],
    trainingMinRuns: String(training?.minRunsPerWeek ?? 1),
    interventionProtocolId: plan.interventionProtocolId,
    comparator: plan.comparator.kind === "protocol" ? plan.comparator.protocolId : USUAL_CARE,
    design: plan.design,
    allocation: plan.allocation,
    primaryMeasure: plan.primaryOutcome.measureCode,
    primaryDays: String(plan.primaryOutcome.days),
    primaryMcid: plan.primaryOutcome.mcid === null ? "" : String(plan.primaryOutcome.mcid),
    secondary: plan.secondaryOutcomes.map((o) =>
      o.kind === "running" ? { kind: "running", metric: o.metric } : { kind: "measure", measureCode: o.measureCode, days: String(o.days) },
    ),
    plannedClients: String(plan.plannedClients),
  };
}

/**
 * Text → number. A blank or unreadable entry becomes NaN, which JSON sends as null, so the server
 * names the field instead of a silent 0 being saved.
 */
function numberOf(text: string): number {
  const trimmed = text.trim();
  return trimmed === "" ? Number.NaN : Number(trimmed);
}

/**
 * The plan to send. Values are passed on as typed: the server validates and answers with the
 * field that is wrong.
 */
export function planFromDraft(draft: PlanDraft): ExperimentPlanInput {
  return {
    title: draft.title,
    hypothesis: draft.hypothesis,
    rationale: draft.rationale,
    eligibility: {
      complaintRegions: draft.complaintRegions,
      requiredFindings: draft.findings.map((f) => ({
        regionCode: f.regionCode,
        quality: f.quality,
        minGrade: numberOf(f.minGrade),
        descriptor: descriptorOf(f.descriptor),
      })),
      training: draft.trainingOn
        ? {
            weeks: numberOf(draft.trainingWeeks),
            patterns: draft.trainingPatterns,
            minRunsPerWeek: numberOf(draft.trainingMinRuns),
          }
        : null,
    },
    interventionProtocolId: draft.interventionProtocolId,
    comparator: draft.comparator === USUAL_CARE ? { kind: "usual-care" } : { kind: "protocol", protocolId: draft.comparator },
    design: draft.design,
    allocation: draft.design === "two-protocols" ? draft.allocation : "therapist",
    primaryOutcome: {
      kind: "measure",
      measureCode: draft.primaryMeasure,
      days: numberOf(draft.primaryDays),
      mcid: draft.primaryMcid.trim() === "" ? null : numberOf(draft.primaryMcid),
    },
    secondaryOutcomes: draft.secondary.map((s) =>
      s.kind === "running"
        ? { kind: "running", metric: s.metric }
        : { kind: "measure", measureCode: s.measureCode, days: numberOf(s.days), mcid: null },
    ),
    plannedClients: numberOf(draft.plannedClients),
  };
}

/** "YYYY-MM-DD" of an ISO instant (UTC), for date inputs. */
export function isoDay(instant: string): string {
  return instant.slice(0, 10);
}
