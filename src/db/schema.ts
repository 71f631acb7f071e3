import type { Generated } from "kysely";

/**
 * Table types for Kysely. Our own tables store instants as ISO-8601 UTC text, calendar dates as
 * "YYYY-MM-DD" text and flags as 0/1 integers, so one repository works unchanged on SQLite and
 * PostgreSQL (see docs/DECISIONS.md). The auth_* tables belong to better-auth and use native
 * types where the dialect has them.
 */
export interface DatabaseSchema {
  auth_user: AuthUserTable;
  auth_session: AuthSessionTable;
  auth_account: AuthAccountTable;
  auth_verification: AuthVerificationTable;
  auth_two_factor: AuthTwoFactorTable;
  auth_rate_limit: AuthRateLimitTable;
  practice: PracticeTable;
  practitioner: PractitionerTable;
  client: ClientTable;
  client_injury: ClientInjuryTable;
  client_self_care: ClientSelfCareTable;
  client_consent_event: ClientConsentEventTable;
  training_file: TrainingFileTable;
  activity: ActivityTable;
  practice_technique: PracticeTechniqueTable;
  complaint: ComplaintTable;
  protocol: ProtocolTable;
  protocol_version: ProtocolVersionTable;
  treatment_session: TreatmentSessionTable;
  session_complaint: SessionComplaintTable;
  session_finding: SessionFindingTable;
  session_step: SessionStepTable;
  session_revision: SessionRevisionTable;
  checkin_plan: CheckinPlanTable;
  checkin: CheckinTable;
  checkin_answer: CheckinAnswerTable;
  outbox_message: OutboxMessageTable;
  checkin_delivery: CheckinDeliveryTable;
}

type AuthInstant = Date | string;
type AuthFlag = boolean | number;

export interface AuthUserTable {
  id: string;
  name: string;
  email: string;
  email_verified: AuthFlag;
  image: string | null;
  created_at: AuthInstant;
  updated_at: AuthInstant;
  two_factor_enabled: AuthFlag | null;
}

export interface AuthSessionTable {
  id: string;
  expires_at: AuthInstant;
  token: string;
  created_at: AuthInstant;
  updated_at: AuthInstant;
  ip_address: string | null;
  user_agent: string | null;
  user_id: string;
}

export interface AuthAccountTable {
  id: string;
  account_id: string;
  provider_id: string;
  user_id: string;
  access_token: string | null;
  refresh_token: string | null;
  id_token: string | null;
  access_token_expires_at: AuthInstant | null;
  refresh_token_expires_at: AuthInstant | null;
  scope: string | null;
  password: string | null;
  created_at: AuthInstant;
  updated_at: AuthInstant;
}

export interface AuthVerificationTable {
  id: string;
  identifier: string;
  value: string;
  expires_at: AuthInstant;
  created_at: AuthInstant;
  updated_at: AuthInstant;
}

export interface AuthTwoFactorTable {
  id: string;
  secret: string;
  backup_codes: string;
  user_id: string;
  verified: AuthFlag | null;
  failed_verification_count: number | null;
  locked_until: AuthInstant | null;
}

export interface AuthRateLimitTable {
  id: string;
  key: string;
  count: number;
  last_request: number;
}

export type PractitionerRole = "owner" | "therapist" | "assistant";

export interface PracticeTable {
  id: string;
  name: string;
  time_zone: string;
  created_at: string;
}

export interface PractitionerTable {
  id: string;
  practice_id: string;
  user_id: string;
  role: PractitionerRole;
  created_at: string;
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

export interface TrainingFileTable {
  id: string;
  practice_id: string;
  client_id: string;
  /** SHA-256 of the file's bytes as uploaded (after unzipping, before gunzip): the blob key. */
  sha256: string;
  file_name: string;
  format: "fit" | "gpx" | "tcx";
  size_bytes: number;
  imported_at: string;
  warnings_json: string;
}

export interface ActivityTable {
  id: string;
  practice_id: string;
  client_id: string;
  file_id: string;
  sport: string;
  sport_label: string | null;
  name: string | null;
  start_time: string;
  local_offset_minutes: number | null;
  elapsed_s: number;
  moving_s: number;
  distance_m: number;
  elevation_gain_m: number;
  elevation_loss_m: number;
  avg_pace_s_per_km: number | null;
  avg_cadence_spm: number | null;
  avg_heart_rate: number | null;
  labels_json: string;
  summary_json: string;
  stream_json: string;
  analysed_at: string;
}

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
  /** JSON list of region codes (src/clinical/vocabulary/regions.ts). */
  regions_json: string;
  onset_on: string | null;
  /** JSON list of trigger words, e.g. ["hill sprint"]. */
  triggers_json: string;
  status: "active" | "improving" | "resolved";
  notes: string | null;
  created_at: string;
  updated_at: string;
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
  created_at: string;
  updated_at: string;
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

export interface CheckinPlanTable {
  id: string;
  practice_id: string;
  name: string;
  /** JSON array of measure codes from the measures library, in display order. */
  measure_codes_json: string;
  /** JSON array of whole days after the session. */
  offsets_days_json: string;
  /** Hour of the day (0-23) in the client's time zone. */
  local_hour: number;
  expires_after_days: number;
  created_at: string;
  updated_at: string;
}

export interface CheckinTable {
  id: string;
  practice_id: string;
  client_id: string;
  session_id: string;
  plan_id: string;
  /** The plan's questionnaire when scheduled, so a later plan edit does not change a sent link. */
  measure_codes_json: string;
  offset_days: number;
  /** SHA-256 (hex) of the link token; the token itself is never stored. */
  token_sha256: string;
  due_at: string;
  expires_at: string;
  sent_at: string | null;
  opened_at: string | null;
  answered_at: string | null;
  created_at: string;
}

export interface CheckinAnswerTable {
  id: string;
  practice_id: string;
  checkin_id: string;
  version: number;
  /** JSON { [measureCode]: stored answer and score }. */
  answers_json: string;
  submitted_at: string;
}

export interface OutboxMessageTable {
  id: string;
  practice_id: string;
  checkin_id: string;
  to_address: string | null;
  subject: string;
  /** The message; the link is replaced by a marker when link_redacted = 1. */
  text: string;
  link_redacted: number;
  created_at: string;
}

/**
 * An e-mail the scheduler sends for a check-in. claimed → sending → sent; a row left in "sending"
 * by a crash becomes "unknown" and is not sent again (see docs/DECISIONS.md).
 */
export interface CheckinDeliveryTable {
  /** SHA-256 of the unsubscribe token this e-mail carried. */
  unsubscribe_sha256: string | null;
  id: string;
  practice_id: string;
  checkin_id: string;
  kind: "checkin" | "reminder";
  state: "claimed" | "sending" | "sent" | "unknown";
  /** The Message-ID header, fixed when the row is claimed, so a copy is recognisable as the same message. */
  message_id: string;
  claimed_at: string;
  sent_at: string | null;
  /** What the SMTP server answered when it accepted the message. */
  smtp_response: string | null;
}
