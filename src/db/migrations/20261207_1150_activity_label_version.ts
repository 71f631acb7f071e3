import type { PalpableMigration } from "./types.js";

/**
 * The version of the labelling rules each activity's labels were computed with (thresholds.ts
 * LABEL_VERSION). Activities stored before the column existed were labelled by version 1.
 */
export const activityLabelVersion: PalpableMigration = {
  async up(db) {
    await db.schema
      .alterTable("activity")
      .addColumn("label_version", "integer", (c) => c.notNull().defaultTo(1))
      .execute();
  },
};
