import { sql } from "kysely";
import type { PalpableMigration } from "./types.js";

/** Client records: contact details and running background. */
export const clients: PalpableMigration = {
  async up(db, t) {
    await db.schema
      .createTable("client")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("first_name", "text", (c) => c.notNull())
      .addColumn("last_name", "text", (c) => c.notNull())
      .addColumn("email", "text")
      .addColumn("email_key", "text")
      .addColumn("phone", "text")
      .addColumn("date_of_birth", "text")
      .addColumn("time_zone", "text", (c) => c.notNull())
      .addColumn("notes", "text")
      .addColumn("years_running", t.real)
      .addColumn("weekly_km", t.real)
      .addColumn("goal_event_name", "text")
      .addColumn("goal_event_date", "text")
      .addColumn("goal_event_distance_km", t.real)
      .addColumn("search_text", "text", (c) => c.notNull())
      .addColumn("archived_at", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("client_practice_name_idx").on("client").columns(["practice_id", "last_name", "first_name"]).execute();
    // NULL emails are distinct in both SQLite and PostgreSQL, so clients without email never collide.
    await db.schema.createIndex("client_practice_email_key_uq").on("client").columns(["practice_id", "email_key"]).unique().execute();
    await db.schema
      .createTable("client_injury")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("client_id", "text", (c) => c.notNull().references("client.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull())
      .addColumn("region", "text")
      .addColumn("side", "text", (c) => c.check(sql`side in ('left', 'right', 'both')`))
      .addColumn("occurred_on", "text")
      .addColumn("resolved", "integer", (c) => c.notNull())
      .addColumn("notes", "text")
      .execute();
    await db.schema.createIndex("client_injury_client_idx").on("client_injury").columns(["practice_id", "client_id"]).execute();
    await db.schema
      .createTable("client_self_care")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("client_id", "text", (c) => c.notNull().references("client.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("method", "text", (c) => c.notNull().check(sql`method in ('rolling', 'stretching', 'percussion', 'other')`))
      .addColumn("detail", "text")
      .addColumn("effect", "text", (c) => c.notNull().check(sql`effect in ('helped', 'no_change', 'worse', 'unsure')`))
      .addColumn("notes", "text")
      .execute();
    await db.schema.createIndex("client_self_care_client_idx").on("client_self_care").columns(["practice_id", "client_id"]).execute();
  },
};
