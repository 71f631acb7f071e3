import { createHmac } from "node:crypto";
import type { Database } from "../db/database.js";
import type { Clock } from "../shared/clock.js";
import * as repo from "./throttle-repository.js";

/**
 * Per-account sign-in throttling, on top of better-auth's per-address limit: however many
 * addresses a guesser uses, an account gets FREE_FAILURES wrong passwords, then each further
 * attempt waits twice as long as the last (BASE_DELAY_MS, doubling, capped at MAX_DELAY_MS). A
 * correct password after the wait works and clears the count. Unknown addresses are throttled
 * exactly like known ones, so the answer never says whether an account exists.
 */
export const THROTTLE = {
  FREE_FAILURES: 5,
  BASE_DELAY_MS: 15_000,
  MAX_DELAY_MS: 15 * 60_000,
} as const;

export interface ThrottleDeps {
  database: Database;
  clock: Clock;
  /** The server secret: account keys are HMACs of the address, so the table reveals no addresses. */
  secret: string;
}

export type Admission =
  | { admitted: true; accountKey: string; /** This attempt started a back-off: time to tell the account holder. */ startsLockout: boolean }
  | { admitted: false; accountKey: string; retryAfterSeconds: number };

export function accountKey(secret: string, email: string): string {
  return createHmac("sha256", secret).update(`sign-in:${email.trim().toLowerCase()}`).digest("hex");
}

/** How long to wait after the n-th consecutive failure (0 while failures are free). */
export function backOffMs(failures: number): number {
  if (failures < THROTTLE.FREE_FAILURES) return 0;
  return Math.min(THROTTLE.BASE_DELAY_MS * 2 ** (failures - THROTTLE.FREE_FAILURES), THROTTLE.MAX_DELAY_MS);
}

/**
 * Decides whether an attempt may check its password. The attempt is counted as a failure before
 * the password is checked (and cleared by `recordSuccess`), so many parallel attempts cannot all
 * slip in before the first failure is written.
 */
export async function admitAttempt(deps: ThrottleDeps, email: string): Promise<Admission> {
  const key = accountKey(deps.secret, email);
  for (let tries = 0; tries < 50; tries += 1) {
    const now = deps.clock.now();
    const row = await repo.findThrottle(deps.database.db, key);
    if (row?.blocked_until && Date.parse(row.blocked_until) > now.getTime()) {
      return { admitted: false, accountKey: key, retryAfterSeconds: Math.ceil((Date.parse(row.blocked_until) - now.getTime()) / 1000) };
    }
    const failures = (row?.failures ?? 0) + 1;
    const delay = backOffMs(failures);
    const next = {
      failures,
      blocked_until: delay > 0 ? new Date(now.getTime() + delay).toISOString() : null,
      last_attempt_at: now.toISOString(),
    };
    const moved = row
      ? await repo.advanceThrottle(deps.database.db, row, next)
      : await repo.insertThrottle(deps.database.db, { account_key: key, ...next, lockout_notified_at: null });
    if (moved) return { admitted: true, accountKey: key, startsLockout: failures === THROTTLE.FREE_FAILURES };
  }
  // Heavy contention on one account: refuse rather than loop.
  return { admitted: false, accountKey: key, retryAfterSeconds: Math.ceil(THROTTLE.BASE_DELAY_MS / 1000) };
}

export async function recordSuccess(deps: ThrottleDeps, key: string): Promise<void> {
  await repo.clearThrottle(deps.database.db, key);
}

/** True once per lockout episode: the caller then e-mails the account holder. */
export async function claimLockoutNotice(deps: ThrottleDeps, key: string): Promise<boolean> {
  return repo.claimLockoutNotice(deps.database.db, key, deps.clock.now().toISOString());
}
