import type { PalpableMigration } from "./types.js";

/**
 * Invitations to join a practice. An owner invites by e-mail; the person sets their own password
 * by the invitation's link. The answer to the owner is the same whether or not the address
 * already has an account elsewhere (that is said only to whoever holds the link). Only the
 * link token's SHA-256 is stored.
 */
export const teamInvitation: PalpableMigration = {
  async up(db) {
    await db.schema
      .createTable("team_invitation")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("practice_id", "text", (c) => c.notNull().references("practice.id"))
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("token_sha256", "text", (c) => c.notNull().unique())
      .addColumn("invited_by", "text", (c) => c.notNull().references("practitioner.id"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("accepted_at", "text")
      .execute();
    await db.schema.createIndex("team_invitation_practice_idx").on("team_invitation").columns(["practice_id", "email"]).execute();
  },
};
