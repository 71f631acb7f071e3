import type { Generated } from "kysely";

/** The clinical record: techniques, complaints, protocols and sessions. */

export interface PracticeTechniqueTable {
  id: string;
  practice_id: string;
  name: string;
  /** Lower-cased name, unique within a practice. */
  name_key: string;
  created_at: string;
}

export interface ComplaintTable {
  id: string;
  practice_id: string;
  client_id: string;
  title: string;
  side: "left" | "right" | "both" | null;
  /** JSON list of region codes (src/shared/vocabulary/regions.ts). */
  regions_json: string;
  onset_on: string | null;
  /** JSON list of trigger words, e.g. ["hill sprint"]. */
  triggers_json: string;
  status: "active" | "improving" | "resolved";
  notes: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
  updated_by: string | null;
}

export interface ProtocolTable {
  id: string;
  practice_id: string;
  created_at: string;
}

/** Never updated: a change to a protocol is a new version. */
export interface ProtocolVersionTable {
  id: string;
  practice_id: string;
  protocol_id: string;
  version: number;
  name: string;
  description: string | null;
  /** JSON list of technique steps. */
  steps_json: string;
  planned_sessions: number;
  spacing_days: number;
  created_at: string;
  created_by: string;
  /** The check-in plan scheduled when a session that applied this version is signed. */
  checkin_plan_id: string | null;
}

export interface TreatmentSessionTable {
  id: string;
  practice_id: string;
  client_id: string;
  practitioner_id: string;
  started_at: string;
  protocol_version_id: string | null;
  /** JSON { pre: { pain, tightness }, post: { pain, tightness } }. */
  measures_json: string;
  /** JSON { s, o, a, p }. */
  soap_json: string;
  advice: string | null;
  status: "draft" | "signed";
  signed_at: string | null;
  amendments: number;
  /** Set when a signed note was marked "entered in error": kept, struck through, left out of analyses. */
  entered_in_error_at: string | null;
  entered_in_error_reason: string | null;
  entered_in_error_by: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
  updated_by: string | null;
}

export interface SessionComplaintTable {
  practice_id: string;
  session_id: string;
  complaint_id: string;
  position: number;
}

export interface SessionFindingTable {
  id: string;
  practice_id: string;
  session_id: string;
  position: number;
  region_code: string;
  side: "left" | "right" | null;
  /** Grades 0..3 (none, mild, moderate, marked). */
  tension: number | null;
  tenderness: number | null;
  texture: number | null;
  adhesion: number | null;
  temperature: number | null;
  texture_descriptor: string | null;
  note: string | null;
}

export interface SessionStepTable {
  id: string;
  practice_id: string;
  session_id: string;
  position: number;
  technique: string;
  region_code: string | null;
  side: "left" | "right" | "both" | null;
  direction: string | null;
  minutes: number | null;
  intensity: "light" | "moderate" | "firm" | null;
  note: string | null;
}

/** Append-only: one row per change to a session, with the whole note as it stood after it. */
export interface SessionRevisionTable {
  id: string;
  practice_id: string;
  session_id: string;
  revision: number;
  kind: "created" | "edited" | "signed" | "amended";
  at: string;
  by_practitioner_id: string;
  reason: string | null;
  changed_fields_json: string;
  snapshot_json: string;
}
