import type { PalpableMigration } from "./types.js";

/** Each check-in e-mail carries its own unsubscribe link; only the SHA-256 of its token is kept. */
export const deliveryUnsubscribe: PalpableMigration = {
  async up(db) {
    await db.schema.alterTable("checkin_delivery").addColumn("unsubscribe_sha256", "text").execute();
    await db.schema.createIndex("checkin_delivery_unsubscribe").on("checkin_delivery").column("unsubscribe_sha256").execute();
  },
};
