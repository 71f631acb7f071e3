import type { CannotScoreReason, MeasureItem, MissingItemRule, ResponseOption, ScoreResult } from "./types.js";

export function cannotScore(reason: CannotScoreReason, detail: string): ScoreResult {
  return { kind: "cannot-score", reason, detail };
}

/** Integer options min..max, labelled at the ends (and optionally elsewhere). */
export function integerOptions(min: number, max: number, labels: Readonly<Record<number, string>> = {}): ResponseOption[] {
  const options: ResponseOption[] = [];
  for (let value = min; value <= max; value++) {
    options.push({ value, label: labels[value] ?? String(value) });
  }
  return options;
}

/** Returns a reason when `value` is not an integer in [min, max]. */
export function checkIntegerInRange(value: number, min: number, max: number, where: string): ScoreResult | null {
  if (!Number.isInteger(value)) return cannotScore("not-an-integer", `${where}: ${value} is not a whole number`);
  if (value < min || value > max) return cannotScore("out-of-range", `${where}: ${value} is outside ${min}..${max}`);
  return null;
}

/**
 * Sums item answers, applying the instrument's missing-item rule: up to `rule.maxMissing` unanswered
 * items, each replaced (if the rule says so) by the mean of the answered items. The result is not
 * rounded, so a prorated score keeps its precision.
 */
export function sumWithMissingItemRule(
  answers: readonly (number | null)[],
  items: readonly MeasureItem[],
  rule: MissingItemRule,
): ScoreResult {
  if (answers.length !== items.length) {
    return cannotScore("wrong-item-count", `expected ${items.length} answers, got ${answers.length}`);
  }
  let sum = 0;
  let answered = 0;
  for (const [index, item] of items.entries()) {
    const value = answers[index];
    if (value === null || value === undefined) continue;
    const values = item.options.map((option) => option.value);
    const problem = checkIntegerInRange(value, Math.min(...values), Math.max(...values), `item ${item.number}`);
    if (problem) return problem;
    sum += value;
    answered++;
  }
  const missing = items.length - answered;
  if (missing > rule.maxMissing) {
    return cannotScore("too-many-missing", `${missing} of ${items.length} items unanswered; the rule allows at most ${rule.maxMissing}`);
  }
  if (missing === 0) return { kind: "scored", score: sum, answeredItems: answered, imputedItems: 0 };
  if (rule.imputation === "none" || answered === 0) {
    return cannotScore("missing-answer", `${missing} item(s) unanswered and the rule does not impute them`);
  }
  const mean = sum / answered;
  return { kind: "scored", score: sum + mean * missing, answeredItems: answered, imputedItems: missing };
}

/** Every item must be answered. */
export const ALL_ITEMS_REQUIRED_PRACTICE: MissingItemRule = {
  description: "Every item must be answered; no imputation.",
  maxMissing: 0,
  imputation: "none",
  origin: "practice-convention",
  verified: false,
  source: "Palpable practice convention: no missing-item rule was found for this instrument.",
};

/** Builds a single-item 0..10 numeric rating scale scorer. */
export function scoreSingleItem(answers: readonly (number | null)[], min: number, max: number): ScoreResult {
  if (answers.length !== 1) return cannotScore("wrong-item-count", `expected 1 answer, got ${answers.length}`);
  const value = answers[0];
  if (value === null || value === undefined) return cannotScore("missing-answer", "the single item was not answered");
  const problem = checkIntegerInRange(value, min, max, "item 1");
  if (problem) return problem;
  return { kind: "scored", score: value, answeredItems: 1, imputedItems: 0 };
}
