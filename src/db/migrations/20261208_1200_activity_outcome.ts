import { sql } from "kysely";
import type { ChartStream } from "../../training/analysis/types.js";
import { runFeatures } from "../../training/outcomes/run-features.js";
import type { PalpableMigration } from "./types.js";

/**
 * Each activity's outcome features (training/outcomes/run-features.ts): the few numbers the
 * before/after running comparison needs from a run, kept beside the activity so experiment
 * results and the client outcomes page need not parse every run's stream. A table of its own
 * rather than a column of `activity`: on SQLite a column added after the large stream would be
 * read through the stream's overflow pages. Removed with its activity. Existing activities are
 * filled here from their streams, a batch at a time.
 */
export const activityOutcome: PalpableMigration = {
  async up(db) {
    await db.schema
      .createTable("activity_outcome")
      .addColumn("activity_id", "text", (c) => c.primaryKey().references("activity.id").onDelete("cascade"))
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("features_json", "text", (c) => c.notNull())
      .execute();
    let after = "";
    for (;;) {
      const { rows } = await sql<{ id: string; practice_id: string; stream_json: string }>`
        select id, practice_id, stream_json from activity where id > ${after} order by id limit 500`.execute(db);
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.id;
      const values = rows.map((row) => {
        let features: string;
        try {
          features = JSON.stringify(runFeatures(JSON.parse(row.stream_json) as ChartStream));
        } catch {
          return null;
        }
        return sql`(${row.id}, ${row.practice_id}, ${features})`;
      });
      const present = values.filter((v) => v !== null);
      if (present.length > 0)
        await sql`insert into activity_outcome (activity_id, practice_id, features_json) values ${sql.join(present)}`.execute(db);
    }
  },
};
