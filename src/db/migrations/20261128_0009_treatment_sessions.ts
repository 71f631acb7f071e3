import { sql } from "kysely";
import type { PalpableMigration } from "./types.js";

/**
 * Treatment sessions (visits) with their complaints, findings and technique steps. Findings and
 * steps are rows, not JSON, so later analyses can count them across clients in SQL.
 */
export const treatmentSessions: PalpableMigration = {
  async up(db, t) {
    await db.schema
      .createTable("treatment_session")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("client_id", "text", (c) => c.notNull().references("client.id").onDelete("cascade"))
      .addColumn("practitioner_id", "text", (c) => c.notNull().references("practitioner.id"))
      .addColumn("started_at", "text", (c) => c.notNull())
      .addColumn("protocol_version_id", "text", (c) => c.references("protocol_version.id"))
      .addColumn("measures_json", "text", (c) => c.notNull())
      .addColumn("soap_json", "text", (c) => c.notNull())
      .addColumn("advice", "text")
      .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('draft', 'signed')`))
      .addColumn("signed_at", "text")
      .addColumn("amendments", "integer", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("treatment_session_client_idx")
      .on("treatment_session")
      .columns(["practice_id", "client_id", "started_at"])
      .execute();
    await db.schema
      .createTable("session_complaint")
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("session_id", "text", (c) => c.notNull().references("treatment_session.id").onDelete("cascade"))
      .addColumn("complaint_id", "text", (c) => c.notNull().references("complaint.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("session_complaint_pk", ["session_id", "complaint_id"])
      .execute();
    await db.schema
      .createIndex("session_complaint_complaint_idx")
      .on("session_complaint")
      .columns(["practice_id", "complaint_id"])
      .execute();
    await db.schema
      .createTable("session_finding")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("session_id", "text", (c) => c.notNull().references("treatment_session.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("region_code", "text", (c) => c.notNull())
      .addColumn("side", "text", (c) => c.check(sql`side in ('left', 'right')`))
      .addColumn("tension", "integer")
      .addColumn("tenderness", "integer")
      .addColumn("texture", "integer")
      .addColumn("adhesion", "integer")
      .addColumn("temperature", "integer")
      .addColumn("texture_descriptor", "text")
      .addColumn("note", "text")
      .execute();
    await db.schema.createIndex("session_finding_session_idx").on("session_finding").columns(["practice_id", "session_id"]).execute();
    await db.schema
      .createTable("session_step")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("session_id", "text", (c) => c.notNull().references("treatment_session.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("technique", "text", (c) => c.notNull())
      .addColumn("region_code", "text")
      .addColumn("side", "text", (c) => c.check(sql`side in ('left', 'right', 'both')`))
      .addColumn("direction", "text")
      .addColumn("minutes", t.real)
      .addColumn("intensity", "text", (c) => c.check(sql`intensity in ('light', 'moderate', 'firm')`))
      .addColumn("note", "text")
      .execute();
    await db.schema.createIndex("session_step_session_idx").on("session_step").columns(["practice_id", "session_id"]).execute();
  },
};
