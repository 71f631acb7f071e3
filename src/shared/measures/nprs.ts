import { CITATIONS } from "./citations.js";
import { integerOptions, scoreSingleItem } from "./scoring.js";
import type { ItemScaleMeasure } from "./types.js";

/**
 * Numeric Pain Rating Scale, 0-10.
 * The 0/10 anchor labels are those Farrar et al. 2001 give for the 11-point PI-NRS. Studies word the
 * stem in many ways and no single canonical stem was found, so the stem is Palpable's plain practice
 * wording (marked as such), never presented as a published text.
 */
export const NPRS: ItemScaleMeasure = {
  kind: "item-scale",
  code: "nprs",
  version: "1.0.0",
  name: "Numeric Pain Rating Scale",
  shortName: "NPRS",
  origin: "published",
  wordingVerified: false,
  wordingSource:
    "Anchors '0 = no pain' and '10 = worst possible pain' from Farrar et al. 2001 (abstract, PubMed 11690728). Question stem: Palpable practice wording (no canonical published stem verified).",
  instructions: null,
  higherIsBetter: false,
  range: { min: 0, max: 10 },
  items: [
    {
      id: "nprs.1",
      number: 1,
      text: "How much pain do you feel in the treated area right now?",
      placeholder: false,
      topic: "Current pain intensity",
      options: integerOptions(0, 10, { 0: "No pain", 10: "Worst possible pain" }),
    },
  ],
  score: (answers) => scoreSingleItem(answers, 0, 10),
  sessionField: "pain",
  citations: [CITATIONS.farrar2001, CITATIONS.ostelo2008],
  mcid: {
    statistic: "MCID",
    points: 2,
    percent: 30,
    verified: true,
    citation: CITATIONS.farrar2001,
    note: "Farrar 2001: a reduction of approximately two points or approximately 30% represented a clinically important difference. Ostelo 2008 consensus likewise proposes 2 points or 30% improvement. Salaffi 2004 and Childs 2005 were not verified and are not used.",
  },
  mic: null,
  loinc: {
    code: "72514-3",
    display: "Pain severity - 0-10 verbal numeric rating",
    source:
      "HL7 Belgium Patient Monitoring IG, ValueSet 'pain-scale' (build.fhir.org/ig/hl7-be/patient-monitoring/ValueSet-pain-scale.html), and ANS France mesures-de-sante profile MesObservationPainSeverity (http://loinc.org#72514-3)",
  },
  loincNote: "Observation code for the score. Answer codes LA6111-4 (0) ... LA13942-0 (10) are listed in the same HL7 Belgium value set.",
  missingItemRule: {
    description: "Single item: no answer, no score.",
    maxMissing: 0,
    imputation: "none",
    origin: "instrument",
    verified: true,
    source: "Single-item scale; there is nothing to impute from.",
  },
};
