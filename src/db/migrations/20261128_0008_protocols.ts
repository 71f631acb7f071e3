import type { PalpableMigration } from "./types.js";

/** Protocols and their immutable versions: a change to a protocol writes a new version row. */
export const protocols: PalpableMigration = {
  async up(db) {
    await db.schema
      .createTable("protocol")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("protocol_practice_idx").on("protocol").columns(["practice_id"]).execute();
    await db.schema
      .createTable("protocol_version")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("protocol_id", "text", (c) => c.notNull().references("protocol.id"))
      .addColumn("version", "integer", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("description", "text")
      .addColumn("steps_json", "text", (c) => c.notNull())
      .addColumn("planned_sessions", "integer", (c) => c.notNull())
      .addColumn("spacing_days", "integer", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.notNull().references("practitioner.id"))
      .execute();
    await db.schema.createIndex("protocol_version_uq").on("protocol_version").columns(["protocol_id", "version"]).unique().execute();
  },
};
