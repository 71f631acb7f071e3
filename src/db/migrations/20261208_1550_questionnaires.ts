import type { PalpableMigration } from "./types.js";

/**
 * The practice's own questionnaires, and its wording of instruments it holds (based_on = "uwri").
 * Each edit of a version in use writes a new version row; a version is frozen (frozen_at) the
 * first time a check-in plan lists it or an answer is given with it, and is never changed after.
 * `version` on the questionnaire row is the record version an edit must name.
 */
export const questionnaires: PalpableMigration = {
  async up(db) {
    await db.schema
      .createTable("questionnaire")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("based_on", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("created_by", "text")
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("updated_by", "text")
      .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex("questionnaire_based_on_idx").on("questionnaire").columns(["practice_id", "based_on"]).unique().execute();
    await db.schema
      .createTable("questionnaire_version")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("questionnaire_id", "text", (c) => c.notNull().references("questionnaire.id"))
      .addColumn("number", "integer", (c) => c.notNull())
      .addColumn("definition_json", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("created_by", "text")
      .addColumn("frozen_at", "text")
      .execute();
    await db.schema
      .createIndex("questionnaire_version_number_idx")
      .on("questionnaire_version")
      .columns(["questionnaire_id", "number"])
      .unique()
      .execute();
    await db.schema.createIndex("questionnaire_version_practice_idx").on("questionnaire_version").columns(["practice_id"]).execute();
  },
};
