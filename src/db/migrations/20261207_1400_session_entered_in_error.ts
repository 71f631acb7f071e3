import type { PalpableMigration } from "./types.js";

/**
 * A signed note recorded by mistake (wrong client, wrong day) is marked "entered in error" with a
 * reason, never deleted: it stays in the record, struck through, and analyses leave it out.
 */
export const sessionEnteredInError: PalpableMigration = {
  async up(db) {
    await db.schema.alterTable("treatment_session").addColumn("entered_in_error_at", "text").execute();
    await db.schema.alterTable("treatment_session").addColumn("entered_in_error_reason", "text").execute();
    await db.schema
      .alterTable("treatment_session")
      .addColumn("entered_in_error_by", "text", (c) => c.references("practitioner.id"))
      .execute();
  },
};
