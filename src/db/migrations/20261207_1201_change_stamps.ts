import type { PalpableMigration } from "./types.js";

/**
 * Indexes that answer "has anything changed?" from the index alone: how many activities and
 * signed sessions a practice has and the latest analysis/update stamp of each. Cached analyses
 * (patterns) compare these before reusing a result.
 */
export const changeStamps: PalpableMigration = {
  async up(db) {
    await db.schema.createIndex("activity_practice_analysed").on("activity").columns(["practice_id", "analysed_at"]).execute();
    await db.schema
      .createIndex("treatment_session_practice_status_updated")
      .on("treatment_session")
      .columns(["practice_id", "status", "updated_at"])
      .execute();
  },
};
