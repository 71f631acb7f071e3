import type { PalpableMigration } from "./types.js";

/**
 * Experiment results read every answered check-in of the enrolled clients (tens of thousands of
 * rows at 200 clients): an index that covers that read, in its order (client, due time, id), so
 * no row is fetched from the table and nothing is sorted. It starts with the columns of
 * `checkin_client`, which it replaces.
 */
export const resultReads: PalpableMigration = {
  async up(db) {
    await db.schema
      .createIndex("checkin_client_due_answered")
      .on("checkin")
      .columns(["practice_id", "client_id", "due_at", "id", "answered_at", "session_id"])
      .execute();
    await db.schema.dropIndex("checkin_client").execute();
  },
};
