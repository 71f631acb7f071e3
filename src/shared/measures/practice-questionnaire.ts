import { cannotScore } from "./scoring.js";
import type { ChangeThreshold, Measure, MeasureBase, ScoreResult } from "./types.js";

/**
 * A practice's own questionnaire: its items, how it is scored and its change threshold, as the
 * practice wrote them. Pure: the definition is data (stored as JSON per version), and the scoring
 * below is the only place a practice questionnaire's score is computed.
 */

export type QuestionnaireItem =
  | {
      readonly key: string;
      readonly type: "scale";
      readonly text: string;
      readonly lowAnchor: string;
      readonly highAnchor: string;
      readonly reverse: boolean;
    }
  | {
      readonly key: string;
      readonly type: "choice";
      readonly text: string;
      readonly options: readonly { readonly label: string; readonly score: number }[];
      readonly reverse: boolean;
    }
  | { readonly key: string; readonly type: "yes-no"; readonly text: string; readonly reverse: boolean }
  | {
      readonly key: string;
      readonly type: "number";
      readonly text: string;
      readonly unit: string;
      readonly min: number;
      readonly max: number;
      /** Whether the number counts towards the score. */
      readonly scored: boolean;
      readonly reverse: boolean;
    }
  | { readonly key: string; readonly type: "text"; readonly text: string; readonly maxLength: number };

export type ScoringMethod = "sum" | "mean" | "none";

export interface QuestionnaireScoring {
  readonly method: ScoringMethod;
  /** A score is given when at least this many scored items are answered. */
  readonly minAnswered: number;
  /** Sum only: a sum with items missing is scaled up to all scored items (sum × scored / answered). */
  readonly prorate: boolean;
  readonly higherIsBetter: boolean;
}

export interface QuestionnaireDefinition {
  readonly title: string;
  readonly instructions: string | null;
  readonly items: readonly QuestionnaireItem[];
  readonly scoring: QuestionnaireScoring;
  /** Points of change the practice counts as important, and where that figure comes from. */
  readonly mcid: { readonly points: number; readonly source: string } | null;
}

/**
 * One item's answer: the 0–10 value of a scale, the index of a chosen option, 1/0 for yes/no, the
 * number entered, or the text written; null when not answered.
 */
export type QuestionnaireAnswer = number | string | null;

export interface QuestionnaireMeasure extends MeasureBase {
  readonly kind: "questionnaire";
  readonly questionnaireId: string;
  readonly higherIsBetter: boolean;
  /** The score's possible range; null when the questionnaire is not scored. */
  readonly range: { readonly min: number; readonly max: number } | null;
  readonly definition: QuestionnaireDefinition;
  score(answers: readonly QuestionnaireAnswer[]): ScoreResult | { readonly kind: "not-scored" };
}

export const SCALE_MIN = 0;
export const SCALE_MAX = 10;

/** Whether an item takes part in the score (free text never does; a number only when marked). */
export function isScoredItem(item: QuestionnaireItem): boolean {
  if (item.type === "text") return false;
  if (item.type === "number") return item.scored;
  return true;
}

/** Lowest and highest points an item can give, before reversing. */
export function itemRange(item: QuestionnaireItem): { min: number; max: number } | null {
  switch (item.type) {
    case "scale":
      return { min: SCALE_MIN, max: SCALE_MAX };
    case "choice": {
      const scores = item.options.map((o) => o.score);
      return { min: Math.min(...scores), max: Math.max(...scores) };
    }
    case "yes-no":
      return { min: 0, max: 1 };
    case "number":
      return { min: item.min, max: item.max };
    case "text":
      return null;
  }
}

/**
 * Whether an answer is one the item accepts; returns the problem in words otherwise. Whole numbers
 * for scales, choices and yes/no; any number within the range for a number item.
 */
export function checkItemAnswer(item: QuestionnaireItem, answer: QuestionnaireAnswer): string | null {
  if (answer === null) return null;
  switch (item.type) {
    case "scale":
      return typeof answer === "number" && Number.isInteger(answer) && answer >= SCALE_MIN && answer <= SCALE_MAX
        ? null
        : `Choose one of the answers from ${SCALE_MIN} to ${SCALE_MAX}`;
    case "choice":
      return typeof answer === "number" && Number.isInteger(answer) && answer >= 0 && answer < item.options.length
        ? null
        : "Choose one of the answers";
    case "yes-no":
      return answer === 0 || answer === 1 ? null : "Choose yes or no";
    case "number":
      return typeof answer === "number" && Number.isFinite(answer) && answer >= item.min && answer <= item.max
        ? null
        : `Enter a number from ${item.min} to ${item.max}${item.unit ? ` ${item.unit}` : ""}`;
    case "text":
      return typeof answer === "string" && answer.length <= item.maxLength ? null : `Please keep this to ${item.maxLength} characters`;
  }
}

