import type { PalpableMigration } from "./types.js";

/** The tables better-auth needs (users, sessions, credentials, two-factor, rate limits), in our naming. */
export const authTables: PalpableMigration = {
  async up(db, t) {
    await db.schema
      .createTable("auth_user")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("email", "text", (c) => c.notNull().unique())
      .addColumn("email_verified", t.authFlag, (c) => c.notNull())
      .addColumn("image", "text")
      .addColumn("created_at", t.authInstant, (c) => c.notNull())
      .addColumn("updated_at", t.authInstant, (c) => c.notNull())
      .addColumn("two_factor_enabled", t.authFlag)
      .execute();

    await db.schema
      .createTable("auth_session")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("expires_at", t.authInstant, (c) => c.notNull())
      .addColumn("token", "text", (c) => c.notNull().unique())
      .addColumn("created_at", t.authInstant, (c) => c.notNull())
      .addColumn("updated_at", t.authInstant, (c) => c.notNull())
      .addColumn("ip_address", "text")
      .addColumn("user_agent", "text")
      .addColumn("user_id", "text", (c) => c.notNull().references("auth_user.id").onDelete("cascade"))
      .execute();
    await db.schema.createIndex("auth_session_user_id_idx").on("auth_session").column("user_id").execute();

    await db.schema
      .createTable("auth_account")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("account_id", "text", (c) => c.notNull())
      .addColumn("provider_id", "text", (c) => c.notNull())
      .addColumn("user_id", "text", (c) => c.notNull().references("auth_user.id").onDelete("cascade"))
      .addColumn("access_token", "text")
      .addColumn("refresh_token", "text")
      .addColumn("id_token", "text")
      .addColumn("access_token_expires_at", t.authInstant)
      .addColumn("refresh_token_expires_at", t.authInstant)
      .addColumn("scope", "text")
      .addColumn("password", "text")
      .addColumn("created_at", t.authInstant, (c) => c.notNull())
      .addColumn("updated_at", t.authInstant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("auth_account_user_id_idx").on("auth_account").column("user_id").execute();

    await db.schema
      .createTable("auth_verification")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("identifier", "text", (c) => c.notNull())
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("expires_at", t.authInstant, (c) => c.notNull())
      .addColumn("created_at", t.authInstant, (c) => c.notNull())
      .addColumn("updated_at", t.authInstant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("auth_verification_identifier_idx").on("auth_verification").column("identifier").execute();

    await db.schema
      .createTable("auth_two_factor")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("secret", "text", (c) => c.notNull())
      .addColumn("backup_codes", "text", (c) => c.notNull())
      .addColumn("user_id", "text", (c) => c.notNull().references("auth_user.id").onDelete("cascade"))
      .addColumn("verified", t.authFlag)
      .addColumn("failed_verification_count", "integer")
      .addColumn("locked_until", t.authInstant)
      .execute();
    await db.schema.createIndex("auth_two_factor_user_id_idx").on("auth_two_factor").column("user_id").execute();

    await db.schema
      .createTable("auth_rate_limit")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("key", "text", (c) => c.notNull().unique())
      .addColumn("count", "integer", (c) => c.notNull())
      .addColumn("last_request", t.bigint, (c) => c.notNull())
      .execute();
  },
};
