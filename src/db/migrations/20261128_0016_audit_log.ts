import { sql } from "kysely";
import type { PalpableMigration } from "./types.js";

/**
 * The audit log: who read, changed, exported or erased what, when and from where. Rows are only
 * ever inserted; triggers on both databases refuse UPDATE and DELETE, so not even a bug in our
 * own code (or a hand-typed statement) can rewrite history.
 */
export const auditLog: PalpableMigration = {
  async up(db, t) {
    await db.schema
      .createTable("audit_events")
      .addColumn("id", "text", (c) => c.primaryKey())
      // Null only for a failed sign-in with an e-mail that belongs to no practitioner.
      .addColumn("practice_id", "text", (c) => c.references("practice.id"))
      .addColumn("occurred_at", "text", (c) => c.notNull())
      .addColumn("actor_kind", "text", (c) => c.notNull().check(sql`actor_kind in ('practitioner', 'client', 'unknown')`))
      // No foreign keys on actor, resource or client: the log outlives what it describes (erasure).
      .addColumn("actor_id", "text")
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("resource_type", "text", (c) => c.notNull())
      .addColumn("resource_id", "text")
      .addColumn("client_id", "text")
      .addColumn("ip", "text")
      .addColumn("user_agent", "text")
      .addColumn("outcome", "text", (c) => c.notNull())
      .addColumn("detail_json", "text")
      .execute();
    await db.schema.createIndex("audit_events_practice_time").on("audit_events").columns(["practice_id", "occurred_at", "id"]).execute();
    await db.schema.createIndex("audit_events_practice_client").on("audit_events").columns(["practice_id", "client_id"]).execute();

    if (t.dialect === "postgres") {
      await sql`create function audit_events_append_only() returns trigger language plpgsql as $$
        begin
          raise exception 'audit_events is append-only: % is not allowed', tg_op;
        end;
      $$`.execute(db);
      await sql`create trigger audit_events_no_update before update on audit_events
        for each row execute function audit_events_append_only()`.execute(db);
      await sql`create trigger audit_events_no_delete before delete on audit_events
        for each row execute function audit_events_append_only()`.execute(db);
      await sql`create trigger audit_events_no_truncate before truncate on audit_events
        for each statement execute function audit_events_append_only()`.execute(db);
      return;
    }
    await sql`create trigger audit_events_no_update before update on audit_events
      begin select raise(abort, 'audit_events is append-only: UPDATE is not allowed'); end`.execute(db);
    await sql`create trigger audit_events_no_delete before delete on audit_events
      begin select raise(abort, 'audit_events is append-only: DELETE is not allowed'); end`.execute(db);
  },
};
