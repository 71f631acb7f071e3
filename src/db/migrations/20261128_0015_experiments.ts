import type { PalpableMigration } from "./types.js";

/**
 * Practice experiments: the plan (editable while a draft), its pre-registration (a frozen record
 * and its SHA-256, written once when the experiment starts), amendments (append-only) and the
 * clients enrolled with their arm.
 */
export const experiments: PalpableMigration = {
  async up(db) {
    await db.schema
      .createTable("experiment")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("plan_json", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("allocation_seed", "text")
      .addColumn("registered_at", "text")
      .addColumn("registered_by", "text", (c) => c.references("practitioner.id"))
      .addColumn("registration_json", "text")
      .addColumn("registration_sha256", "text")
      .addColumn("finished_at", "text")
      .addColumn("created_by", "text", (c) => c.notNull().references("practitioner.id"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("experiment_practice_idx").on("experiment").columns(["practice_id"]).execute();
    await db.schema
      .createTable("experiment_amendment")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("experiment_id", "text", (c) => c.notNull().references("experiment.id"))
      .addColumn("number", "integer", (c) => c.notNull())
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("by_practitioner_id", "text", (c) => c.notNull().references("practitioner.id"))
      .addColumn("field", "text", (c) => c.notNull())
      .addColumn("before_json", "text", (c) => c.notNull())
      .addColumn("after_json", "text", (c) => c.notNull())
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("plan_sha256", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("experiment_amendment_uq")
      .on("experiment_amendment")
      .columns(["experiment_id", "number"])
      .unique()
      .execute();
    await db.schema
      .createTable("experiment_enrolment")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("experiment_id", "text", (c) => c.notNull().references("experiment.id"))
      .addColumn("client_id", "text", (c) => c.notNull().references("client.id"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("arm", "text", (c) => c.notNull())
      .addColumn("allocation_note", "text", (c) => c.notNull())
      .addColumn("data_from", "text", (c) => c.notNull())
      .addColumn("enrolled_at", "text", (c) => c.notNull())
      .addColumn("enrolled_by", "text", (c) => c.notNull().references("practitioner.id"))
      .addColumn("eligibility_json", "text", (c) => c.notNull())
      .addColumn("withdrawn_at", "text")
      .addColumn("withdrawn_reason", "text")
      .execute();
    await db.schema
      .createIndex("experiment_enrolment_uq")
      .on("experiment_enrolment")
      .columns(["experiment_id", "client_id"])
      .unique()
      .execute();
    await db.schema
      .createIndex("experiment_enrolment_client_idx")
      .on("experiment_enrolment")
      .columns(["practice_id", "client_id"])
      .execute();
  },
};
