import { z } from "zod";
import { isQuestionnaireCode, measureByCode } from "../shared/measures/index.js";
import { QUALITY_CODES, TEXTURE_DESCRIPTORS } from "../shared/vocabulary/catalogue.js";
import { isRegionCode } from "../shared/vocabulary/regions.js";
import { cursorParam, pageLimit } from "../shared/cursor.js";
import { TRAINING_PATTERNS, type TrainingPattern } from "../shared/labels.js";

/**
 * Outcome measures an experiment can analyse: numeric scales from the measures library with a
 * direction, or the practice's own scored questionnaires (checked against the practice by the
 * service). Patient-specific (PSFS) and free-text measures cannot be pooled across clients.
 */
export function isOutcomeMeasure(code: string): boolean {
  const measure = measureByCode(code);
  return (measure !== undefined && measure.kind === "item-scale") || isQuestionnaireCode(code);
}

export const DESIGNS = ["single-case-ab", "single-case-abab", "case-series", "two-protocols"] as const;
export type Design = (typeof DESIGNS)[number];

export const ALLOCATIONS = ["therapist", "alternating", "random"] as const;
export type Allocation = (typeof ALLOCATIONS)[number];

/** Training patterns eligibility can ask for: the catalogue's labels marked `pattern`. */
export { TRAINING_PATTERNS, type TrainingPattern };

export const RUNNING_OUTCOMES = ["cadence-at-matched-pace", "pace-at-matched-heart-rate"] as const;
export type RunningOutcome = (typeof RUNNING_OUTCOMES)[number];

const regionCode = z.string().refine(isRegionCode, { message: "is not a body region in the vocabulary" });

export const findingCriterion = z.object({
  regionCode,
  quality: z.enum(QUALITY_CODES),
  minGrade: z.number().int().min(1).max(3),
  descriptor: z.enum(TEXTURE_DESCRIPTORS).nullable().default(null),
});
export type FindingCriterion = z.output<typeof findingCriterion>;

export const eligibilitySchema = z.object({
  /** The client has an active or improving complaint in one of these regions (or a region inside one). */
  complaintRegions: z.array(regionCode).max(20).default([]),
  /** Each must be recorded in the client's most recent signed session with findings. */
  requiredFindings: z.array(findingCriterion).max(10).default([]),
  /** Runs with any of these labels, on average per week over the last `weeks` weeks. */
  training: z
    .object({
      weeks: z.number().int().min(1).max(26),
      patterns: z.array(z.enum(TRAINING_PATTERNS)).min(1).max(TRAINING_PATTERNS.length),
      minRunsPerWeek: z.number().min(0.1).max(14),
    })
    .nullable()
    .default(null),
});
export type Eligibility = z.output<typeof eligibilitySchema>;

export const measureOutcome = z.object({
  kind: z.literal("measure"),
  measureCode: z.string().refine(isOutcomeMeasure, { message: "is not a numeric outcome measure in the measures library" }),
  /** Days after the client's first session of their arm (0..180). */
  days: z.number().int().min(0).max(180),
  /** Change that counts as important; default: the measure's own MCID (or practice convention). */
  mcid: z.number().positive().max(100).nullable().default(null),
});
export const runningOutcome = z.object({
  kind: z.literal("running"),
  metric: z.enum(RUNNING_OUTCOMES),
  windowDays: z.number().int().min(3).max(60).default(14),
});
export const secondaryOutcome = z.discriminatedUnion("kind", [measureOutcome, runningOutcome]);
export type MeasureOutcome = z.output<typeof measureOutcome>;
export type SecondaryOutcome = z.output<typeof secondaryOutcome>;

export const comparatorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("protocol"), protocolId: z.string().min(1) }),
  z.object({ kind: z.literal("usual-care") }),
]);

/** Everything pre-registration freezes. */
export const experimentPlan = z.object({
  title: z.string().trim().min(3).max(200),
  hypothesis: z.string().trim().min(10).max(2000),
  rationale: z.string().trim().max(4000).default(""),
  eligibility: eligibilitySchema,
  interventionProtocolId: z.string().min(1),
  comparator: comparatorSchema,
  design: z.enum(DESIGNS),
  allocation: z.enum(ALLOCATIONS).default("therapist"),
  primaryOutcome: measureOutcome,
  secondaryOutcomes: z.array(secondaryOutcome).max(10).default([]),
  plannedClients: z.number().int().min(1).max(1000),
});
export type ExperimentPlan = z.output<typeof experimentPlan>;
export type ExperimentPlanInput = z.input<typeof experimentPlan>;

/** Fields an amendment may change after the experiment has started. */
export const AMENDABLE_FIELDS = [
  "title",
  "hypothesis",
  "rationale",
  "eligibility",
  "primaryOutcome",
  "secondaryOutcomes",
  "plannedClients",
] as const;
export type AmendableField = (typeof AMENDABLE_FIELDS)[number];

export const amendmentRequest = z.object({
  field: z.enum(AMENDABLE_FIELDS),
  value: z.unknown(),
  reason: z.string().trim().min(5).max(2000),
});

