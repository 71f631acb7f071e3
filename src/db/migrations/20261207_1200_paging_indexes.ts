import type { PalpableMigration } from "./types.js";

/**
 * Indexes for the paged lists of a large practice:
 * - the due list and its response rate read only (practice, due time, state columns), so counting
 *   every check-in ever due and finding the open ones never touch the table rows;
 * - one client's audit events, newest first, come straight from an index in page order.
 */
export const pagingIndexes: PalpableMigration = {
  async up(db) {
    await db.schema
      .createIndex("checkin_practice_due_state")
      .on("checkin")
      .columns(["practice_id", "due_at", "cancelled_at", "answered_at", "expires_at", "id"])
      .execute();
    await db.schema
      .createIndex("audit_events_practice_client_time")
      .on("audit_events")
      .columns(["practice_id", "client_id", "occurred_at", "id"])
      .execute();
  },
};
