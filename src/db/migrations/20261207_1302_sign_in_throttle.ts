import type { PalpableMigration } from "./types.js";

/**
 * Per-account sign-in throttle: consecutive failures and the back-off deadline for each e-mail
 * address tried, known or not. The key is a keyed hash of the address (HMAC with the server's
 * secret), so the table holds no addresses and cannot be reversed by guessing without the secret.
 */
export const signInThrottle: PalpableMigration = {
  async up(db) {
    await db.schema
      .createTable("sign_in_throttle")
      .addColumn("account_key", "text", (c) => c.primaryKey())
      .addColumn("failures", "integer", (c) => c.notNull())
      .addColumn("blocked_until", "text")
      .addColumn("last_attempt_at", "text", (c) => c.notNull())
      .addColumn("lockout_notified_at", "text")
      .execute();
  },
};
