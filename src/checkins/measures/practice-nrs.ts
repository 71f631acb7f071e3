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

/** Perceived tightness of the treated area, 0-10 (practice-defined). Lower is better. */
export const TIGHTNESS_NRS: ItemScaleMeasure = {
  kind: "item-scale",
  code: "tightness-nrs",
  version: "1.0.0",
  name: "Tightness rating (0-10)",
  shortName: "Tightness",
  origin: "practice-defined",
  wordingVerified: true,
  wordingSource: PRACTICE_WORDING,
  instructions: null,
  higherIsBetter: false,
  range: { min: 0, max: 10 },
  items: [
    {
      id: "tightness-nrs.1",
      number: 1,
      text: "How tight does the area we treated feel right now?",
      placeholder: false,
      options: integerOptions(0, 10, { 0: "Not tight at all", 10: "As tight as I can imagine" }),
    },
  ],
  score: (answers) => scoreSingleItem(answers, 0, 10),
  citations: [CITATIONS.practiceDefined],
  mcid: PRACTICE_TWO_POINTS,
  mic: null,
  loinc: null,
  loincNote: "No LOINC code: practice-defined scale.",
  missingItemRule: SINGLE_ITEM_RULE,
};

/** How smooth running feels, 0-10 (practice-defined). Higher is better. */
export const RUNNING_SMOOTHNESS_NRS: ItemScaleMeasure = {
  kind: "item-scale",
  code: "running-smoothness-nrs",
  version: "1.0.0",
  name: "Smoothness when running (0-10)",
  shortName: "Smoothness",
  origin: "practice-defined",
  wordingVerified: true,
  wordingSource: PRACTICE_WORDING,
  instructions: null,
  higherIsBetter: true,
  range: { min: 0, max: 10 },
  items: [
    {
      id: "running-smoothness-nrs.1",
      number: 1,
      text: "How smooth did your running feel on your most recent run?",
      placeholder: false,
      options: integerOptions(0, 10, { 0: "Not smooth at all", 10: "Completely smooth" }),
    },
  ],
  score: (answers) => scoreSingleItem(answers, 0, 10),
  citations: [CITATIONS.practiceDefined],
  mcid: PRACTICE_TWO_POINTS,
  mic: null,
  loinc: null,
  loincNote: "No LOINC code: practice-defined scale.",
  missingItemRule: SINGLE_ITEM_RULE,
};
