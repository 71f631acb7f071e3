import { CITATIONS } from "./citations.js";
import { integerOptions, sumWithMissingItemRule } from "./scoring.js";
import type { ItemScaleMeasure, MeasureItem } from "./types.js";

const LEFS_OPTIONS = integerOptions(0, 4, {
  0: "Extreme Difficulty or Unable to Perform Activity",
  1: "Quite a Bit of Difficulty",
  2: "Moderate Difficulty",
  3: "A Little Bit of Difficulty",
  4: "No Difficulty",
});

/**
 * Item wording as printed on the LEFS form "Reprinted from Binkley ... Physical Therapy, 1999 ... with
 * permission of the American Physical Therapy Association". Item 2 reads "re creational" in the web copies
 * (a line-break artefact of the PDF); BMJ Case Reports' table of the same item reads "recreational".
 */
const LEFS_ITEM_TEXTS = [
  "Any of your usual work, housework, or school activities.",
  "Your usual hobbies, recreational or sporting activities.",
  "Getting into or out of the bath.",
  "Walking between rooms.",
  "Putting on your shoes or socks.",
  "Squatting.",
  "Lifting an object, like a bag of groceries from the floor.",
  "Performing light activities around your home.",
  "Performing heavy activities around your home.",
  "Getting into or out of a car.",
  "Walking 2 blocks.",
  "Walking a mile.",
  "Going up or down 10 stairs (about 1 flight of stairs).",
  "Standing for 1 hour.",
  "Sitting for 1 hour.",
  "Running on even ground.",
  "Running on uneven ground.",
  "Making sharp turns while running fast.",
  "Hopping.",
  "Rolling over in bed.",
] as const;

const LEFS_ITEMS: readonly MeasureItem[] = LEFS_ITEM_TEXTS.map((text, index) => ({
  id: `lefs.${index + 1}`,
  number: index + 1,
  text,
  placeholder: false,
  options: LEFS_OPTIONS,
}));

const LEFS_MISSING_ITEM_RULE = {
  description: "Up to 4 unanswered items are each replaced by the mean of the answered items; 5 or more unanswered: no score.",
  maxMissing: 4,
  imputation: "mean-of-answered-items",
  origin: "practice-convention",
  // Requested as the instrument's rule, but no source stating it was found: Binkley 1999's abstract and the
  // reprinted forms give none (the form asks the client to "provide an answer for each activity").
  verified: false,
  source:
    "UNVERIFIED: not found in Binkley et al. 1999 (abstract) or the reprinted LEFS forms. Confirm against the full paper before relying on prorated scores.",
} as const;

/** Lower Extremity Functional Scale: 20 items scored 0-4, total 0-80, higher is better. */
export const LEFS: ItemScaleMeasure = {
  kind: "item-scale",
  code: "lefs",
  version: "1.0.0",
  name: "Lower Extremity Functional Scale",
  shortName: "LEFS",
  origin: "published",
  wordingVerified: true,
  wordingSource:
    "LEFS form reprinted from Binkley et al. 1999 with permission of the APTA, as reproduced at https://viverant.com/outcome/lower-extremity/ and scribd.com/document/690708831/LEFS (identical item text); item 2 spelling per BMJ Case Reports table.",
  instructions:
    "We are interested in knowing whether you are having any difficulty at all with the activities listed below because of your lower limb problem for which you are currently seeking attention. Please provide an answer for each activity.\n\nToday, do you or would you have any difficulty at all with:",
  higherIsBetter: true,
  range: { min: 0, max: 80 },
  items: LEFS_ITEMS,
  score: (answers) => sumWithMissingItemRule(answers, LEFS_ITEMS, LEFS_MISSING_ITEM_RULE),
  citations: [CITATIONS.binkley1999],
  mcid: {
    statistic: "MCID",
    points: 9,
    percent: null,
    verified: true,
    citation: CITATIONS.binkley1999,
    note: "Binkley 1999 abstract: the minimal detectable change is 9 scale points (90% CI), and the minimal clinically important difference is 9 scale points (90% CI).",
  },
  mic: null,
  loinc: null,
  loincNote: "No LOINC code for the LEFS was found in the sources searched; left null rather than guessed.",
  missingItemRule: LEFS_MISSING_ITEM_RULE,
};
