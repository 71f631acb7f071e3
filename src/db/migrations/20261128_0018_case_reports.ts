import type { PalpableMigration } from "./types.js";

/**
 * Case reports: the therapist's title and narrative for an anonymised write-up of one client's
 * episode or single-case experiment. The anonymised content itself is not stored; it is built
 * from the record each time, so a report always shows the record as it stands. Rows go with the
 * client (and the complaint) they are about.
 */
export const caseReports: PalpableMigration = {
  async up(db) {
    await db.schema
      .createTable("case_report")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("client_id", "text", (c) => c.notNull().references("client.id").onDelete("cascade"))
      .addColumn("experiment_id", "text", (c) => c.references("experiment.id"))
      .addColumn("complaint_id", "text", (c) => c.references("complaint.id").onDelete("cascade"))
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("narrative", "text", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.notNull().references("practitioner.id"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("case_report_client_idx").on("case_report").columns(["practice_id", "client_id"]).execute();
  },
};