export const enrolRequest = z.object({
  clientId: z.string().min(1),
  /** Only for two-protocol designs with the therapist's choice of allocation. */
  arm: z.enum(["intervention", "comparator"]).optional(),
  /** Observations from this date count (YYYY-MM-DD); default: the day the experiment started. */
  dataFrom: z.iso.date().optional(),
});

/** How many enrolments GET /api/experiments/:id embeds. */
export const ENROLMENTS_EMBEDDED = 50;

export const enrolmentsQuery = z.strictObject({ limit: pageLimit, cursor: cursorParam.optional() });
export type EnrolmentsQuery = z.output<typeof enrolmentsQuery>;

/** Which of the practice's active clients an eligibility page lists. */
export const ELIGIBILITY_SHOWS = ["eligible", "ineligible", "all"] as const;
export type EligibilityShow = (typeof ELIGIBILITY_SHOWS)[number];

/**
 * One page of the eligibility list: `eligible` (the default) and `ineligible` are the clients not
 * yet enrolled; `all` is every active client, enrolled ones too, eligible first. `q` keeps the
 * clients whose name holds it (any case).
 */
export const eligibilityQuery = z.strictObject({
  show: z.enum(ELIGIBILITY_SHOWS, { message: `must be one of ${ELIGIBILITY_SHOWS.join(", ")}` }).default("eligible"),
  q: z.string().trim().max(100, "must be at most 100 characters").default(""),
  limit: pageLimit,
  cursor: cursorParam.optional(),
});
export type EligibilityQuery = z.output<typeof eligibilityQuery>;

export interface EligibilityPage {
  /** Eligible first, then by name and id. */
  clients: EligibilityView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** How many clients the list holds for this `show` and `q`, over all its pages. */
  matching: number;
  /** The practice's active clients not yet enrolled, eligible and not (whatever `show` and `q` are). */
  counts: { eligible: number; ineligible: number };
}

export interface EnrolmentPage {
  /** In enrolment order (position, then id). */
  items: EnrolmentView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export const withdrawRequest = z.object({ reason: z.string().trim().min(3).max(1000) });

export type ExperimentStatus = "draft" | "running" | "finished";
export type Arm = "intervention" | "comparator";

export interface CriterionCheck {
  criterion: string;
  met: boolean;
  /** What the record shows, in a sentence. */
  evidence: string;
}

export interface EligibilityView {
  clientId: string;
  clientName: string;
  eligible: boolean;
  checks: CriterionCheck[];
  enrolled: boolean;
}

export interface AmendmentView {
  number: number;
  at: string;
  byName: string;
  field: AmendableField;
  before: unknown;
  after: unknown;
  reason: string;
  planSha256: string;
}

export interface EnrolmentView {
  clientId: string;
  clientName: string;
  position: number;
  arm: Arm;
  allocationNote: string;
  dataFrom: string;
  enrolledAt: string;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
  /** Observations recorded before the experiment was registered count for this client. */
  retrospective: boolean;
}

export interface ExperimentSummaryView {
  id: string;
  title: string;
  design: Design;
  status: ExperimentStatus;
  enrolled: number;
  plannedClients: number;
  registeredAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
}

export interface ExperimentView {
  id: string;
  status: ExperimentStatus;
  plan: ExperimentPlan;
  /** Names for the plan's ids and codes, for display. */
  labels: {
    interventionProtocol: string;
    comparator: string;
    primaryOutcome: string;
    primaryOutcomeMcid: number | null;
    primaryOutcomeHigherIsBetter: boolean;
    secondaryOutcomes: string[];
  };
  allocationSeed: string | null;
  /** `sha256` covers the whole frozen record; `planSha256` the registered plan alone. */
  registration: { at: string; byName: string; sha256: string; planSha256: string; record: string } | null;
  /** SHA-256 of the plan as it stands now: equal to `registration.planSha256` until an amendment. */
  currentSha256: string;
  amendments: AmendmentView[];
  /**
   * The first page of enrolments only (at most ENROLMENTS_EMBEDDED); the rest come from
   * GET /api/experiments/:id/enrolments, starting at `enrolmentsNextCursor`.
   */
  enrolments: EnrolmentView[];
  /** Every enrolment, withdrawn ones included. */
  enrolmentCount: number;
  /** Enrolments not withdrawn. */
  activeEnrolmentCount: number;
  /** Pass as `cursor` to the enrolments list for the page after `enrolments`; null when it holds them all. */
  enrolmentsNextCursor: string | null;
  finishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The version a plan edit must name; +1 with every change. */
  version: number;
  /** Who made the latest change. */
  updatedBy: { id: string; name: string } | null;
}

/** Response shapes built in other files of this module, named here so the web app imports types only from schema.ts. */
export type {
  CaseSeriesResult,
  ClientResult,
  ComparisonResult,
  ExperimentResults,
  SecondarySummary,
  SingleCaseMeanings,
} from "./analysis.js";
export type { SeriesPoint } from "./outcomes.js";
export type { SingleCaseResult } from "./stats/single-case.js";
