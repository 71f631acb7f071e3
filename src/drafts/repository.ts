import type { Executor } from "../db/database.js";
import type { FormDraftTable } from "../db/schema.js";
import type { Actor } from "../shared/scope.js";

/** Drafts belong to one practitioner of one practice: every query is scoped to both. */
export async function findDraft(db: Executor, actor: Actor, key: string): Promise<FormDraftTable | undefined> {
  return db
    .selectFrom("form_draft")
    .selectAll()
    .where("practice_id", "=", actor.practiceId)
    .where("practitioner_id", "=", actor.practitionerId)
    .where("form_key", "=", key)
    .executeTakeFirst();
}

export async function saveDraft(db: Executor, row: FormDraftTable): Promise<void> {
  await db
    .insertInto("form_draft")
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(["practice_id", "practitioner_id", "form_key"])
        .doUpdateSet({ body_json: row.body_json, client_id: row.client_id, updated_at: row.updated_at }),
    )
    .execute();
}

export async function deleteDraft(db: Executor, actor: Actor, key: string): Promise<void> {
  await db
    .deleteFrom("form_draft")
    .where("practice_id", "=", actor.practiceId)
    .where("practitioner_id", "=", actor.practitionerId)
    .where("form_key", "=", key)
    .execute();
}
