import type { PalpableMigration } from "./types.js";

/**
 * `audit_events_practice_client` (practice, client) is the first two columns of
 * `audit_events_practice_client_time` (practice, client, time, id), which serves every query the
 * shorter one did. Every audit event — one per check-in answer, among others — paid for both.
 */
export const auditClientIndex: PalpableMigration = {
  async up(db) {
    await db.schema.dropIndex("audit_events_practice_client").execute();
  },
};
