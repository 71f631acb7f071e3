/**
 * Red-flag screening questions for a musculoskeletal complaint, asked on the client's intake form.
 *
 * Based on the four serious pathologies and their red flags in:
 *   Finucane LM, Downie A, Mercer C, Greenhalgh SM, Boissonnault WG, Pool-Goudzwaard AL,
 *   Beneciuk JM, Leech RL, Selfe J. International framework for red flags for potential serious
 *   spinal pathologies. J Orthop Sports Phys Ther. 2020;50(7):350–372. (IFOMPT)
 * The wording is ours, in plain words for a runner filling the form on a phone; a "yes" is not a
 * diagnosis but a reason for the therapist to ask more (and, where needed, refer) before treating.
 * The framework is about the spine; a massage therapist's intake asks the same questions for any
 * musculoskeletal complaint, as its flags (cancer history, weight loss, fever, neurological
 * change, trauma) are not specific to the back.
 */

export type RedFlagPathology = "malignancy" | "infection" | "fracture" | "cauda_equina" | "neurological";

export interface RedFlagQuestion {
  code: string;
  /** The question as the client reads it. */
  question: string;
  /** A short label for the therapist's page. */
  label: string;
  /** What the framework associates it with. */
  pathology: RedFlagPathology;
}

/** The framework the questions are based on, cited wherever they are shown. */
export const RED_FLAGS_BASIS =
  "Screening questions based on the IFOMPT international framework for red flags for potential serious spinal pathologies (Finucane et al., J Orthop Sports Phys Ther 2020;50(7):350–372), asked in plain words for any musculoskeletal complaint.";

/** Bump when a question is added, removed or reworded; stored with each submission. */
export const RED_FLAGS_VERSION = 1;

export const RED_FLAG_QUESTIONS: readonly RedFlagQuestion[] = [
  {
    code: "cancer_history",
    question: "Have you ever been diagnosed with cancer?",
    label: "History of cancer",
    pathology: "malignancy",
  },
  {
    code: "weight_loss",
    question: "Have you lost weight in the last few months without trying to?",
    label: "Unexplained weight loss",
    pathology: "malignancy",
  },
  {
    code: "night_pain",
    question: "Do you have pain at night that wakes you, or pain that does not ease with rest or changing position?",
    label: "Night pain or pain at rest",
    pathology: "malignancy",
  },
  {
    code: "fever",
    question: "Have you had a fever, chills or night sweats, or felt generally unwell, since this problem began?",
    label: "Fever or feeling unwell",
    pathology: "infection",
  },
  {
    code: "infection_risk",
    question:
      "Have you recently had an infection, an operation or an injection near the painful area, or do you take medicine that lowers your immune defences?",
    label: "Recent infection, surgery or injection; immunosuppression",
    pathology: "infection",
  },
  {
    code: "trauma",
    question: "Did this problem start after a fall, an accident or a heavy blow?",
    label: "Recent trauma",
    pathology: "fracture",
  },
  {
    code: "bone_health",
    question: "Do you take steroid tablets regularly, or have you been told you have thin bones (osteoporosis)?",
    label: "Long-term steroids or osteoporosis",
    pathology: "fracture",
  },
  {
    code: "numbness_weakness",
    question: "Do you have numbness, pins and needles or weakness in your arms or legs that is new or getting worse?",
    label: "New or worsening numbness or weakness",
    pathology: "neurological",
  },
  {
    code: "saddle_numbness",
    question: "Have you noticed numbness or tingling around your bottom, genitals or inner thighs?",
    label: "Numbness around the bottom or genitals",
    pathology: "cauda_equina",
  },
  {
    code: "bladder_bowel",
    question: "Have you had any change in bladder or bowel control: trouble passing urine, leaking, or not feeling when you need to go?",
    label: "Bladder or bowel changes",
    pathology: "cauda_equina",
  },
];

export const RED_FLAG_CODES = RED_FLAG_QUESTIONS.map((q) => q.code);

export type RedFlagAnswers = Record<string, "yes" | "no">;

/** The questions answered "yes", in the order they are asked. */
export function positiveFlags(answers: RedFlagAnswers): RedFlagQuestion[] {
  return RED_FLAG_QUESTIONS.filter((q) => answers[q.code] === "yes");
}
