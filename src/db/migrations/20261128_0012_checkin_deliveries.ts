import { sql } from "kysely";
import type { PalpableMigration } from "./types.js";

/**
 * One row per e-mail the scheduler sends for a check-in (the check-in itself, then one reminder).
 * The unique (checkin_id, kind) is the durable claim that stops a message going twice.
 */
export const checkinDeliveries: PalpableMigration = {
  async up(db) {
    await db.schema
      .createTable("checkin_delivery")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("checkin_id", "text", (c) => c.notNull().references("checkin.id"))
      .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('checkin', 'reminder')`))
      .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('claimed', 'sending', 'sent', 'unknown')`))
      .addColumn("message_id", "text", (c) => c.notNull())
      .addColumn("claimed_at", "text", (c) => c.notNull())
      .addColumn("sent_at", "text")
      .addColumn("smtp_response", "text")
      .execute();
    await db.schema.createIndex("checkin_delivery_uq").on("checkin_delivery").columns(["checkin_id", "kind"]).unique().execute();
    await db.schema.createIndex("checkin_delivery_state").on("checkin_delivery").columns(["state"]).execute();
  },
};
