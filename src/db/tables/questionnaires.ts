import type { Generated } from "kysely";

export interface QuestionnaireTable {
  id: string;
  practice_id: string;
  /** Null for the practice's own questionnaire; "uwri" for its wording of the library's UWRI. */
  based_on: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
  version: Generated<number>;
}

export interface QuestionnaireVersionTable {
  id: string;
  practice_id: string;
  questionnaire_id: string;
  number: number;
  /** The definition as JSON (a practice questionnaire's items and scoring, or the UWRI wording). */
  definition_json: string;
  created_at: string;
  created_by: string | null;
  /** Set when a plan first lists the questionnaire or an answer is first given with this version. */
  frozen_at: string | null;
}
