import type { Executor } from "../db/database.js";

/*
 * The sign-in throttle's SQL. Rows are keyed by a keyed hash of the e-mail address tried, not by
 * practice: an attempt names no practice until it succeeds, and unknown addresses are throttled
 * exactly like known ones.
 */

export interface ThrottleRow {
  account_key: string;
  failures: number;
  blocked_until: string | null;
  last_attempt_at: string;
  lockout_notified_at: string | null;
}

export async function findThrottle(db: Executor, accountKey: string): Promise<ThrottleRow | undefined> {
  const row = await db.selectFrom("sign_in_throttle").selectAll().where("account_key", "=", accountKey).executeTakeFirst();
  return row && { ...row, failures: Number(row.failures) };
}

/** Inserts the first attempt's row; false when another request inserted it first. */
export async function insertThrottle(db: Executor, row: ThrottleRow): Promise<boolean> {
  const result = await db
    .insertInto("sign_in_throttle")
    .values(row)
    .onConflict((oc) => oc.column("account_key").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Moves a row from the state it was read in to the next one, only if nobody moved it meanwhile
 * (compare-and-set on the failure count and the deadline): parallel attempts cannot both pass.
 */
export async function advanceThrottle(
  db: Executor,
  read: Pick<ThrottleRow, "account_key" | "failures" | "blocked_until">,
  next: Pick<ThrottleRow, "failures" | "blocked_until" | "last_attempt_at">,
): Promise<boolean> {
  let query = db
    .updateTable("sign_in_throttle")
    .set(next)
    .where("account_key", "=", read.account_key)
    .where("failures", "=", read.failures);
  query = read.blocked_until === null ? query.where("blocked_until", "is", null) : query.where("blocked_until", "=", read.blocked_until);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A correct password: the account starts afresh. */
export async function clearThrottle(db: Executor, accountKey: string): Promise<void> {
  await db.deleteFrom("sign_in_throttle").where("account_key", "=", accountKey).execute();
}

/** Claims the right to send this lockout's notice; false when it was sent already in this episode. */
export async function claimLockoutNotice(db: Executor, accountKey: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable("sign_in_throttle")
    .set({ lockout_notified_at: at })
    .where("account_key", "=", accountKey)
    .where("lockout_notified_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The account an e-mail address signs in to, if any (for the lockout notice; across practices by nature). */
export async function findUserByEmail(db: Executor, email: string): Promise<{ name: string; email: string } | undefined> {
  return db.selectFrom("auth_user").select(["name", "email"]).where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
}
