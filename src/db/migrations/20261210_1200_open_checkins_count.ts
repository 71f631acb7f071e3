import { sql } from "kysely";
import type { PalpableMigration } from "./types.js";

/**
 * The response rate's count read from its partial index alone: SQLite treats a partial index as
 * covering only when every column the query names is in it, `cancelled_at` included (always null
 * there, a byte per entry). The six-column index the due list used before the partial ones goes:
 * the page and the count no longer read it, and every check-in write kept it up to date.
 */
export const openCheckinsCount: PalpableMigration = {
  async up(db) {
    await db.schema
      .createIndex("checkin_due_count")
      .on("checkin")
      .columns(["practice_id", "due_at", "answered_at", "cancelled_at"])
      .where(sql.ref("cancelled_at"), "is", null)
      .execute();
    await db.schema.dropIndex("checkin_due_answered").execute();
    await db.schema.dropIndex("checkin_practice_due_state").execute();
  },
};
