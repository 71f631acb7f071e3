import { questionnaireCode, questionnaireMeasure, type QuestionnaireDefinition } from "./practice-questionnaire.js";
import { MEASURES, measureByCode } from "./registry.js";
import type { ItemScaleMeasure, Measure } from "./types.js";
import { UWRI } from "./uwri.js";

/**
 * The measures one practice can use: the library's, the practice's own questionnaires (latest
 * version by code, every version by code and version) and the UWRI with the practice's wording
 * when it has entered it. Pure: built from rows the caller loaded.
 */
export interface MeasureCatalogue {
  /** The measure as a check-in asks it now (a practice questionnaire's latest version). */
  byCode(code: string): Measure | undefined;
  /** One version of a measure, for answers given with an earlier one; undefined when unknown. */
  byVersion(code: string, version: string): Measure | undefined;
  /** Every measure, library first, then the practice's questionnaires by title. */
  all(): readonly Measure[];
}

export const LIBRARY_CATALOGUE: MeasureCatalogue = {
  byCode: measureByCode,
  byVersion: (code, version) => {
    const measure = measureByCode(code);
    return measure?.version === version ? measure : undefined;
  },
  all: () => MEASURES,
};

/** The UWRI's item and option wording as a practice entered it from its copy of the instrument. */
export interface UwriWording {
  readonly items: readonly { readonly text: string; readonly options: readonly string[] }[];
}

export const WORDING_ENTERED_BY_PRACTICE = "wording entered by the practice";

/**
 * The library's UWRI (topics, 0–36 scoring, MCID) with the practice's wording: usable on a link
 * page, and named as "wording entered by the practice" wherever its name is shown.
 */
export function uwriWithWording(wording: UwriWording, wordingVersion: number): ItemScaleMeasure {
  const items = UWRI.items.map((item, index) => {
    const entered = wording.items[index];
    return {
      ...item,
      text: entered?.text ?? item.text,
      placeholder: entered === undefined,
      options: item.options.map((option, optionIndex) => ({ value: option.value, label: entered?.options[optionIndex] ?? option.label })),
    };
  });
  return {
    ...UWRI,
    version: `${UWRI.version}+practice.${wordingVersion}`,
    name: `${UWRI.name} (${WORDING_ENTERED_BY_PRACTICE})`,
    shortName: `UWRI (${WORDING_ENTERED_BY_PRACTICE})`,
    wordingVerified: false,
    wordingEnteredByPractice: true,
    wordingSource: "Item and option wording entered by the practice from its own copy of the instrument (Nelson et al. 2019).",
    items,
    score: (answers) => UWRI.score(answers),
  };
}

export interface CatalogueVersion<D> {
  readonly number: number;
  readonly definition: D;
}

export interface CatalogueSource {
  readonly questionnaires: readonly {
    readonly id: string;
    readonly title: string;
    readonly versions: readonly CatalogueVersion<QuestionnaireDefinition>[];
  }[];
  readonly uwri: readonly CatalogueVersion<UwriWording>[];
}

export function practiceCatalogue(source: CatalogueSource): MeasureCatalogue {
  const latest = new Map<string, Measure>();
  const versions = new Map<string, Measure>();
  const own: Measure[] = [];
  for (const questionnaire of [...source.questionnaires].sort((a, b) => a.title.localeCompare(b.title))) {
    const ordered = [...questionnaire.versions].sort((a, b) => a.number - b.number);
    for (const version of ordered) {
      const measure = questionnaireMeasure(questionnaire.id, version.number, version.definition);
      versions.set(`${measure.code}@${measure.version}`, measure);
    }
    const newest = ordered.at(-1);
    if (newest) {
      const measure = versions.get(`${questionnaireCode(questionnaire.id)}@${newest.number}`);
      if (measure) {
        latest.set(measure.code, measure);
        own.push(measure);
      }
    }
  }
  for (const version of source.uwri) {
    const measure = uwriWithWording(version.definition, version.number);
    versions.set(`${measure.code}@${measure.version}`, measure);
  }
  const newestUwri = [...source.uwri].sort((a, b) => a.number - b.number).at(-1);
  if (newestUwri) latest.set(UWRI.code, uwriWithWording(newestUwri.definition, newestUwri.number));
  return {
    byCode: (code) => latest.get(code) ?? measureByCode(code),
    byVersion: (code, version) => versions.get(`${code}@${version}`) ?? LIBRARY_CATALOGUE.byVersion(code, version),
    all: () => [...MEASURES.map((m) => latest.get(m.code) ?? m), ...own],
  };
}

/** Whether a link page may ask this measure: no placeholder wording may reach a client. */
export function isAskable(measure: Measure | undefined): boolean {
  if (measure === undefined) return false;
  if (measure.kind === "item-scale") return measure.items.every((item) => !item.placeholder);
  return true;
}
