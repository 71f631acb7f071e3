/** Account protection: the per-account sign-in throttle. */

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
