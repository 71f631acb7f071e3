import { measureByCode, type Measure } from "./measures/index.js";

/** Form values by field name, as the link page posts them. */
export type FormValues = Readonly<Record<string, string>>;

export type StoredAnswer =
  | { kind: "item-scale"; version: string; items: (number | null)[]; score: number | null }
  | { kind: "categorical"; version: string; category: string; text: string | null }
  | { kind: "free-text"; version: string; text: string };

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
      return [];
  }
}

/**
 * Checks a posted form against the questionnaire with the measures library. Only the fields of
 * this check-in's measures are read; anything else in the form is ignored.
 */
export function validateAnswers(measureCodes: readonly string[], form: FormValues): ValidatedAnswers {
  const answers: Record<string, StoredAnswer> = {};
  const errors: Record<string, string> = {};
  for (const code of measureCodes) {
    const measure = measureByCode(code);
    if (!measure) continue;
    const result = validateMeasure(measure, form);
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
      return { answer: null };
  }
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
