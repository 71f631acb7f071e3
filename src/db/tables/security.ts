/** Account protection: the per-account sign-in throttle, and invitations to join a practice. */

export interface SignInThrottleTable {
  /** HMAC-SHA256 of the lower-cased e-mail address tried, hex. */
  account_key: string;
  /** Consecutive attempts that did not end in a correct password. */
  failures: number;
  /** No attempt is checked before this instant (ISO); null when there is no back-off. */
  blocked_until: string | null;
  last_attempt_at: string;
  /** When the account's holder was last told by e-mail that sign-in was paused. */
  lockout_notified_at: string | null;
}

export interface TeamInvitationTable {
  id: string;
  practice_id: string;
  /** Lower-cased. */
  email: string;
  name: string;
  role: "owner" | "therapist" | "assistant";
  token_sha256: string;
  invited_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}
