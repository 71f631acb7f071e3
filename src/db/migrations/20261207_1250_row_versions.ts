import type { PalpableMigration } from "./types.js";

/** The records people edit, each with the version an edit must be based on. */
export const VERSIONED_TABLES = ["client", "complaint", "treatment_session", "checkin_plan", "experiment", "case_report"] as const;

/**
 * Optimistic concurrency: every editable record gets a `version` (1 on creation, +1 on every
 * change) and who made the latest change (`updated_by`, a practitioner id; no foreign key, so it
 * outlives the practitioner's removal). An edit names the version it was based on and is applied
 * only while that is still the current one.
 */
export const rowVersions: PalpableMigration = {
  async up(db) {
    for (const table of VERSIONED_TABLES) {
      await db.schema
        .alterTable(table)
        .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.alterTable(table).addColumn("updated_by", "text").execute();
    }
  },
};
