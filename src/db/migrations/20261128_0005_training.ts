import { sql } from "kysely";
import type { PalpableMigration } from "./types.js";

/**
 * Training data: each raw file a client's watch wrote (kept content-addressed in the blob store)
 * and the activity computed from it. Activities can be recomputed from their file at any time.
 */
export const training: PalpableMigration = {
  async up(db, t) {
    await db.schema
      .createTable("training_file")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("client_id", "text", (c) => c.notNull().references("client.id").onDelete("cascade"))
      .addColumn("sha256", "text", (c) => c.notNull())
      .addColumn("file_name", "text", (c) => c.notNull())
      .addColumn("format", "text", (c) => c.notNull().check(sql`format in ('fit', 'gpx', 'tcx')`))
      .addColumn("size_bytes", t.bigint, (c) => c.notNull())
      .addColumn("imported_at", "text", (c) => c.notNull())
      .addColumn("warnings_json", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("training_file_client_sha_uq")
      .on("training_file")
      .columns(["practice_id", "client_id", "sha256"])
      .unique()
      .execute();

    await db.schema
      .createTable("activity")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("client_id", "text", (c) => c.notNull().references("client.id").onDelete("cascade"))
      .addColumn("file_id", "text", (c) => c.notNull().unique().references("training_file.id").onDelete("cascade"))
      .addColumn("sport", "text", (c) => c.notNull())
      .addColumn("sport_label", "text")
      .addColumn("name", "text")
      .addColumn("start_time", "text", (c) => c.notNull())
      .addColumn("local_offset_minutes", "integer")
      .addColumn("elapsed_s", t.real, (c) => c.notNull())
      .addColumn("moving_s", t.real, (c) => c.notNull())
      .addColumn("distance_m", t.real, (c) => c.notNull())
      .addColumn("elevation_gain_m", t.real, (c) => c.notNull())
      .addColumn("elevation_loss_m", t.real, (c) => c.notNull())
      .addColumn("avg_pace_s_per_km", t.real)
      .addColumn("avg_cadence_spm", t.real)
      .addColumn("avg_heart_rate", t.real)
      .addColumn("labels_json", "text", (c) => c.notNull())
      .addColumn("summary_json", "text", (c) => c.notNull())
      .addColumn("stream_json", "text", (c) => c.notNull())
      .addColumn("analysed_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("activity_client_start_idx").on("activity").columns(["practice_id", "client_id", "start_time"]).execute();
  },
};
