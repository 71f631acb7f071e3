import { CITATIONS } from "./citations.js";
import { integerOptions, scoreSingleItem } from "./scoring.js";
import type { ChangeThreshold, ItemScaleMeasure, MissingItemRule } from "./types.js";

/** No published MCID exists for practice-defined scales; 2 points is a Palpable convention. */
const PRACTICE_TWO_POINTS: ChangeThreshold = {
  statistic: "practice-convention",
  points: 2,
  percent: null,
  verified: false,
  citation: null,
  note: "PRACTICE CONVENTION, not a published MCID: this practice-defined scale has no published minimal clinically important difference. 2 points is used by analogy with 0-10 pain scales and must not be reported as an MCID.",
};

const SINGLE_ITEM_RULE: MissingItemRule = {
  description: "Single item: no answer, no score.",
  maxMissing: 0,
  imputation: "none",
  origin: "practice-convention",
  verified: true,
  source: "Practice-defined single-item scale.",
};

const PRACTICE_WORDING = "Practice-defined wording (Palpable v1); owned by the practice, not a published instrument.";

interface PracticeNrsSpec {
  readonly code: string;
  readonly name: string;
  readonly shortName: string;
  readonly itemText: string;
  readonly lowAnchor: string;
  readonly highAnchor: string;
  readonly higherIsBetter: boolean;
  readonly sessionField?: "tightness";
}

/** A practice-defined single-item 0-10 rating; only its wording, anchors and direction vary. */
function practiceNrs(spec: PracticeNrsSpec): ItemScaleMeasure {
  return {
    kind: "item-scale",
    code: spec.code,
    version: "1.0.0",
    name: spec.name,
    shortName: spec.shortName,
    origin: "practice-defined",
    wordingVerified: true,
    wordingSource: PRACTICE_WORDING,
    instructions: null,
    higherIsBetter: spec.higherIsBetter,
    range: { min: 0, max: 10 },
    items: [
      {
        id: `${spec.code}.1`,
        number: 1,
        text: spec.itemText,
        placeholder: false,
        options: integerOptions(0, 10, { 0: spec.lowAnchor, 10: spec.highAnchor }),
      },
    ],
    score: (answers) => scoreSingleItem(answers, 0, 10),
    citations: [CITATIONS.practiceDefined],
    mcid: PRACTICE_TWO_POINTS,
    mic: null,
    loinc: null,
    loincNote: "No LOINC code: practice-defined scale.",
    missingItemRule: SINGLE_ITEM_RULE,
    ...(spec.sessionField ? { sessionField: spec.sessionField } : {}),
  };
}

/** Perceived tightness of the treated area, 0-10 (practice-defined). Lower is better. */
export const TIGHTNESS_NRS: ItemScaleMeasure = practiceNrs({
  code: "tightness-nrs",
  name: "Tightness rating (0-10)",
  shortName: "Tightness",
  itemText: "How tight does the area we treated feel right now?",
  lowAnchor: "Not tight at all",
  highAnchor: "As tight as I can imagine",
  higherIsBetter: false,
  sessionField: "tightness",
});

/** How smooth running feels, 0-10 (practice-defined). Higher is better. */
export const RUNNING_SMOOTHNESS_NRS: ItemScaleMeasure = practiceNrs({
  code: "running-smoothness-nrs",
  name: "Smoothness when running (0-10)",
  shortName: "Smoothness",
  itemText: "How smooth did your running feel on your most recent run?",
  lowAnchor: "Not smooth at all",
  highAnchor: "Completely smooth",
  higherIsBetter: true,
});
