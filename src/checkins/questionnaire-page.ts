import { escapeHtml } from "../shared/html.js";
import type { FormValues } from "./answers.js";
import { SCALE_MAX, SCALE_MIN, type QuestionnaireItem, type QuestionnaireMeasure } from "../shared/measures/index.js";
import { integerOptions } from "../shared/measures/scoring.js";
import { errorMarkup, fieldId, radioFieldset, textArea } from "./pages.js";
import { questionnaireField } from "./questionnaire-answers.js";

/**
 * A practice questionnaire on the link page: plain form fields in the practice's order, no script.
 * A 0–10 item is the same compact row of 11 tap targets as the library's scales.
 */
export function questionnaireSection(measure: QuestionnaireMeasure, values: FormValues, errors: Readonly<Record<string, string>>): string {
  const instructions = measure.instructions ? `<p class="hint">${escapeHtml(measure.instructions)}</p>` : "";
  const items = measure.definition.items.map((item) => itemMarkup(measure, item, values, errors)).join("\n");
  return `<section class="measure" aria-label="${escapeHtml(measure.name)}">
<h2>${escapeHtml(measure.name)}</h2>
${instructions}${items}
</section>`;
}

function itemMarkup(
  measure: QuestionnaireMeasure,
  item: QuestionnaireItem,
  values: FormValues,
  errors: Readonly<Record<string, string>>,
): string {
  const name = questionnaireField(measure, item);
  switch (item.type) {
    case "scale": {
      const labels: Record<number, string> = {};
      if (item.lowAnchor) labels[SCALE_MIN] = item.lowAnchor;
      if (item.highAnchor) labels[SCALE_MAX] = item.highAnchor;
      return radioFieldset(name, item.text, integerOptions(SCALE_MIN, SCALE_MAX, labels), values[name], errors[name], true);
    }
    case "choice":
      return radioFieldset(
        name,
        item.text,
        item.options.map((option, index) => ({ value: `${index}`, label: option.label })),
        values[name],
        errors[name],
        false,
      );
    case "yes-no":
      return radioFieldset(
        name,
        item.text,
        [
          { value: "1", label: "Yes" },
          { value: "0", label: "No" },
        ],
        values[name],
        errors[name],
        false,
      );
    case "number": {
      const id = fieldId(name);
      const error = errors[name];
      const described = error ? ` aria-describedby="${fieldId(name, "-error")}" aria-invalid="true"` : "";
      const unit = item.unit ? ` (${escapeHtml(item.unit)})` : "";
      return `<div class="field${error ? " invalid" : ""}">
<label for="${id}">${escapeHtml(item.text)}${unit}</label>
${errorMarkup(name, error)}
<input type="text" inputmode="decimal" id="${id}" name="${escapeHtml(name)}" autocomplete="off" value="${escapeHtml(values[name] ?? "")}"${described}>
<p class="hint">From ${item.min} to ${item.max}${unit}</p>
</div>`;
    }
    case "text":
      return textArea(name, item.text, values[name], errors[name], item.maxLength);
  }
}
