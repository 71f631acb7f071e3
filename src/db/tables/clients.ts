import type { Generated } from "kysely";

/** Practices (the tenants), their practitioners, and client records with their histories. */

export type PractitionerRole = "owner" | "therapist" | "assistant";

export interface PracticeTable {
  id: string;
  name: string;
  time_zone: string;
  /** How dates are written for the practice (a code from shared/dates.ts LOCALES). */
  locale: Generated<string>;
  created_at: string;
}

export interface PractitionerTable {
  id: string;
  practice_id: string;
  user_id: string;
  role: PractitionerRole;
  created_at: string;
  /** 1 when the owner lets this assistant read clinical notes. */
  clinical_notes_granted: Generated<number>;
}

export interface ClientTable {
  id: string;
  practice_id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  /** Lower-cased email, unique within a practice. */
  email_key: string | null;
  phone: string | null;
  date_of_birth: string | null;
  time_zone: string;
  /** The client's own locale for what they read (e-mails, link pages); null means the practice's. */
  locale: string | null;
  notes: string | null;
  years_running: number | null;
  weekly_km: number | null;
  goal_event_name: string | null;
  goal_event_date: string | null;
  goal_event_distance_km: number | null;
  /** Lower-cased "first last email", what the client search matches against. */
  search_text: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
  updated_by: string | null;
}

/**
 * Versions per client, moved by database triggers (migrations 20261210_1000_client_data_version and
 * _patterns_version); no row reads as 0.
 */
export interface ClientDataVersionTable {
  client_id: string;
  practice_id: string;
  /** Moves with every change to the client's runs, signed sessions (findings) and answered check-ins. */
  version: number | string;
  /** Moves only with their runs and signed sessions (findings): what the patterns read. */
  patterns_version: number | string;
}

export interface ClientInjuryTable {
  id: string;
  practice_id: string;
  client_id: string;
  position: number;
  description: string;
  region: string | null;
  side: "left" | "right" | "both" | null;
  occurred_on: string | null;
  resolved: number;
  notes: string | null;
}

export type SelfCareMethod = "rolling" | "stretching" | "percussion" | "other";
export type SelfCareEffect = "helped" | "no_change" | "worse" | "unsure";

export interface ClientSelfCareTable {
  id: string;
  practice_id: string;
  client_id: string;
  position: number;
  method: SelfCareMethod;
  detail: string | null;
  effect: SelfCareEffect;
  notes: string | null;
}

export type ConsentKind = "checkin_messages" | "anonymised_case_reports";

export interface ClientConsentEventTable {
  id: string;
  practice_id: string;
  client_id: string;
  kind: ConsentKind;
  granted: number;
  /** The calendar day the client gave or withdrew consent. */
  effective_on: string;
  recorded_at: string;
  /** The practitioner who recorded it; null when the client did, through a link. */
  recorded_by: string | null;
  source: Generated<"practitioner" | "client_link">;
  /** Orders events recorded in the same millisecond. */
  seq: number;
}
