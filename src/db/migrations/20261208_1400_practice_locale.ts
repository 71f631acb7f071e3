import type { PalpableMigration } from "./types.js";

/**
 * How dates are written: the practice's locale (e.g. en-GB, en-US, de-DE; British English for
 * practices that existed before) and, where recorded, a client's own for what the client reads.
 */
export const practiceLocale: PalpableMigration = {
  async up(db) {
    await db.schema
      .alterTable("practice")
      .addColumn("locale", "text", (c) => c.notNull().defaultTo("en-GB"))
      .execute();
    await db.schema.alterTable("client").addColumn("locale", "text").execute();
  },
};
