import { sql } from "kysely";
import type { PalpableMigration } from "./types.js";

/**
 * An owner may let an assistant read clinical notes (the policy's `if_granted` rule). Off for
 * everyone to begin with: assistants see the front-desk side of a client only.
 */
export const clinicalNotesGrant: PalpableMigration = {
  async up(db) {
    await db.schema
      .alterTable("practitioner")
      .addColumn("clinical_notes_granted", "integer", (c) =>
        c
          .notNull()
          .defaultTo(0)
          .check(sql`clinical_notes_granted in (0, 1)`),
      )
      .execute();
  },
};
