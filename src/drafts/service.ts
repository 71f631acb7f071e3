import { findClient } from "../clients/repository.js";
import type { Database } from "../db/database.js";
import { notFound, validationFailed } from "../platform/errors.js";
import type { Clock } from "../shared/clock.js";
import type { Actor } from "../shared/scope.js";
import * as repo from "./repository.js";
import { DRAFT_MAX_BYTES, type DraftView, type SaveDraftRequest } from "./schema.js";

interface DraftDeps {
  database: Database;
  clock: Clock;
}

/** The practitioner's own draft of a form, or null when there is none. */
export async function getDraft(deps: DraftDeps, actor: Actor, key: string): Promise<DraftView | null> {
  const row = await repo.findDraft(deps.database.db, actor, key);
  return row ? { key: row.form_key, body: JSON.parse(row.body_json) as unknown, updatedAt: row.updated_at } : null;
}

/** Keeps the form's state as typed so far (replacing the previous one). */
export async function saveDraft(deps: DraftDeps, actor: Actor, input: SaveDraftRequest): Promise<{ key: string; updatedAt: string }> {
  const json = JSON.stringify(input.body);
  if (Buffer.byteLength(json) > DRAFT_MAX_BYTES) {
    throw validationFailed({ body: `must be at most ${DRAFT_MAX_BYTES / 1000} KB of form data` });
  }
  const db = deps.database.db;
  // A client of another practice is not found, exactly like an unknown one.
  if (input.clientId !== null && !(await findClient(db, actor, input.clientId))) throw notFound("Client");
  const updatedAt = deps.clock.now().toISOString();
  await repo.saveDraft(db, {
    practice_id: actor.practiceId,
    practitioner_id: actor.practitionerId,
    form_key: input.key,
    client_id: input.clientId,
    body_json: json,
    updated_at: updatedAt,
  });
  return { key: input.key, updatedAt };
}

/** Drops the draft: the form was saved as a record, or the practitioner discarded the changes. */
export async function discardDraft(deps: DraftDeps, actor: Actor, key: string): Promise<void> {
  await repo.deleteDraft(deps.database.db, actor, key);
}
