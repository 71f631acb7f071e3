import { CITATIONS } from "./citations.js";
import type { CategoricalMeasure, CategoricalResult, ResponseOption } from "./types.js";

export const SENSATION_CATEGORIES = ["no-change", "looser", "different", "worse"] as const;
export type SensationCategory = (typeof SENSATION_CATEGORIES)[number];

const OPTIONS: readonly ResponseOption<SensationCategory>[] = [
  { value: "no-change", label: "No change" },
  { value: "looser", label: "Looser" },
  { value: "different", label: "Different" },
  { value: "worse", label: "Worse" },
];

export const SENSATION_TEXT_MAX_LENGTH = 1000;

function isSensationCategory(value: string): value is SensationCategory {
  return (SENSATION_CATEGORIES as readonly string[]).includes(value);
}

function classifySensation(answer: {
  readonly category: string | null;
  readonly text?: string | null;
}): CategoricalResult<SensationCategory> {
  if (answer.category === null) return { kind: "cannot-score", reason: "missing-answer", detail: "no category chosen" };
  if (!isSensationCategory(answer.category)) {
    return {
      kind: "cannot-score",
      reason: "unknown-option",
      detail: `'${answer.category}' is not one of ${SENSATION_CATEGORIES.join(", ")}`,
    };
  }
  const text = answer.text?.trim() ?? "";
  if (text.length > SENSATION_TEXT_MAX_LENGTH) {
    return {
      kind: "cannot-score",
      reason: "text-too-long",
      detail: `text is ${text.length} characters; limit ${SENSATION_TEXT_MAX_LENGTH}`,
    };
  }
  return { kind: "classified", category: answer.category, text: text === "" ? null : text };
}

/** How the treated area feels after treatment: a category plus optional free text (practice-defined). */
export const SENSATION_CHANGE: CategoricalMeasure = {
  kind: "categorical",
  code: "sensation-change",
  version: "1.0.0",
  name: "Sensation change after treatment",
  shortName: "Sensation change",
  origin: "practice-defined",
  wordingVerified: true,
  wordingSource: "Practice-defined wording (Palpable v1); owned by the practice, not a published instrument.",
  instructions: null,
  question: "Since your treatment, how does the area feel?",
  options: OPTIONS,
  textPrompt: "Anything you would like to describe in your own words? (optional)",
  classify: classifySensation,
  citations: [CITATIONS.practiceDefined],
  mcid: null,
  mic: null,
  loinc: null,
  loincNote: "No LOINC code: practice-defined categorical item.",
  missingItemRule: {
    description: "The category is required; the free text is optional.",
    maxMissing: 0,
    imputation: "none",
    origin: "practice-convention",
    verified: true,
    source: "Practice-defined item.",
  },
};
