import { createHash } from "node:crypto";
import { z } from "zod";
import type { Database } from "../db/database.js";
import { lockPractice } from "../db/concurrency.js";
import { conflict } from "../platform/errors.js";
import type { Clock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import type { Actor, PracticeScope } from "../shared/scope.js";
import * as repo from "./repository.js";

/**
 * The practice's consent text, edited in settings. Each save is a new version (1, 2, 3…) with the
 * SHA-256 of its exact text; earlier versions are kept, because a signature names the version
 * and hash it was given on.
 */

export const consentTextRequest = z.strictObject({
  body: z
    .string({ message: "must be text" })
    .max(20_000, "must be at most 20000 characters")
    .refine((v) => v.trim().length >= 20, "must say what the client consents to (at least 20 characters)"),
  /** The version the edit was based on (0 for the first); a stale one is refused with 409. */
  basedOn: z.number({ message: "must be a number" }).int("must be a whole number").min(0, "must be at least 0"),
});

export interface ConsentTextView {
  id: string;
  version: number;
  body: string;
  sha256: string;
  createdAt: string;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function toView(row: repo.ConsentTextRow): ConsentTextView {
  return { id: row.id, version: Number(row.version), body: row.body, sha256: row.sha256, createdAt: row.created_at };
}

/** A suggested starting text for a practice that has none yet; it is not used until saved. */
export const SUGGESTED_CONSENT_TEXT = `Consent to treatment
I agree to soft-tissue treatment (massage and related techniques) after my therapist has explained what they propose. I can ask questions, refuse any technique, or stop treatment at any time.

Consent to data processing
I agree that the practice keeps my contact details, health and training information and notes of my treatment, to plan and record my care. They are kept securely, never sold, and I can ask for a copy or for them to be erased.

Anonymised case reports (optional)
I agree that my therapist may describe my treatment in an anonymised case report for other therapists: no name, contact details or calendar dates, only what was found and done. I can withdraw this at any time.`;

export async function getConsentTexts(
  deps: { database: Database },
  scope: PracticeScope,
): Promise<{ current: ConsentTextView | null; versions: ConsentTextView[]; suggested: string }> {
  const rows = await repo.listConsentTexts(deps.database.db, scope);
  return { current: rows[0] ? toView(rows[0]) : null, versions: rows.map(toView), suggested: SUGGESTED_CONSENT_TEXT };
}

/** Saves a new version; saving the same text as the current version changes nothing. */
export async function saveConsentText(
  deps: { database: Database; clock: Clock },
  actor: Actor,
  input: z.infer<typeof consentTextRequest>,
): Promise<ConsentTextView> {
  const body = input.body.replace(/\r\n/g, "\n");
  return deps.database.db.transaction().execute(async (tx) => {
    // Versions of one practice are numbered one at a time.
    await lockPractice(tx, actor);
    const latest = await repo.latestConsentText(tx, actor);
    const current = latest ? Number(latest.version) : 0;
    if (latest && latest.body === body) return toView(latest);
    if (input.basedOn !== current) {
      throw conflict("stale_version", `The consent text was changed since you opened it (it is now version ${current}); reload it`);
    }
    const row = {
      id: newId(),
      version: current + 1,
      body,
      sha256: sha256Hex(body),
      created_at: deps.clock.now().toISOString(),
      created_by: actor.practitionerId,
    };
    await repo.insertConsentText(tx, actor, row);
    return toView({ ...row, practice_id: actor.practiceId });
  });
}
