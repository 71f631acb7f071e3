import { sql } from "kysely";
import type { PalpableMigration } from "./types.js";

/** Consents as an append-only history: each row is one "given" or "withdrawn" with its date. */
export const clientConsents: PalpableMigration = {
  async up(db) {
    await db.schema
      .createTable("client_consent_event")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("client_id", "text", (c) => c.notNull().references("client.id").onDelete("cascade"))
      .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('checkin_messages', 'anonymised_case_reports')`))
      .addColumn("granted", "integer", (c) => c.notNull())
      .addColumn("effective_on", "text", (c) => c.notNull())
      .addColumn("recorded_at", "text", (c) => c.notNull())
      .addColumn("recorded_by", "text", (c) => c.notNull().references("practitioner.id"))
      .addColumn("seq", "integer", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("client_consent_event_client_idx")
      .on("client_consent_event")
      .columns(["practice_id", "client_id", "kind", "seq"])
      .unique()
      .execute();
  },
};