/** The points an answered item gives, reversed (min + max − points) when the item is reverse-scored. */
export function itemPoints(item: QuestionnaireItem, answer: number): number {
  const range = itemRange(item);
  if (range === null) return 0;
  const points = item.type === "choice" ? (item.options[answer]?.score ?? Number.NaN) : answer;
  return "reverse" in item && item.reverse ? range.min + range.max - points : points;
}

/** The range of the questionnaire's score; null when it is not scored. */
export function scoreRange(definition: QuestionnaireDefinition): { min: number; max: number } | null {
  if (definition.scoring.method === "none") return null;
  const ranges = definition.items.filter(isScoredItem).flatMap((item) => {
    const range = itemRange(item);
    return range ? [range] : [];
  });
  if (ranges.length === 0) return null;
  const min = ranges.reduce((total, r) => total + r.min, 0);
  const max = ranges.reduce((total, r) => total + r.max, 0);
  return definition.scoring.method === "sum" ? { min, max } : { min: min / ranges.length, max: max / ranges.length };
}

/**
 * Scores one set of answers. Free-text items and unscored numbers are left out. With fewer scored
 * items answered than `minAnswered` there is no score. A sum with items missing is the sum of the
 * answered items, or, when prorated, that sum × (scored items ÷ answered items); a mean is the
 * mean of the answered items. Results are not rounded.
 */
export function scoreQuestionnaire(
  definition: QuestionnaireDefinition,
  answers: readonly QuestionnaireAnswer[],
): ScoreResult | { readonly kind: "not-scored" } {
  const { items, scoring } = definition;
  if (answers.length !== items.length) return cannotScore("wrong-item-count", `expected ${items.length} answers, got ${answers.length}`);
  for (const [index, item] of items.entries()) {
    const problem = checkItemAnswer(item, answers[index] ?? null);
    if (problem) return cannotScore("out-of-range", `item ${index + 1}: ${problem}`);
  }
  if (scoring.method === "none") return { kind: "not-scored" };
  let total = 0;
  let answered = 0;
  let scored = 0;
  for (const [index, item] of items.entries()) {
    if (!isScoredItem(item)) continue;
    scored += 1;
    const answer = answers[index];
    if (typeof answer !== "number") continue;
    total += itemPoints(item, answer);
    answered += 1;
  }
  if (scored === 0) return { kind: "not-scored" };
  if (answered < Math.max(1, scoring.minAnswered)) {
    return cannotScore("too-many-missing", `${answered} of ${scored} scored items answered; a score needs at least ${scoring.minAnswered}`);
  }
  const missing = scored - answered;
  const score = scoring.method === "mean" ? total / answered : scoring.prorate && missing > 0 ? (total * scored) / answered : total;
  return { kind: "scored", score, answeredItems: answered, imputedItems: scoring.method === "sum" && scoring.prorate ? missing : 0 };
}

/** The stable measure code of a practice questionnaire (the same for all its versions). */
export function questionnaireCode(questionnaireId: string): string {
  return `pq-${questionnaireId}`;
}

export function isQuestionnaireCode(code: string): boolean {
  return /^pq-[A-Za-z0-9_-]{1,64}$/.test(code);
}

/** A practice questionnaire version as a measure, so plans, pages, charts and exports treat it like the library's. */
export function questionnaireMeasure(questionnaireId: string, version: number, definition: QuestionnaireDefinition): QuestionnaireMeasure {
  const mcid: ChangeThreshold | null = definition.mcid
    ? {
        statistic: "MCID",
        points: definition.mcid.points,
        percent: null,
        verified: false,
        citation: { text: definition.mcid.source, url: null },
        note: "Entered by the practice with its source.",
      }
    : null;
  return {
    kind: "questionnaire",
    questionnaireId,
    code: questionnaireCode(questionnaireId),
    version: String(version),
    name: definition.title,
    shortName: definition.title,
    origin: "practice-defined",
    wordingVerified: true,
    wordingSource: "Written by the practice.",
    instructions: definition.instructions,
    citations: [],
    mcid,
    mic: null,
    loinc: null,
    loincNote: "A practice's own questionnaire has no LOINC code.",
    missingItemRule: {
      description: `A score needs at least ${definition.scoring.minAnswered} answered scored item(s)${definition.scoring.method === "sum" && definition.scoring.prorate ? "; missing items are prorated" : ""}.`,
      maxMissing: Math.max(0, definition.items.filter(isScoredItem).length - definition.scoring.minAnswered),
      imputation: definition.scoring.method === "sum" && definition.scoring.prorate ? "mean-of-answered-items" : "none",
      origin: "practice-convention",
      verified: false,
      source: "Set by the practice in its questionnaire.",
    },
    higherIsBetter: definition.scoring.higherIsBetter,
    range: scoreRange(definition),
    definition,
    score: (answers) => scoreQuestionnaire(definition, answers),
  };
}

export function isQuestionnaireMeasure(measure: Measure): measure is QuestionnaireMeasure {
  return measure.kind === "questionnaire";
}
