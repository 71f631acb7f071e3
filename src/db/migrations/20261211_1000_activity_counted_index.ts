import { sql } from "kysely";
import type { PalpableMigration } from "./types.js";

/**
 * A client's counted activities (not the second recording of a run two devices saved) by start,
 * read by training weeks, patterns and experiment eligibility. `duplicate_of` is stored after the
 * activity's chart stream, so on SQLite reading it from each row walks that stream's overflow
 * pages; with the condition in the index, those reads never open the row past its labels.
 */
export const activityCountedIndex: PalpableMigration = {
  async up(db) {
    await db.schema
      .createIndex("activity_counted_client_start")
      .on("activity")
      .columns(["practice_id", "client_id", "start_time"])
      .where(sql.ref("duplicate_of"), "is", null)
      .execute();
  },
};
