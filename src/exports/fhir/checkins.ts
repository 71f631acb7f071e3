import type { StoredAnswer } from "../../checkins/answers.js";
import { LIBRARY_CATALOGUE, type Measure, type MeasureCatalogue } from "../../shared/measures/index.js";
import { practiceQuestionnaireItems, practiceResponseItems } from "./practice-questionnaire.js";
import { parseAnswers, type CheckinRecord } from "../tables.js";
import { category, questionnaireUrl, reference, resource, scoreQuantity, SYSTEMS, type BundleEntry, type Loose } from "./common.js";

/**
 * Check-ins → a Questionnaire per measure used, a QuestionnaireResponse per measure answered in a
 * check-in (a response answers exactly one questionnaire, so a check-in that asked three measures
 * gives three responses sharing its id in their identifiers), and an Observation per score.
 */

export function questionnaireEntry(measure: Measure): BundleEntry {
  const measureCoding = { system: SYSTEMS.measure, code: measure.code, display: measure.name };
  const loinc = measure.loinc ? { system: SYSTEMS.loinc, code: measure.loinc.code, display: measure.loinc.display } : null;
  return resource("Questionnaire", `${measure.code}|${measure.version}`, {
    url: questionnaireUrl(measure.code),
    version: measure.version,
    name: computableName(measure.shortName),
    title: measure.name,
    status: "active",
    subjectType: ["Patient"],
    description: measure.wordingSource,
    publisher: measure.origin === "practice-defined" || measure.wordingEnteredByPractice ? "the practice" : null,
    code: [measureCoding, loinc],
    item: questionnaireItems(measure, loinc),
  });
}

function questionnaireItems(measure: Measure, loinc: Loose): Loose[] {
  switch (measure.kind) {
    case "item-scale":
      return measure.items.map((item) => ({
        linkId: item.id,
        // The score's LOINC code belongs to the single item of a one-item scale (NPRS).
        code: measure.items.length === 1 ? [loinc] : null,
        prefix: String(item.number),
        text: item.text,
        type: "integer",
        required: true,
        extension: [
          { url: "http://hl7.org/fhir/StructureDefinition/minValue", valueInteger: Math.min(...item.options.map((o) => o.value)) },
          { url: "http://hl7.org/fhir/StructureDefinition/maxValue", valueInteger: Math.max(...item.options.map((o) => o.value)) },
        ],
      }));
    case "categorical":
      return [
        {
          linkId: `${measure.code}.category`,
          text: measure.question,
          type: "choice",
          required: true,
          answerOption: measure.options.map((o) => ({
            valueCoding: { system: answerSystem(measure.code), code: o.value, display: o.label },
          })),
        },
        { linkId: `${measure.code}.text`, text: measure.textPrompt, type: "text" },
      ];
    case "free-text":
      return [{ linkId: `${measure.code}.text`, text: measure.prompt, type: "text", maxLength: measure.maxLength }];
    case "patient-specific":
      // The client names up to a few activities and rates each: one repeating group per activity.
      return [
        {
          linkId: `${measure.code}.activity`,
          text: measure.instructions,
          type: "group",
          repeats: true,
          item: [
            { linkId: `${measure.code}.activity.name`, text: "Activity", type: "string", required: true },
            {
              linkId: `${measure.code}.activity.rating`,
              text: "Rating",
              type: "integer",
              required: true,
              extension: [
                { url: "http://hl7.org/fhir/StructureDefinition/minValue", valueInteger: measure.range.min },
                { url: "http://hl7.org/fhir/StructureDefinition/maxValue", valueInteger: measure.range.max },
              ],
            },
          ],
        },
      ];
    case "questionnaire":
      return practiceQuestionnaireItems(measure);
  }
}

const answerSystem = (measureCode: string) => `${SYSTEMS.measure}/${measureCode}/answer`;

