import { CITATIONS } from "./citations.js";
import { ALL_ITEMS_REQUIRED_PRACTICE, integerOptions, sumWithMissingItemRule } from "./scoring.js";
import type { ItemScaleMeasure, MeasureItem } from "./types.js";

/**
 * What each item is about, from the summary in Sports Injury Bulletin of the 2020 validation paper.
 * These are internal topics, NOT the client-facing wording, which was not found and must be entered
 * from the published instrument (Nelson et al. 2019, JOSPT).
 */
const UWRI_TOPICS = [
  "Injury impact on daily tasks",
  "Frustration due to injury",
  "Perceived recovery",
  "Pain during running",
  "Pain after running",
  "Weekly running volume",
  "Typical run distance",
  "Running pace",
  "Confidence to increase training",
] as const;

/** 9 items summing to 0-36 implies 0-4 per item; the option labels were not found. */
const UWRI_ITEMS: readonly MeasureItem[] = UWRI_TOPICS.map((topic, index) => ({
  id: `uwri.${index + 1}`,
  number: index + 1,
  text: `[UWRI item ${index + 1}: the published wording must be entered from the instrument (Nelson et al. 2019)]`,
  placeholder: true,
  topic,
  options: integerOptions(0, 4, {
    0: "[option 0: published wording must be entered]",
    4: "[option 4: published wording must be entered]",
  }),
}));

/** University of Wisconsin Running Injury and Recovery Index: 9 items, 0-36, higher is better. */
export const UWRI: ItemScaleMeasure = {
  kind: "item-scale",
  code: "uwri",
  version: "1.0.0",
  name: "University of Wisconsin Running Injury and Recovery Index",
  shortName: "UWRI",
  origin: "published",
  wordingVerified: false,
  wordingSource:
    "NOT VERIFIED: the item and option wording was not found in any accessible source. Item topics from https://www.sportsinjurybulletin.com/measuring-readiness-for-return-to-running/. Enter the wording from Nelson et al. 2019 before use with clients.",
  instructions: null,
  higherIsBetter: true,
  range: { min: 0, max: 36 },
  items: UWRI_ITEMS,
  score: (answers) => sumWithMissingItemRule(answers, UWRI_ITEMS, ALL_ITEMS_REQUIRED_PRACTICE),
  citations: [CITATIONS.nelson2019, CITATIONS.uwriResponsiveness2020],
  mcid: {
    statistic: "MCID",
    points: 8,
    percent: null,
    verified: true,
    citation: CITATIONS.uwriResponsiveness2020,
    note: "JOSPT 2020;50(12):702-710 abstract: 'The UWRI minimal important change and minimal clinically important difference were 5 and 8 points, respectively.'",
  },
  mic: {
    statistic: "MIC",
    points: 5,
    percent: null,
    verified: true,
    citation: CITATIONS.uwriResponsiveness2020,
    note: "Same abstract: minimal important change 5 points.",
  },
  loinc: null,
  loincNote: "No LOINC code for the UWRI was found; left null rather than guessed.",
  missingItemRule: ALL_ITEMS_REQUIRED_PRACTICE,
};
