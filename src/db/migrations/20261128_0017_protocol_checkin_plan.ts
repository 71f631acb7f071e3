import { sql } from "kysely";
import type { PalpableMigration } from "./types.js";

/**
 * A protocol version may name the check-in plan that follows it; signing a session that applied
 * it schedules the plan, and what happened is recorded once per session. Check-ins can be
 * cancelled, and a rescheduled one points to the check-in that replaced it.
 */
export const protocolCheckinPlan: PalpableMigration = {
  async up(db) {
    await db.schema
      .alterTable("protocol_version")
      .addColumn("checkin_plan_id", "text", (c) => c.references("checkin_plan.id"))
      .execute();
    await db.schema.alterTable("checkin").addColumn("cancelled_at", "text").execute();
    await db.schema
      .alterTable("checkin")
      .addColumn("rescheduled_to_id", "text", (c) => c.references("checkin.id"))
      .execute();
    await db.schema
      .createTable("checkin_auto_schedule")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("session_id", "text", (c) => c.notNull().references("treatment_session.id"))
      .addColumn("plan_id", "text", (c) => c.notNull().references("checkin_plan.id"))
      .addColumn("outcome", "text", (c) => c.notNull().check(sql`outcome in ('scheduled', 'no_consent')`))
      .addColumn("checkin_count", "integer", (c) => c.notNull())
      .addColumn("decided_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("checkin_auto_schedule_session_uq").on("checkin_auto_schedule").columns(["session_id"]).unique().execute();
  },
};
