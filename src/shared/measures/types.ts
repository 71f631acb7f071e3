import type { QuestionnaireMeasure } from "./practice-questionnaire.js";

/**
 * Shared shapes for the outcome-measures library. Everything here is pure data: no I/O.
 * A measure carries its client-facing wording, its scoring rule, its change thresholds and the
 * sources for each, so a stored score can always be traced back to the instrument version that made it.
 */

/** One response option exactly as the client sees it. */
export interface ResponseOption<V extends number | string = number> {
  readonly value: V;
  readonly label: string;
}

export interface MeasureItem<V extends number | string = number> {
  /** Stable id within the measure, e.g. `lefs.1`. */
  readonly id: string;
  readonly number: number;
  /** Client-facing text. When `placeholder` is true this is NOT the instrument's wording. */
  readonly text: string;
  readonly placeholder: boolean;
  /** Internal description of what the item asks about (never shown to clients). */
  readonly topic?: string;
  readonly options: readonly ResponseOption<V>[];
}

export interface Citation {
  /** Full reference in Vancouver style. */
  readonly text: string;
  readonly url: string | null;
}

/**
 * A change threshold used to call a change "important". `statistic` says what the number is in the
 * source (an MCID, an MIC, a minimal detectable change, or only a practice convention).
 */
export interface ChangeThreshold {
  readonly statistic: "MCID" | "MIC" | "MDC90" | "practice-convention";
  /** Absolute change in score points, or null when the threshold is only a percentage. */
  readonly points: number | null;
  /** Relative change in percent of the baseline score, when the source gives one. */
  readonly percent: number | null;
  /** True when the value was checked against a source during development of this library. */
  readonly verified: boolean;
  readonly citation: Citation | null;
  readonly note: string;
}

export interface LoincRef {
  readonly code: string;
  readonly display: string;
  /** Where the code was checked (a page that uses or defines it). */
  readonly source: string;
}

export interface MissingItemRule {
  readonly description: string;
  /** Largest number of unanswered items that still allows a score. */
  readonly maxMissing: number;
  readonly imputation: "none" | "mean-of-answered-items";
  /** Whether the rule comes from the instrument's own documentation, and if that was verified. */
  readonly origin: "instrument" | "practice-convention";
  readonly verified: boolean;
  readonly source: string;
}

export type CannotScoreReason =
  | "missing-answer"
  | "too-many-missing"
  | "out-of-range"
  | "not-an-integer"
  | "wrong-item-count"
  | "unknown-option"
  | "empty-text"
  | "text-too-long";

export type ScoreResult =
  | {
      readonly kind: "scored";
      readonly score: number;
      readonly answeredItems: number;
      /** Items replaced by the instrument's missing-item rule. */
      readonly imputedItems: number;
    }
  | { readonly kind: "cannot-score"; readonly reason: CannotScoreReason; readonly detail: string };

export interface MeasureBase {
  readonly code: string;
  /** Version of this encoding of the instrument; bump on any change to wording or scoring. */
  readonly version: string;
  readonly name: string;
  readonly shortName: string;
  readonly origin: "published" | "practice-defined";
  /** False when any client-facing text is a placeholder awaiting the licensed/published wording. */
  readonly wordingVerified: boolean;
  readonly wordingSource: string;
  /** True when a practice entered the client-facing wording from its own copy of the instrument. */
  readonly wordingEnteredByPractice?: boolean;
  readonly instructions: string | null;
  readonly citations: readonly Citation[];
  readonly mcid: ChangeThreshold | null;
  readonly mic: ChangeThreshold | null;
  readonly loinc: LoincRef | null;
  readonly loincNote: string;
  readonly missingItemRule: MissingItemRule;
}

/** Fixed items, each answered with an integer; the score is computed from the item answers. */
export interface ItemScaleMeasure extends MeasureBase {
  readonly kind: "item-scale";
  readonly higherIsBetter: boolean;
  readonly range: { readonly min: number; readonly max: number };
  readonly items: readonly MeasureItem[];
  score(answers: readonly (number | null)[]): ScoreResult;
  /**
   * The session field that records this measure before and after treatment on the same scale
   * (so a session's own ratings count as outcome points); absent when sessions do not record it.
   */
  readonly sessionField?: "pain" | "tightness";
  /** A rating of change itself (GROC): the value at a time point is the change, with no baseline. */
  readonly transition?: true;
}

export interface PatientSpecificActivity {
  readonly activity: string;
  readonly rating: number | null;
}

/** Client names their own activities (PSFS). */
export interface PatientSpecificMeasure extends MeasureBase {
  readonly kind: "patient-specific";
  readonly higherIsBetter: true;
  readonly range: { readonly min: number; readonly max: number };
  readonly minActivities: number;
  readonly maxActivities: number;
  readonly ratingOptions: readonly ResponseOption[];
  readonly followUpInstructions: string;
  score(activities: readonly PatientSpecificActivity[]): ScoreResult;
}

export type CategoricalResult<C extends string> =
  | { readonly kind: "classified"; readonly category: C; readonly text: string | null }
  | { readonly kind: "cannot-score"; readonly reason: CannotScoreReason; readonly detail: string };

/** A category plus optional free text; not summed into a score. */
export interface CategoricalMeasure extends MeasureBase {
  readonly kind: "categorical";
  readonly question: string;
  readonly options: readonly ResponseOption<string>[];
  readonly textPrompt: string;
  classify(answer: { readonly category: string | null; readonly text?: string | null }): CategoricalResult<string>;
}

export type FreeTextResult =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "cannot-score"; readonly reason: CannotScoreReason; readonly detail: string };

export interface FreeTextMeasure extends MeasureBase {
  readonly kind: "free-text";
  readonly prompt: string;
  readonly maxLength: number;
  accept(text: string | null): FreeTextResult;
}

export type Measure = ItemScaleMeasure | PatientSpecificMeasure | CategoricalMeasure | FreeTextMeasure | QuestionnaireMeasure;

/** Measures whose score is a number on a fixed range (so change thresholds apply). */
export type ScoredMeasure = ItemScaleMeasure | PatientSpecificMeasure | QuestionnaireMeasure;
