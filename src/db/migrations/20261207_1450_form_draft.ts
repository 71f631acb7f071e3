import type { PalpableMigration } from "./types.js";

/**
 * Work in progress on a form (a session note, a complaint, a protocol, an experiment plan), kept
 * per practitioner as they type, so a reload or a closed tab loses nothing. One row per form:
 * the form's key (e.g. "session:new:<client id>"), the form's state as JSON, and the client it is
 * about (so erasing a client erases their drafts).
 */
export const formDraft: PalpableMigration = {
  async up(db) {
    await db.schema
      .createTable("form_draft")
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("practitioner_id", "text", (c) => c.notNull().references("practitioner.id"))
      .addColumn("form_key", "text", (c) => c.notNull())
      .addColumn("client_id", "text")
      .addColumn("body_json", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("form_draft_pk", ["practice_id", "practitioner_id", "form_key"])
      .execute();
    await db.schema.createIndex("form_draft_client_idx").on("form_draft").columns(["practice_id", "client_id"]).execute();
  },
};
