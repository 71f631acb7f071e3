import { CITATIONS } from "./citations.js";
import { cannotScore, checkIntegerInRange, integerOptions } from "./scoring.js";
import type { PatientSpecificActivity, PatientSpecificMeasure, ScoreResult } from "./types.js";

const MIN_ACTIVITIES = 1;
/** The reproduced form has lines for 5 activities (plus "additional" columns); 5 is the practice cap. */
const MAX_ACTIVITIES = 5;

/** Score = sum of the activity ratings / number of activities (as printed on the PSFS form). */
function scorePsfs(activities: readonly PatientSpecificActivity[]): ScoreResult {
  if (activities.length < MIN_ACTIVITIES || activities.length > MAX_ACTIVITIES) {
    return cannotScore("wrong-item-count", `expected ${MIN_ACTIVITIES}-${MAX_ACTIVITIES} activities, got ${activities.length}`);
  }
  let sum = 0;
  for (const [index, { activity, rating }] of activities.entries()) {
    const where = `activity ${index + 1}`;
    if (activity.trim() === "") return cannotScore("missing-answer", `${where} has no name`);
    // The form defines no missing-item rule, so a named but unrated activity blocks the score.
    if (rating === null) return cannotScore("missing-answer", `${where} ('${activity}') has no rating`);
    const problem = checkIntegerInRange(rating, 0, 10, where);
    if (problem) return problem;
    sum += rating;
  }
  return { kind: "scored", score: sum / activities.length, answeredItems: activities.length, imputedItems: 0 };
}

/**
 * Patient-Specific Functional Scale. Wording from the form "PSFS developed by: Stratford, P., Gill, C.,
 * Westaway, M., & Binkley, J. (1995) ... Reproduced with the permission of the authors", as published by
 * precisionphysio.com.au and online.documentine.com. The blank is filled with the client's problem.
 */
export const PSFS: PatientSpecificMeasure = {
  kind: "patient-specific",
  code: "psfs",
  version: "1.0.0",
  name: "Patient-Specific Functional Scale",
  shortName: "PSFS",
  origin: "published",
  wordingVerified: true,
  wordingSource:
    "PSFS form (Stratford et al. 1995, reproduced with the permission of the authors) as reproduced at https://www.precisionphysio.com.au/the-patient-specific-functional-scale/ and online.documentine.com; identical text in both.",
  instructions:
    "I am going to ask you to identify up to three important activities that you are unable to do or are having difficulty with as a result of your _________________ problem. Today, are there any activities that you are unable to do or having difficulty with because of your _________________ problem?",
  followUpInstructions:
    "When I assessed you on (state previous assessment date), you told me that you had difficulty with (read all activities from list at a time). Today, do you still have difficulty with: (read and have patient score each item in the list)?",
  higherIsBetter: true,
  range: { min: 0, max: 10 },
  minActivities: MIN_ACTIVITIES,
  maxActivities: MAX_ACTIVITIES,
  ratingOptions: integerOptions(0, 10, {
    0: "Unable to perform activity",
    10: "Able to perform activity at the same level as before injury or problem",
  }),
  score: scorePsfs,
  citations: [CITATIONS.stratford1995],
  mcid: {
    statistic: "MDC90",
    points: 2,
    percent: null,
    verified: true,
    citation: CITATIONS.stratford1995,
    note: "The reproduced PSFS form states: minimum detectable change (90% CI) for the average score = 2 points; for a single activity score = 3 points. Used as the change threshold for the average score. It is an MDC, not an anchor-based MCID; Horn et al. 2012 was not verified and is not used.",
  },
  mic: null,
  loinc: null,
  loincNote: "No LOINC code verified for the PSFS; left null rather than guessed.",
  missingItemRule: {
    description: "No missing-item rule is printed on the form: every named activity must be rated.",
    maxMissing: 0,
    imputation: "none",
    origin: "practice-convention",
    verified: false,
    source: "The PSFS form defines score = sum of activity scores / number of activities and gives no missing-item rule.",
  },
};
