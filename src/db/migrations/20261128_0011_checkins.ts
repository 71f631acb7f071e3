import { sql } from "kysely";
import type { PalpableMigration } from "./types.js";

/**
 * Check-ins by link: plans (questionnaire + offsets), one check-in per offset with only the
 * SHA-256 of its link token, answer versions (corrections keep earlier ones) and the outbox.
 */
export const checkins: PalpableMigration = {
  async up(db) {
    await db.schema
      .createTable("checkin_plan")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("measure_codes_json", "text", (c) => c.notNull())
      .addColumn("offsets_days_json", "text", (c) => c.notNull())
      .addColumn("local_hour", "integer", (c) => c.notNull())
      .addColumn("expires_after_days", "integer", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("checkin")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("client_id", "text", (c) => c.notNull().references("client.id"))
      .addColumn("session_id", "text", (c) => c.notNull().references("treatment_session.id"))
      .addColumn("plan_id", "text", (c) => c.notNull().references("checkin_plan.id"))
      .addColumn("measure_codes_json", "text", (c) => c.notNull())
      .addColumn("offset_days", "integer", (c) => c.notNull())
      .addColumn("token_sha256", "text", (c) => c.notNull().unique())
      .addColumn("due_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("sent_at", "text")
      .addColumn("opened_at", "text")
      .addColumn("answered_at", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("checkin_practice_due").on("checkin").columns(["practice_id", "due_at"]).execute();
    await db.schema.createIndex("checkin_client").on("checkin").columns(["practice_id", "client_id"]).execute();
    await db.schema
      .createTable("checkin_answer")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("checkin_id", "text", (c) => c.notNull().references("checkin.id"))
      .addColumn("version", "integer", (c) => c.notNull())
      .addColumn("answers_json", "text", (c) => c.notNull())
      .addColumn("submitted_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("checkin_answer_uq").on("checkin_answer").columns(["checkin_id", "version"]).unique().execute();
    await db.schema
      .createTable("outbox_message")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("checkin_id", "text", (c) => c.notNull().references("checkin.id"))
      .addColumn("to_address", "text")
      .addColumn("subject", "text", (c) => c.notNull())
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("link_redacted", "integer", (c) => c.notNull().check(sql`link_redacted in (0, 1)`))
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("outbox_practice_created").on("outbox_message").columns(["practice_id", "created_at"]).execute();
  },
};
