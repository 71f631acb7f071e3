import { CITATIONS } from "./citations.js";
import { integerOptions, scoreSingleItem } from "./scoring.js";
import type { ItemScaleMeasure } from "./types.js";

/**
 * Global Rating of Change, 15 points from -7 to +7.
 * Only the end and middle anchors were found in a source (Bobos et al. 2020 review, quoting the 15-point
 * GRoC used by Moore-Reed 2017): the intermediate labels are NOT verified, so they show their number
 * only, and the stem is Palpable's plain practice wording (marked as such), not a published text.
 */
export const GROC: ItemScaleMeasure = {
  kind: "item-scale",
  code: "groc",
  version: "1.0.0",
  name: "Global Rating of Change",
  shortName: "GROC",
  origin: "published",
  wordingVerified: false,
  wordingSource:
    "Anchors -7 'a very great deal worse', 0 'about the same', +7 'a very great deal better' from Bobos P et al., J Orthop 2020;21:40-48, Table 1 (PMC7025089). Question stem: Palpable practice wording; labels for the other 12 points NOT verified (numbers only).",
  instructions: null,
  higherIsBetter: true,
  range: { min: -7, max: 7 },
  items: [
    {
      id: "groc.1",
      number: 1,
      text: "Compared with just before your treatment, how is the treated area now overall?",
      placeholder: false,
      topic: "Overall change since a stated reference time point",
      options: integerOptions(-7, 7, { [-7]: "A very great deal worse", 0: "About the same", 7: "A very great deal better" }),
    },
  ],
  score: (answers) => scoreSingleItem(answers, -7, 7),
  transition: true,
  citations: [CITATIONS.jaeschke1989, CITATIONS.kamper2009],
  // The GROC is itself the anchor used to derive other measures' MCIDs; it has no MCID of its own.
  mcid: null,
  mic: null,
  loinc: null,
  loincNote: "No LOINC code found for a 15-point Global Rating of Change; left null rather than guessed.",
  missingItemRule: {
    description: "Single item: no answer, no score.",
    maxMissing: 0,
    imputation: "none",
    origin: "instrument",
    verified: true,
    source: "Single-item scale; there is nothing to impute from.",
  },
};
