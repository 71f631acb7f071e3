import { sql } from "kysely";
import type { PalpableMigration } from "./types.js";

/** Append-only history of a session: a snapshot of the whole note after each change. */
export const sessionRevisions: PalpableMigration = {
  async up(db) {
    await db.schema
      .createTable("session_revision")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("session_id", "text", (c) => c.notNull().references("treatment_session.id").onDelete("cascade"))
      .addColumn("revision", "integer", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('created', 'edited', 'signed', 'amended')`))
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("by_practitioner_id", "text", (c) => c.notNull().references("practitioner.id"))
      .addColumn("reason", "text")
      .addColumn("changed_fields_json", "text", (c) => c.notNull())
      .addColumn("snapshot_json", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("session_revision_uq").on("session_revision").columns(["session_id", "revision"]).unique().execute();
  },
};
