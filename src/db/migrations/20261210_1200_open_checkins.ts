import { sql } from "kysely";
import type { PalpableMigration } from "./types.js";

/**
 * Two partial indexes for the due list:
 * - its page, in page order: only check-ins neither answered nor cancelled, by (due time, id), with
 *   the expiry time beside them. A page is then its own 51 index entries, not every check-in of the
 *   last 60 days read and sorted.
 * - its response rate, which counts every check-in not cancelled that came due, and the answered
 *   ones among them: only the three columns that count needs, a third of the entry of the
 *   six-column index it used, and far less than the table rows PostgreSQL scanned instead.
 */
export const openCheckins: PalpableMigration = {
  async up(db) {
    await db.schema
      .createIndex("checkin_open_due")
      .on("checkin")
      .columns(["practice_id", "due_at", "id", "expires_at"])
      .where(sql.ref("answered_at"), "is", null)
      .where(sql.ref("cancelled_at"), "is", null)
      .execute();
    await db.schema
      .createIndex("checkin_due_answered")
      .on("checkin")
      .columns(["practice_id", "due_at", "answered_at"])
      .where(sql.ref("cancelled_at"), "is", null)
      .execute();
  },
};
