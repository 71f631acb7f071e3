import { sql } from "kysely";
import type { PalpableMigration } from "./types.js";

/**
 * The client's own intake and consent. The practice's consent text is versioned (each edit a new
 * row with the SHA-256 of its exact text); intake links keep only their token's SHA-256; a
 * submission is one per link; a signature names the text version and hash it was given on;
 * withdrawals are appended; the client's profile keeps a snapshot per change once accepted.
 */
export const intake: PalpableMigration = {
  async up(db) {
    await db.schema
      .createTable("consent_text")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("version", "integer", (c) => c.notNull())
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("sha256", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.references("practitioner.id"))
      .execute();
    await db.schema.createIndex("consent_text_version_uq").on("consent_text").columns(["practice_id", "version"]).unique().execute();

    await db.schema
      .createTable("intake_link")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("client_id", "text", (c) => c.notNull().references("client.id"))
      .addColumn("token_sha256", "text", (c) => c.notNull().unique())
      .addColumn("created_by", "text", (c) => c.references("practitioner.id"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("revoked_at", "text")
      .execute();
    await db.schema.createIndex("intake_link_client_idx").on("intake_link").columns(["practice_id", "client_id"]).execute();

    await db.schema
      .createTable("intake_submission")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("client_id", "text", (c) => c.notNull().references("client.id"))
      .addColumn("link_id", "text", (c) => c.notNull().unique().references("intake_link.id"))
      .addColumn("submitted_at", "text", (c) => c.notNull())
      .addColumn("answers_json", "text", (c) => c.notNull())
      .addColumn("red_flags_json", "text", (c) => c.notNull())
      .addColumn("positive_flags", "integer", (c) => c.notNull())
      .addColumn("flags_reviewed_at", "text")
      .addColumn("flags_reviewed_by", "text", (c) => c.references("practitioner.id"))
      .addColumn("accepted_at", "text")
      .addColumn("accepted_by", "text", (c) => c.references("practitioner.id"))
      .execute();
    await db.schema.createIndex("intake_submission_client_idx").on("intake_submission").columns(["practice_id", "client_id"]).execute();

    await db.schema
      .createTable("consent_signature")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("client_id", "text", (c) => c.notNull().references("client.id"))
      .addColumn("submission_id", "text", (c) => c.references("intake_submission.id"))
      .addColumn("text_id", "text", (c) => c.notNull().references("consent_text.id"))
      .addColumn("text_version", "integer", (c) => c.notNull())
      .addColumn("text_sha256", "text", (c) => c.notNull())
      .addColumn("signed_name", "text", (c) => c.notNull())
      .addColumn("signed_at", "text", (c) => c.notNull())
      .addColumn("ip", "text")
      .addColumn("treatment", "integer", (c) => c.notNull())
      .addColumn("data_processing", "integer", (c) => c.notNull())
      .addColumn("case_reports", "integer", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("consent_signature_client_idx").on("consent_signature").columns(["practice_id", "client_id"]).execute();

    await db.schema
      .createTable("consent_withdrawal")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("client_id", "text", (c) => c.notNull().references("client.id"))
      .addColumn("signature_id", "text", (c) => c.notNull().references("consent_signature.id"))
      .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('treatment', 'data_processing', 'case_reports')`))
      .addColumn("withdrawn_at", "text", (c) => c.notNull())
      .addColumn("ip", "text")
      .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('client_link')`))
      .execute();
    await db.schema
      .createIndex("consent_withdrawal_uq")
      .on("consent_withdrawal")
      .columns(["practice_id", "signature_id", "kind"])
      .unique()
      .execute();

    await db.schema
      .createTable("client_profile_revision")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("client_id", "text", (c) => c.notNull().references("client.id"))
      .addColumn("seq", "integer", (c) => c.notNull())
      .addColumn("snapshot_json", "text", (c) => c.notNull())
      .addColumn("changed_at", "text", (c) => c.notNull())
      .addColumn("changed_by", "text", (c) => c.references("practitioner.id"))
      .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('earlier', 'intake', 'edit')`))
      .addColumn("submission_id", "text")
      .execute();
    await db.schema
      .createIndex("client_profile_revision_uq")
      .on("client_profile_revision")
      .columns(["practice_id", "client_id", "seq"])
      .unique()
      .execute();
  },
};
