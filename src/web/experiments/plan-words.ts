/** An experiment's plan in plain words: the names of designs, allocations, statuses and fields, and the plan as sentences. */
import type {
  Allocation,
  AmendableField,
  Design,
  ExperimentStatus,
  ExperimentView,
  RunningOutcome,
  TrainingPattern,
} from "../../experiments/schema.js";
import { LABEL_NAMES, TRAINING_PATTERNS } from "../../shared/labels";
import type { Vocabulary } from "../clinical/types";

export const DESIGN_NAMES: Record<Design, string> = {
  "single-case-ab": "Single-case A/B (baseline, then treatment)",
  "single-case-abab": "Single-case A/B/A/B (treatment withdrawn and given again)",
  "case-series": "Case series (one group, before and after)",
  "two-protocols": "Two protocols compared across clients",
};

export const ALLOCATION_NAMES: Record<Allocation, string> = {
  therapist: "Therapist's choice",
  alternating: "Alternating",
  random: "Random (seeded)",
};

export const PATTERN_NAMES: Record<TrainingPattern, string> = LABEL_NAMES;
export const TRAINING_PATTERN_CODES: readonly TrainingPattern[] = TRAINING_PATTERNS;

export const RUNNING_OUTCOME_NAMES: Record<RunningOutcome, string> = {
  "cadence-at-matched-pace": "Cadence at matched pace",
  "pace-at-matched-heart-rate": "Pace at matched heart rate",
};

export const AMENDABLE_FIELD_NAMES: Record<AmendableField, string> = {
  title: "Title",
  hypothesis: "Hypothesis",
  rationale: "Rationale",
  eligibility: "Eligibility (JSON)",
  primaryOutcome: "Primary outcome (JSON)",
  secondaryOutcomes: "Secondary outcomes (JSON)",
  plannedClients: "Planned number of clients",
};
export const AMENDABLE_FIELD_CODES = Object.keys(AMENDABLE_FIELD_NAMES) as AmendableField[];

export const STATUS_NAMES: Record<ExperimentStatus, string> = { draft: "Draft", running: "Running", finished: "Finished" };

export function statusBadgeClass(status: ExperimentStatus): string {
  switch (status) {
    case "draft":
      return "badge badge--muted";
    case "running":
      return "badge badge--warn";
    case "finished":
      return "badge badge--ok";
  }
}

const GRADE_WORDS = ["none", "mild", "moderate", "marked"];

export function gradeName(grade: number): string {
  return GRADE_WORDS[grade] ?? String(grade);
}

function regionName(vocabulary: Vocabulary, code: string): string {
  return vocabulary.regions.find((r) => r.code === code)?.name ?? code;
}

function qualityName(vocabulary: Vocabulary, code: string): string {
  return vocabulary.qualities.find((q) => q.code === code)?.name.toLowerCase() ?? code;
}

export const ANALYSIS_PLAN_HEADING = "Analysis plan (as registered)";

/** The plan in plain sentences, grouped by heading. */
export function describePlan(experiment: ExperimentView, vocabulary: Vocabulary): { heading: string; lines: string[] }[] {
  const { plan, labels } = experiment;
  const eligibility: string[] = [];
  if (plan.eligibility.complaintRegions.length > 0) {
    eligibility.push(
      `An active or improving complaint in ${plan.eligibility.complaintRegions.map((c) => regionName(vocabulary, c)).join(" or ")}.`,
    );
  }
  for (const f of plan.eligibility.requiredFindings) {
    eligibility.push(
      `Latest findings show ${qualityName(vocabulary, f.quality)} of at least ${gradeName(f.minGrade)} (${f.minGrade}) in ${regionName(vocabulary, f.regionCode)}${f.descriptor ? `, described as ${f.descriptor}` : ""}.`,
    );
  }
  const training = plan.eligibility.training;
  if (training) {
    eligibility.push(
      `At least ${training.minRunsPerWeek} ${training.patterns.map((p) => PATTERN_NAMES[p].toLowerCase()).join(", ")} run(s) a week over the last ${training.weeks} weeks.`,
    );
  }
  if (eligibility.length === 0) eligibility.push("Any client of the practice.");

  const protocols = [`Intervention: ${labels.interventionProtocol}.`, `Comparator: ${labels.comparator}.`];
  const design = [`${DESIGN_NAMES[plan.design]}.`];
  if (plan.design === "two-protocols") design.push(`Allocation: ${ALLOCATION_NAMES[plan.allocation].toLowerCase()}.`);
  design.push(`Planned clients: ${plan.plannedClients}.`);

  const mcid = labels.primaryOutcomeMcid;
  const outcomes = [
    `Primary: ${labels.primaryOutcome} (${labels.primaryOutcomeHigherIsBetter ? "higher" : "lower"} is better${mcid === null ? "; no agreed important change" : `; an important change is ${mcid} points`}).`,
    ...labels.secondaryOutcomes.map((s) => `Secondary: ${s}.`),
  ];
  const sections = [
    { heading: "Who can take part", lines: eligibility },
    { heading: "Treatments", lines: protocols },
    { heading: "Design", lines: design },
    { heading: "Outcomes", lines: outcomes },
  ];
  const analysis = analysisPlanOf(experiment);
  if (analysis.length > 0) sections.push({ heading: ANALYSIS_PLAN_HEADING, lines: analysis });
  return sections;
}

/** The analysis plan lines frozen in the registration record, if it has been registered. */
export function analysisPlanOf(experiment: ExperimentView): string[] {
  if (!experiment.registration) return [];
  try {
    const record: unknown = JSON.parse(experiment.registration.record);
    if (typeof record === "object" && record !== null && "analysisPlan" in record && Array.isArray(record.analysisPlan)) {
      return record.analysisPlan.filter((line): line is string => typeof line === "string");
    }
  } catch {
    // An unreadable record shows no analysis plan; the record itself is still shown as text.
  }
  return [];
}

/** The registration record pretty-printed; the original text when it cannot be parsed. */
export function prettyRecord(record: string): string {
  try {
    return JSON.stringify(JSON.parse(record), null, 2);
  } catch {
    return record;
  }
}

/** A value of an amendment (before or after), short enough for a table cell. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null || value === undefined) return "—";
  return JSON.stringify(value);
}
