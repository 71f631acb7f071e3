import type { Generated } from "kysely";

/** Check-in plans, check-ins, answers, the outbox and e-mail deliveries. */

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
  version: Generated<number>;
  updated_by: string | null;
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
  /** Set when the practitioner cancelled it: its link stops working and it is never sent. */
  cancelled_at: string | null;
  /** The check-in that replaced this one when it was rescheduled (this one is then cancelled). */
  rescheduled_to_id: string | null;
}

/** What happened when a signed session's protocol carried a check-in plan: one row per session. */
export interface CheckinAutoScheduleTable {
  id: string;
  practice_id: string;
  session_id: string;
  plan_id: string;
  outcome: "scheduled" | "no_consent";
  checkin_count: number;
  decided_at: string;
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
