import type { PalpableMigration } from "./types.js";

/**
 * The client's "send your runs" link and what arrives through it. Only the link token's SHA-256
 * is stored. Each upload (one resumable upload or one form post) is a row, so the daily quota
 * counts bytes received and the runner can remove an upload, with the activities it made, within
 * a day. Training files remember the upload that brought them ("sent by the client").
 */
export const runsLink: PalpableMigration = {
  async up(db, t) {
    await db.schema
      .createTable("runs_link")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("client_id", "text", (c) => c.notNull().references("client.id"))
      .addColumn("token_sha256", "text", (c) => c.notNull().unique())
      .addColumn("created_by", "text", (c) => c.references("practitioner.id"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("revoked_at", "text")
      .execute();
    await db.schema.createIndex("runs_link_client_idx").on("runs_link").columns(["practice_id", "client_id"]).execute();
    await db.schema
      .createTable("runs_upload")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("client_id", "text", (c) => c.notNull().references("client.id"))
      .addColumn("link_id", "text", (c) => c.notNull().references("runs_link.id"))
      .addColumn("file_name", "text", (c) => c.notNull())
      .addColumn("size_bytes", t.bigint, (c) => c.notNull())
      .addColumn("received_at", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("results_json", "text", (c) => c.notNull())
      .addColumn("removed_at", "text")
      .execute();
    await db.schema.createIndex("runs_upload_client_idx").on("runs_upload").columns(["practice_id", "client_id", "received_at"]).execute();
    await db.schema.alterTable("training_file").addColumn("runs_upload_id", "text").execute();
  },
};
