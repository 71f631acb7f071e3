import { sql, type CreateTableBuilder } from "kysely";
import type { ColumnTypes, PalpableMigration } from "./types.js";

/**
 * One file may hold several activities: the legs of a duathlon, two runs a watch saved together.
 * `activity.file_id` stops being unique; (file_id, leg_index) is. Also:
 * - `sport_source` says where the sport came from (the file, inferred from the samples, or a
 *   practitioner), `sport_evidence` why, and `sport_override` keeps a practitioner's correction
 *   so that recomputing from the file does not undo it;
 * - `duplicate_of` links an activity to the richer recording of the same run from another device,
 *   so weekly load counts it once.
 * SQLite cannot drop a column's UNIQUE constraint, so there the table is rebuilt.
 */
export const activityLegs: PalpableMigration = {
  async up(db, t) {
    if (t.dialect === "sqlite") {
      await activityTable(db.schema.createTable("activity_next"), t).execute();
      await sql`insert into activity_next (${sql.raw(OLD_COLUMNS.join(", "))}) select ${sql.raw(OLD_COLUMNS.join(", "))} from activity`.execute(
        db,
      );
      await db.schema.dropTable("activity").execute();
      await db.schema.alterTable("activity_next").renameTo("activity").execute();
      await db.schema.createIndex("activity_client_start_idx").on("activity").columns(["practice_id", "client_id", "start_time"]).execute();
    } else {
      await sql`alter table activity drop constraint if exists activity_file_id_key`.execute(db);
      await db.schema
        .alterTable("activity")
        .addColumn("leg_index", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable("activity")
        .addColumn("sport_source", "text", (c) => c.notNull().defaultTo("file"))
        .execute();
      await db.schema.alterTable("activity").addColumn("sport_evidence", "text").execute();
      await db.schema.alterTable("activity").addColumn("sport_override", "text").execute();
      await db.schema.alterTable("activity").addColumn("duplicate_of", "text").execute();
    }
    await db.schema.createIndex("activity_file_leg_uq").on("activity").columns(["file_id", "leg_index"]).unique().execute();
  },
};

const OLD_COLUMNS = [
  "id",
  "practice_id",
  "client_id",
  "file_id",
  "sport",
  "sport_label",
  "name",
  "start_time",
  "local_offset_minutes",
  "elapsed_s",
  "moving_s",
  "distance_m",
  "elevation_gain_m",
  "elevation_loss_m",
  "avg_pace_s_per_km",
  "avg_cadence_spm",
  "avg_heart_rate",
  "labels_json",
  "summary_json",
  "stream_json",
  "analysed_at",
];

function activityTable(table: CreateTableBuilder<"activity_next">, t: ColumnTypes) {
  return table
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
    .addColumn("client_id", "text", (c) => c.notNull().references("client.id").onDelete("cascade"))
    .addColumn("file_id", "text", (c) => c.notNull().references("training_file.id").onDelete("cascade"))
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
    .addColumn("leg_index", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("sport_source", "text", (c) => c.notNull().defaultTo("file"))
    .addColumn("sport_evidence", "text")
    .addColumn("sport_override", "text")
    .addColumn("duplicate_of", "text");
}
