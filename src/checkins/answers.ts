import { LIBRARY_CATALOGUE, type Measure, type MeasureCatalogue, type PatientSpecificMeasure } from "../shared/measures/index.js";
import {
  questionnaireField,
  questionnaireFormValues,
  validateQuestionnaire,
  type StoredQuestionnaireAnswer,
} from "./questionnaire-answers.js";

/** Form values by field name, as the link page posts them. */
export type FormValues = Readonly<Record<string, string>>;

export type StoredAnswer =
  | { kind: "item-scale"; version: string; items: (number | null)[]; score: number | null }
  | { kind: "categorical"; version: string; category: string; text: string | null }
  | { kind: "free-text"; version: string; text: string }
  | { kind: "patient-specific"; version: string; activities: { activity: string; rating: number }[]; score: number }
  | StoredQuestionnaireAnswer;

/** A link page asks for at most this many PSFS activities (the form allows more; a phone page stays short). */
export const LINK_PAGE_MAX_ACTIVITIES = 3;
export const ACTIVITY_NAME_MAX_LENGTH = 80;

/**
 * What a questionnaire depends on beyond its measures: the activities the client named in an
 * earlier check-in, which later check-ins show as fixed labels and only ask to rate.
 */
export interface AnswerContext {
  readonly fixedActivities: Readonly<Record<string, readonly string[]>>;
}
export const NO_CONTEXT: AnswerContext = { fixedActivities: {} };

export type ValidatedAnswers = { ok: true; answers: Record<string, StoredAnswer> } | { ok: false; errors: Record<string, string> };

/** Form field names of one measure's questions (the page uses the same names). */
export function fieldNames(measure: Measure): string[] {
  switch (measure.kind) {
    case "item-scale":
      return measure.items.map((item) => item.id);
    case "categorical":
      return [`${measure.code}.category`, `${measure.code}.text`];
    case "free-text":
      return [`${measure.code}.text`];
    case "patient-specific":
      return Array.from({ length: LINK_PAGE_MAX_ACTIVITIES }, (_, index) => [
        activityField(measure.code, index),
        ratingField(measure.code, index),
      ]).flat();
    case "questionnaire":
      return measure.definition.items.map((item) => questionnaireField(measure, item));
  }
}

/**
 * The form values that show stored answers again (the inverse of `validateAnswers`): reopening an
 * answered link shows what the client sent, to correct it. Answers of measures no longer on the
 * check-in, or of another kind than the measure now has, are left out.
 */
export function formValuesOf(
  measureCodes: readonly string[],
  answers: Readonly<Record<string, unknown>>,
  catalogue: MeasureCatalogue = LIBRARY_CATALOGUE,
): FormValues {
  const values: Record<string, string> = {};
  for (const code of measureCodes) {
    const measure = catalogue.byCode(code);
    const answer = answers[code] as StoredAnswer | undefined;
    if (!measure || !answer || answer.kind !== measure.kind) continue;
    switch (answer.kind) {
      case "item-scale":
        if (measure.kind !== "item-scale") break;
        for (const [index, item] of measure.items.entries()) {
          const value = answer.items[index];
          if (value !== null && value !== undefined) values[item.id] = String(value);
        }
        break;
      case "categorical":
        values[`${code}.category`] = answer.category;
        if (answer.text !== null) values[`${code}.text`] = answer.text;
        break;
      case "free-text":
        values[`${code}.text`] = answer.text;
        break;
      case "patient-specific":
        for (const [index, row] of answer.activities.entries()) {
          values[activityField(code, index)] = row.activity;
          values[ratingField(code, index)] = String(row.rating);
        }
        break;
      case "questionnaire":
        if (measure.kind === "questionnaire") questionnaireFormValues(measure, answer, values);
        break;
    }
  }
  return values;
}

export function activityField(code: string, index: number): string {
  return `${code}.activity.${index + 1}`;
}

export function ratingField(code: string, index: number): string {
  return `${code}.rating.${index + 1}`;
}

/** The activities named in a stored PSFS answer, in order. */
export function activitiesOf(answer: unknown): string[] {
  if (typeof answer !== "object" || answer === null || !("kind" in answer) || answer.kind !== "patient-specific") return [];
  const activities = (answer as { activities?: unknown }).activities;
  if (!Array.isArray(activities)) return [];
  return activities.flatMap((a: unknown) =>
    typeof a === "object" && a !== null && "activity" in a && typeof a.activity === "string" ? [a.activity] : [],
  );
}

/**
 * Checks a posted form against the questionnaire with the measures library. Only the fields of
 * this check-in's measures are read; anything else in the form is ignored.
 */
