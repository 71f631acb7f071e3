import { CITATIONS } from "./citations.js";
import type { FreeTextMeasure, FreeTextResult } from "./types.js";

export const FREE_TEXT_MAX_LENGTH = 2000;

function acceptFreeText(text: string | null): FreeTextResult {
  const trimmed = text?.trim() ?? "";
  if (trimmed === "") return { kind: "cannot-score", reason: "empty-text", detail: "no text entered" };
  if (trimmed.length > FREE_TEXT_MAX_LENGTH) {
    return { kind: "cannot-score", reason: "text-too-long", detail: `text is ${trimmed.length} characters; limit ${FREE_TEXT_MAX_LENGTH}` };
  }
  return { kind: "text", text: trimmed };
}

/** An open comment from the client; stored, never scored. */
export const FREE_TEXT: FreeTextMeasure = {
  kind: "free-text",
  code: "free-text",
  version: "1.0.0",
  name: "Free-text comment",
  shortName: "Comment",
  origin: "practice-defined",
  wordingVerified: true,
  wordingSource: "Practice-defined wording (Palpable v1); owned by the practice, not a published instrument.",
  instructions: null,
  prompt: "Is there anything else you would like your therapist to know?",
  maxLength: FREE_TEXT_MAX_LENGTH,
  accept: acceptFreeText,
  citations: [CITATIONS.practiceDefined],
  mcid: null,
  mic: null,
  loinc: null,
  loincNote: "No LOINC code: free text.",
  missingItemRule: {
    description: "Optional; an empty answer is simply not recorded.",
    maxMissing: 1,
    imputation: "none",
    origin: "practice-convention",
    verified: true,
    source: "Practice-defined item.",
  },
};
