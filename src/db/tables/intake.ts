/** The client's own intake and consent (src/intake/). */

export interface ConsentTextTable {
  id: string;
  practice_id: string;
  /** 1, 2, 3… per practice; each edit is a new row, old ones are kept. */
  version: number;
  body: string;
  /** SHA-256 (hex) of `body`'s exact UTF-8 bytes. */
  sha256: string;
  created_at: string;
  created_by: string | null;
}

export interface IntakeLinkTable {
  id: string;
  practice_id: string;
  client_id: string;
  token_sha256: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface IntakeSubmissionTable {
  id: string;
  practice_id: string;
  client_id: string;
  /** One submission per link: a second (or concurrent) submit stores nothing more. */
  link_id: string;
  submitted_at: string;
  answers_json: string;
  /** Every red-flag question's code → "yes" | "no". */
  red_flags_json: string;
  positive_flags: number;
  flags_reviewed_at: string | null;
  flags_reviewed_by: string | null;
  accepted_at: string | null;
  accepted_by: string | null;
}

export interface ConsentSignatureTable {
  id: string;
  practice_id: string;
  client_id: string;
  submission_id: string | null;
  text_id: string;
  text_version: number;
  text_sha256: string;
  /** The name the client typed. */
  signed_name: string;
  signed_at: string;
  ip: string | null;
  treatment: number;
  data_processing: number;
  case_reports: number;
}

export type SignedConsentKind = "treatment" | "data_processing" | "case_reports";

export interface ConsentWithdrawalTable {
  id: string;
  practice_id: string;
  client_id: string;
  signature_id: string;
  kind: SignedConsentKind;
  withdrawn_at: string;
  ip: string | null;
  /** Always the client's own act, through a link. */
  source: "client_link";
}

export interface ClientProfileRevisionTable {
  id: string;
  practice_id: string;
  client_id: string;
  seq: number;
  snapshot_json: string;
  changed_at: string;
  changed_by: string | null;
  /** "earlier": the profile as it was before the first kept change. */
  source: "earlier" | "intake" | "edit";
  submission_id: string | null;
}
