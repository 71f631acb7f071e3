/**
 * Pure functions for the experiment pages: the form's draft and its conversion to the API's plan,
 * and the plan and statistics in plain words.
 */
import type { ItemScaleMeasure, Measure, QuestionnaireMeasure } from "../../shared/measures";
import { currentCatalogue } from "../questionnaires/catalogue";
import type {
  Allocation,
  AmendableField,
  Design,
  ExperimentPlan,
  ExperimentPlanInput,
  ExperimentStatus,
  ExperimentView,
  RunningOutcome,
  SeriesPoint,
  SingleCaseMeanings,
  SingleCaseResult,
  TrainingPattern,
} from "../../experiments/schema.js";
import { LABEL_NAMES, TRAINING_PATTERNS } from "../../shared/labels";
import { TEXTURE_DESCRIPTORS } from "../../shared/vocabulary/catalogue.js";
import type { QualityCode, Vocabulary } from "../clinical/types";

type Descriptor = (typeof TEXTURE_DESCRIPTORS)[number];

function descriptorOf(text: string): Descriptor | null {
  return TEXTURE_DESCRIPTORS.find((d) => d === text) ?? null;
}

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

type OutcomeMeasure = ItemScaleMeasure | (QuestionnaireMeasure & { range: { min: number; max: number } });

function isOutcome(measure: Measure | undefined): measure is OutcomeMeasure {
  return measure?.kind === "item-scale" || (measure?.kind === "questionnaire" && measure.range !== null);
}

/**
 * Numeric scales an experiment can analyse, the same rule as the server's: the library's item
 * scales and the practice's own scored questionnaires (from the loaded catalogue).
 */
export function outcomeMeasures(): readonly OutcomeMeasure[] {
  return currentCatalogue().all().filter(isOutcome);
}

export function outcomeMeasure(code: string): OutcomeMeasure | undefined {
  const measure = currentCatalogue().byCode(code);
  return isOutcome(measure) ? measure : undefined;
}

/** The MCID in points a measure's library entry gives, if any. */
export function libraryMcid(code: string): number | null {
  return outcomeMeasure(code)?.mcid?.points ?? null;
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

export function formatNumber(value: number, digits = 2): string {
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(digits);
}

/** "+2", "−1.5", "0": a change with its sign; a value that rounds to zero shows as 0, never "−0". */
export function signed(value: number, digits = 1): string {
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  if (rounded === 0) return "0";
  const text = formatNumber(Math.abs(rounded), digits);
  return rounded > 0 ? `+${text}` : `−${text}`;
}

export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

export function formatP(p: number): string {
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

type SingleCaseOk = Extract<SingleCaseResult, { ok: true }>;

export interface SingleCaseFigure {
  name: string;
  value: string;
  meaning: string;
  detail: string;
}

/** NAP, Tau-U (plain and trend-corrected), PND and level change, each with a sentence and its detail. */
export function singleCaseFigures(result: SingleCaseOk, meanings: SingleCaseMeanings): SingleCaseFigure[] {
  const level = result.levelChange;
  const a = result.phases.find((p) => p.phase === "A");
  const b = result.phases.find((p) => p.phase === "B");
  return [
    {
      name: "NAP",
      value: percent(result.nap.nap),
      meaning: meanings.nap,
      detail: `${result.nap.pairs} pairs, ${result.nap.overlapPairs} where the treatment point was worse, ${result.nap.ties} ties; rescaled (2·NAP − 1) ${formatNumber(result.nap.rescaled)}.`,
    },
    {
      name: "Tau-U (A vs B)",
      value: formatNumber(result.tauU.tau),
      meaning: meanings.tauU,
      detail: `S = ${result.tauU.s} over ${result.tauU.pairs} pairs, z = ${formatNumber(result.tauU.z)}, p = ${formatP(result.tauU.p)} (tie-corrected variance).`,
    },
    {
      name: "Tau-U, baseline trend removed",
      value: formatNumber(result.tauUTrendCorrected.tau),
      meaning: meanings.tauUTrendCorrected,
      detail: `S = ${result.tauUTrendCorrected.s} over ${result.tauUTrendCorrected.pairs} pairs, z = ${formatNumber(result.tauUTrendCorrected.z)}, p = ${formatP(result.tauUTrendCorrected.p)} (tie-corrected variance). As in the published method, it can fall outside −1 to 1 when the baseline trends strongly.`,
    },
    {
      name: "PND",
      value: `${Math.round(result.pnd.pnd)}%`,
      meaning: meanings.pnd,
      detail: `Percentage of non-overlapping data; ${b?.n ?? 0} treatment points against ${a?.n ?? 0} baseline points.`,
    },
    {
      name: "Level change",
      value: signed(level),
      meaning: meanings.levelChange,
      detail:
        result.phases
          .map((p, i) => `Phase ${i + 1} (${p.phase}): ${p.n} points, mean ${formatNumber(p.mean)}, median ${formatNumber(p.median)}`)
          .join("; ") + ".",
    },
  ];
}

/** "YYYY-MM-DD" of an ISO instant (UTC), for date inputs. */
export function isoDay(instant: string): string {
  return instant.slice(0, 10);
}

export interface PhaseSpan {
  phase: "A" | "B";
  from: number;
  to: number;
}

/**
 * Background spans for a single-case chart's phases, in seconds. A phase changes at a session that
 * came after the old phase's last point (usually that point is the session's own pre-treatment
 * rating), so the new phase is drawn from that point on.
 */
export function phaseSpans(series: readonly SeriesPoint[], xMin: number, xMax: number): PhaseSpan[] {
  const spans: PhaseSpan[] = [];
  const times = series.map((p) => Date.parse(p.at) / 1000);
  series.forEach((point, i) => {
    const last = spans.at(-1);
    if (last && last.phase === point.phase) return;
    const previous = times[i - 1];
    const boundary = previous ?? xMin;
    if (last) last.to = boundary;
    spans.push({ phase: point.phase, from: boundary, to: xMax });
  });
  return spans;
}
