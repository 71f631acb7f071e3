import {
  checkItemAnswer,
  isScoredItem,
  type QuestionnaireAnswer,
  type QuestionnaireItem,
  type QuestionnaireMeasure,
} from "../shared/measures/index.js";

/** A practice questionnaire's answer as stored: one value per item (see QuestionnaireAnswer) and the score. */
export interface StoredQuestionnaireAnswer {
  kind: "questionnaire";
  version: string;
  items: QuestionnaireAnswer[];
  score: number | null;
}

type Result = { answer: StoredQuestionnaireAnswer | null } | { field: string; error: string };

/** The form field of one item on the link page. */
export function questionnaireField(measure: QuestionnaireMeasure, item: QuestionnaireItem): string {
  return `${measure.code}.${item.key}`;
}

/** Reads one item's answer from the form; a value that is no answer of the item is kept as NaN so it fails the check. */
function readItem(item: QuestionnaireItem, raw: string | undefined): QuestionnaireAnswer {
  const trimmed = raw?.trim() ?? "";
  if (trimmed === "") return null;
  if (item.type === "text") return trimmed;
  if (item.type === "number") {
    const normalised = trimmed.replace(",", ".");
    return /^-?\d{1,9}(\.\d{1,6})?$/.test(normalised) ? Number(normalised) : Number.NaN;
  }
  return /^\d{1,3}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** Checks a posted form against one practice questionnaire and scores it with its own rules. */
export function validateQuestionnaire(measure: QuestionnaireMeasure, form: Readonly<Record<string, string>>): Result {
  const items = measure.definition.items;
  const values = items.map((item) => readItem(item, form[questionnaireField(measure, item)]));
  for (const [index, item] of items.entries()) {
    const problem = checkItemAnswer(item, values[index] ?? null);
    if (problem) return { field: questionnaireField(measure, item), error: problem };
  }
  if (values.every((value) => value === null)) {
    if (measure.definition.scoring.method === "none") return { answer: null };
  }
  const result = measure.score(values);
  if (result.kind === "scored") return { answer: { kind: "questionnaire", version: measure.version, items: values, score: result.score } };
  if (result.kind === "not-scored") return { answer: { kind: "questionnaire", version: measure.version, items: values, score: null } };
  const firstMissing = items.find((item, index) => isScoredItem(item) && values[index] === null) ?? items[0];
  return { field: firstMissing ? questionnaireField(measure, firstMissing) : measure.code, error: "Please answer this question" };
}

/** The form values that show a stored answer again; an answer given with another version is not shown. */
export function questionnaireFormValues(
  measure: QuestionnaireMeasure,
  answer: StoredQuestionnaireAnswer,
  values: Record<string, string>,
): void {
  if (answer.version !== measure.version) return;
  for (const [index, item] of measure.definition.items.entries()) {
    const value = answer.items[index];
    if (value !== null && value !== undefined) values[questionnaireField(measure, item)] = String(value);
  }
}