export function validateAnswers(
  measureCodes: readonly string[],
  form: FormValues,
  context: AnswerContext = NO_CONTEXT,
  catalogue: MeasureCatalogue = LIBRARY_CATALOGUE,
): ValidatedAnswers {
  const answers: Record<string, StoredAnswer> = {};
  const errors: Record<string, string> = {};
  for (const code of measureCodes) {
    const measure = catalogue.byCode(code);
    if (!measure) continue;
    const result =
      measure.kind === "patient-specific"
        ? validatePatientSpecific(measure, form, context.fixedActivities[code] ?? [])
        : validateMeasure(measure, form);
    if ("error" in result) errors[result.field] = result.error;
    else if (result.answer) answers[code] = result.answer;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, answers };
}

type MeasureResult = { answer: StoredAnswer | null } | { field: string; error: string };

function validateMeasure(measure: Measure, form: FormValues): MeasureResult {
  switch (measure.kind) {
    case "item-scale": {
      const values: (number | null)[] = measure.items.map((item) => parseInteger(form[item.id]));
      for (const [index, item] of measure.items.entries()) {
        const raw = form[item.id]?.trim() ?? "";
        const value = values[index];
        if (raw !== "" && (value === null || value === undefined || !item.options.some((o) => o.value === value))) {
          return { field: item.id, error: `Choose one of the answers from ${describeRange(item.options)}` };
        }
      }
      const result = measure.score(values);
      if (result.kind === "scored") return { answer: { kind: "item-scale", version: measure.version, items: values, score: result.score } };
      const firstMissing = measure.items.find((_, index) => values[index] === null);
      return { field: firstMissing?.id ?? measure.items[0]?.id ?? measure.code, error: "Please answer this question" };
    }
    case "categorical": {
      const category = blankToNull(form[`${measure.code}.category`]);
      const text = blankToNull(form[`${measure.code}.text`]);
      const result = measure.classify({ category, text });
      if (result.kind === "classified") {
        return { answer: { kind: "categorical", version: measure.version, category: result.category, text: result.text } };
      }
      const field = result.reason === "text-too-long" ? `${measure.code}.text` : `${measure.code}.category`;
      return { field, error: result.reason === "missing-answer" ? "Please choose one" : capitalise(result.detail) };
    }
    case "free-text": {
      const text = blankToNull(form[`${measure.code}.text`]);
      if (text === null) return { answer: null };
      const result = measure.accept(text);
      if (result.kind === "text") return { answer: { kind: "free-text", version: measure.version, text: result.text } };
      return { field: `${measure.code}.text`, error: capitalise(result.detail) };
    }
    case "patient-specific":
      return validatePatientSpecific(measure, form, []);
    case "questionnaire":
      return validateQuestionnaire(measure, form);
  }
}

/**
 * PSFS on a link page. The first time, the client names up to three activities and rates each
 * 0-10; once they have named them, later check-ins show those names as fixed labels and read only
 * the ratings (names posted with them are ignored). Scored by the library: the mean of the ratings.
 */
export function validatePatientSpecific(measure: PatientSpecificMeasure, form: FormValues, fixed: readonly string[]): MeasureResult {
  const code = measure.code;
  const rows: { activity: string; rating: number }[] = [];
  const slots = fixed.length > 0 ? fixed.length : LINK_PAGE_MAX_ACTIVITIES;
  for (let index = 0; index < slots; index += 1) {
    const name = fixed.length > 0 ? (fixed[index] ?? null) : blankToNull(form[activityField(code, index)]);
    const raw = form[ratingField(code, index)]?.trim() ?? "";
    const rating = parseInteger(raw);
    if (name === null) {
      if (raw !== "") return { field: activityField(code, index), error: "Please name the activity you rated" };
      continue;
    }
    if (name.length > ACTIVITY_NAME_MAX_LENGTH) {
      return { field: activityField(code, index), error: `Please keep the activity to ${ACTIVITY_NAME_MAX_LENGTH} characters` };
    }
    if (rating === null) return { field: ratingField(code, index), error: "Please rate this activity" };
    if (!measure.ratingOptions.some((o) => o.value === rating)) {
      return {
        field: ratingField(code, index),
        error: `Choose one of the answers from ${describeRange(measure.ratingOptions.map((o) => ({ value: Number(o.value) })))}`,
      };
    }
    rows.push({ activity: name, rating });
  }
  if (rows.length === 0) return { field: activityField(code, 0), error: "Please name at least one activity and rate it" };
  const result = measure.score(rows);
  if (result.kind !== "scored") return { field: activityField(code, 0), error: "Please check the activities and ratings" };
  return { answer: { kind: "patient-specific", version: measure.version, activities: rows, score: result.score } };
}

function parseInteger(raw: string | undefined): number | null {
  const trimmed = raw?.trim() ?? "";
  if (trimmed === "") return null;
  if (!/^-?\d{1,4}$/.test(trimmed)) return Number.NaN;
  return Number(trimmed);
}

function blankToNull(raw: string | undefined): string | null {
  const trimmed = raw?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
}

function describeRange(options: readonly { value: number }[]): string {
  const values = options.map((o) => o.value);
  return `${Math.min(...values)} to ${Math.max(...values)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
