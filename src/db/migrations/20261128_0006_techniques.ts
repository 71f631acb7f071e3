import type { PalpableMigration } from "./types.js";

/** A practice's own techniques, beside the catalogue in code (src/clinical/vocabulary/). */
export const techniques: PalpableMigration = {
  async up(db) {
    await db.schema
      .createTable("practice_technique")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("name_key", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("practice_technique_name_uq")
      .on("practice_technique")
      .columns(["practice_id", "name_key"])
      .unique()
      .execute();
  },
};
