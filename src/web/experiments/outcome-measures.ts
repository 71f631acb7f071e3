/**
 * The numeric scales an experiment can analyse, the same rule as the server's: the library's item
 * scales and the practice's own scored questionnaires (from the loaded catalogue).
 */
import type { ItemScaleMeasure, Measure, QuestionnaireMeasure } from "../../shared/measures";
import { currentCatalogue } from "../questionnaires/catalogue";

export type OutcomeMeasure = ItemScaleMeasure | (QuestionnaireMeasure & { range: { min: number; max: number } });

function isOutcome(measure: Measure | undefined): measure is OutcomeMeasure {
  return measure?.kind === "item-scale" || (measure?.kind === "questionnaire" && measure.range !== null);
}

/**
 * Numeric scales an experiment can analyse, the same rule as the server's: the library's item
 * scales and the practice's own scored questionnaires (from the loaded catalogue).
 */
export function outcomeMeasures(): readonly OutcomeMeasure[] {
  return currentCatalogue().all().filter(isOutcome);
}

export function outcomeMeasure(code: string): OutcomeMeasure | undefined {
  const measure = currentCatalogue().byCode(code);
  return isOutcome(measure) ? measure : undefined;
}

/** The MCID in points a measure's library entry gives, if any. */
export function libraryMcid(code: string): number | null {
  return outcomeMeasure(code)?.mcid?.points ?? null;
}