/** Questionnaire.name must be usable as an identifier: letters, digits and underscores, starting with a capital. */
function computableName(shortName: string): string {
  const words = shortName.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  const name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
  return /^[A-Z]/.test(name) ? name : `Measure${name}`;
}

/** The responses and score observations of one answered check-in (its latest answer version). */
export function checkinEntries(record: CheckinRecord, catalogue: MeasureCatalogue = LIBRARY_CATALOGUE): BundleEntry[] {
  const latest = record.versions[0];
  if (!latest) return [];
  const { row } = record;
  const patient = reference("Patient", row.client_id);
  const amended = record.versions.length > 1;
  const entries: BundleEntry[] = [];
  for (const [code, answer] of Object.entries(parseAnswers(latest))) {
    const measure = catalogue.byVersion(code, answer.version) ?? catalogue.byCode(code);
    if (!measure) continue;
    const key = `${row.id}/${code}`;
    const questionnaireResponse = resource("QuestionnaireResponse", key, {
      identifier: { system: SYSTEMS.checkinAnswer, value: key },
      questionnaire: `${questionnaireUrl(measure.code)}|${answer.version}`,
      status: amended ? "amended" : "completed",
      subject: patient,
      authored: latest.submitted_at,
      author: patient,
      source: patient,
      item: responseItems(measure, answer),
    });
    entries.push(questionnaireResponse);
    const score =
      answer.kind === "item-scale" || answer.kind === "patient-specific" || answer.kind === "questionnaire" ? answer.score : null;
    if (score !== null) {
      entries.push(
        resource("Observation", key, {
          status: amended ? "amended" : "final",
          category: category("survey", "Survey"),
          code: {
            coding: [
              { system: SYSTEMS.measure, code: measure.code, display: measure.name },
              ...(measure.loinc ? [{ system: SYSTEMS.loinc, code: measure.loinc.code, display: measure.loinc.display }] : []),
            ],
            text: measure.name,
          },
          subject: patient,
          effectiveDateTime: latest.submitted_at,
          issued: latest.submitted_at,
          performer: [patient],
          valueQuantity: scoreQuantity(score),
          derivedFrom: [{ reference: questionnaireResponse.fullUrl }],
          note: [{ text: `Check-in ${row.offset_days} day(s) after the session` }],
        }),
      );
    }
  }
  return entries;
}

function responseItems(measure: Measure, answer: StoredAnswer): Loose[] {
  if (measure.kind === "item-scale" && answer.kind === "item-scale") {
    return measure.items.map((item, index) => {
      const value = answer.items[index];
      return { linkId: item.id, text: item.text, answer: value === null || value === undefined ? null : [{ valueInteger: value }] };
    });
  }
  if (measure.kind === "categorical" && answer.kind === "categorical") {
    const option = measure.options.find((o) => o.value === answer.category);
    return [
      {
        linkId: `${measure.code}.category`,
        text: measure.question,
        answer: [{ valueCoding: { system: answerSystem(measure.code), code: answer.category, display: option?.label } }],
      },
      { linkId: `${measure.code}.text`, text: measure.textPrompt, answer: answer.text ? [{ valueString: answer.text }] : null },
    ];
  }
  if (measure.kind === "free-text" && answer.kind === "free-text") {
    return [{ linkId: `${measure.code}.text`, text: measure.prompt, answer: [{ valueString: answer.text }] }];
  }
  if (measure.kind === "patient-specific" && answer.kind === "patient-specific") {
    return answer.activities.map((a) => ({
      linkId: `${measure.code}.activity`,
      item: [
        { linkId: `${measure.code}.activity.name`, text: "Activity", answer: [{ valueString: a.activity }] },
        { linkId: `${measure.code}.activity.rating`, text: "Rating", answer: [{ valueInteger: a.rating }] },
      ],
    }));
  }
  if (measure.kind === "questionnaire" && answer.kind === "questionnaire") return practiceResponseItems(measure, answer);
  return [];
}
