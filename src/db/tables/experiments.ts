import type { Generated } from "kysely";

/** Practice experiments, their pre-registration, amendments and enrolments. */

export interface ExperimentTable {
  id: string;
  practice_id: string;
  title: string;
  /** JSON of the current plan (src/experiments/schema.ts ExperimentPlan); amendments change it after start. */
  plan_json: string;
  status: "draft" | "running" | "finished";
  /** Seed for random allocation, fixed when the experiment starts; null for other allocations. */
  allocation_seed: string | null;
  registered_at: string | null;
  registered_by: string | null;
  /** The canonical JSON frozen at start; never changed afterwards. */
  registration_json: string | null;
  registration_sha256: string | null;
  finished_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
  updated_by: string | null;
}

/** Append-only: one row per change to a started experiment's plan. */
export interface ExperimentAmendmentTable {
  id: string;
  practice_id: string;
  experiment_id: string;
  number: number;
  at: string;
  by_practitioner_id: string;
  field: string;
  before_json: string;
  after_json: string;
  reason: string;
  /** SHA-256 of the canonical plan after this amendment. */
  plan_sha256: string;
}

export interface ExperimentEnrolmentTable {
  id: string;
  practice_id: string;
  experiment_id: string;
  client_id: string;
  /** Order of enrolment, from 1; alternating and random allocation use it. */
  position: number;
  arm: "intervention" | "comparator";
  /** How the arm was chosen, in a sentence (e.g. "random, seed …, draw 0.27"). */
  allocation_note: string;
  /** Observations from this date on count for this client (ISO date). */
  data_from: string;
  enrolled_at: string;
  enrolled_by: string;
  /** JSON: the eligibility check as it stood at enrolment. */
  eligibility_json: string;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
}
