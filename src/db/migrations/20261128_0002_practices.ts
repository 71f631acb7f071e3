import { sql } from "kysely";
import type { PalpableMigration } from "./types.js";

/** Practices (the tenants) and their practitioners, each tied to one sign-in account. */
export const practices: PalpableMigration = {
  async up(db) {
    await db.schema
      .createTable("practice")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("time_zone", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("practitioner")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("user_id", "text", (c) => c.notNull().unique().references("auth_user.id").onDelete("cascade"))
      .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('owner', 'therapist', 'assistant')`))
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("practitioner_practice_idx").on("practitioner").column("practice_id").execute();
  },
};
