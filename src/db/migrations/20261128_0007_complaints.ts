import { sql } from "kysely";
import type { PalpableMigration } from "./types.js";

/** Complaints (episodes) of a client: regions and triggers as JSON lists of codes and words. */
export const complaints: PalpableMigration = {
  async up(db) {
    await db.schema
      .createTable("complaint")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("client_id", "text", (c) => c.notNull().references("client.id").onDelete("cascade"))
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("side", "text", (c) => c.check(sql`side in ('left', 'right', 'both')`))
      .addColumn("regions_json", "text", (c) => c.notNull())
      .addColumn("onset_on", "text")
      .addColumn("triggers_json", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('active', 'improving', 'resolved')`))
      .addColumn("notes", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("complaint_client_idx").on("complaint").columns(["practice_id", "client_id"]).execute();
  },
};
