import type { StoredQuestionnaireAnswer } from "../../checkins/questionnaire-answers.js";
import { SCALE_MAX, SCALE_MIN, type QuestionnaireMeasure } from "../../shared/measures/index.js";
import { SYSTEMS, type Loose } from "./common.js";

/** A practice questionnaire's items in FHIR R4 Questionnaire form, in the practice's order. */
export function practiceQuestionnaireItems(measure: QuestionnaireMeasure): Loose[] {
  return measure.definition.items.map((item, index) => {
    const base = { linkId: `${measure.code}.${item.key}`, prefix: String(index + 1), text: item.text };
    switch (item.type) {
      case "scale":
        return {
          ...base,
          type: "integer",
          extension: [
            { url: "http://hl7.org/fhir/StructureDefinition/minValue", valueInteger: SCALE_MIN },
            { url: "http://hl7.org/fhir/StructureDefinition/maxValue", valueInteger: SCALE_MAX },
          ],
        };
      case "choice":
        return {
          ...base,
          type: "choice",
          answerOption: item.options.map((option, optionIndex) => ({
            valueCoding: { system: answerSystem(measure.code, item.key), code: String(optionIndex), display: option.label },
            extension: [{ url: "http://hl7.org/fhir/StructureDefinition/ordinalValue", valueDecimal: option.score }],
          })),
        };
      case "yes-no":
        return { ...base, type: "boolean" };
      case "number":
        return {
          ...base,
          type: "decimal",
          extension: [
            { url: "http://hl7.org/fhir/StructureDefinition/minValue", valueDecimal: item.min },
            { url: "http://hl7.org/fhir/StructureDefinition/maxValue", valueDecimal: item.max },
            item.unit ? { url: "http://hl7.org/fhir/StructureDefinition/questionnaire-unit", valueCoding: { display: item.unit } } : null,
          ],
        };
      case "text":
        return { ...base, type: "text", maxLength: item.maxLength };
    }
  });
}

/** The items of one response, each with the value the client gave (none when unanswered). */
export function practiceResponseItems(measure: QuestionnaireMeasure, answer: StoredQuestionnaireAnswer): Loose[] {
  return measure.definition.items.map((item, index) => {
    const value = answer.items[index];
    const base = { linkId: `${measure.code}.${item.key}`, text: item.text };
    if (value === null || value === undefined) return { ...base, answer: null };
    switch (item.type) {
      case "scale":
        return { ...base, answer: [{ valueInteger: value }] };
      case "choice":
        return {
          ...base,
          answer: [
            {
              valueCoding: {
                system: answerSystem(measure.code, item.key),
                code: String(value),
                display: item.options[Number(value)]?.label,
              },
            },
          ],
        };
      case "yes-no":
        return { ...base, answer: [{ valueBoolean: value === 1 }] };
      case "number":
        return { ...base, answer: [{ valueDecimal: value }] };
      case "text":
        return { ...base, answer: [{ valueString: String(value) }] };
    }
  });
}

const answerSystem = (measureCode: string, itemKey: string) => `${SYSTEMS.measure}/${measureCode}/${itemKey}/answer`;
