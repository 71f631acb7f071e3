import type { PalpableMigration } from "./types.js";

/** The practice's latest check-in answer from an index, for cached results to notice a new one. */
export const answerStamps: PalpableMigration = {
  async up(db) {
    await db.schema
      .createIndex("checkin_answer_practice_submitted")
      .on("checkin_answer")
      .columns(["practice_id", "submitted_at"])
      .execute();
  },
};
