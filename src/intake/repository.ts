import type { Insertable, Selectable } from "kysely";
import type { Executor } from "../db/database.js";
import {
  findClientLinkByTokenHashAcrossPractices,
  insertClientLink,
  listActiveClientLinks,
  revokeClientLinks,
  type NewClientLink,
} from "../db/client-links.js";
import type {
  ConsentSignatureTable,
  ConsentTextTable,
  ConsentWithdrawalTable,
  IntakeLinkTable,
  IntakeSubmissionTable,
} from "../db/schema.js";
import type { PracticeScope } from "../shared/scope.js";

export type ConsentTextRow = Selectable<ConsentTextTable>;
export type IntakeLinkRow = Selectable<IntakeLinkTable>;
export type SubmissionRow = Selectable<IntakeSubmissionTable>;
export type SignatureRow = Selectable<ConsentSignatureTable>;
export type WithdrawalRow = Selectable<ConsentWithdrawalTable>;
type NewRow<T> = Omit<Insertable<T>, "practice_id">;

// Consent text versions

export async function latestConsentText(db: Executor, scope: PracticeScope): Promise<ConsentTextRow | undefined> {
  return db
    .selectFrom("consent_text")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function listConsentTexts(db: Executor, scope: PracticeScope): Promise<ConsentTextRow[]> {
  return db.selectFrom("consent_text").selectAll().where("practice_id", "=", scope.practiceId).orderBy("version", "desc").execute();
}

export async function insertConsentText(db: Executor, scope: PracticeScope, row: NewRow<ConsentTextTable>): Promise<void> {
  await db
    .insertInto("consent_text")
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

// Links

export function insertLink(db: Executor, scope: PracticeScope, row: NewClientLink): Promise<void> {
  return insertClientLink(db, "intake_link", scope, row);
}

/** The link a token's hash names, in whichever practice: the token is the client's only credential. */
export function findLinkByTokenHashAcrossPractices(db: Executor, tokenSha256: string): Promise<IntakeLinkRow | undefined> {
  return findClientLinkByTokenHashAcrossPractices(db, "intake_link", tokenSha256);
}

/** The client's links that are neither revoked nor expired at `nowIso`, newest first. */
export function listActiveLinks(db: Executor, scope: PracticeScope, clientId: string, nowIso: string): Promise<IntakeLinkRow[]> {
  return listActiveClientLinks(db, "intake_link", scope, clientId, nowIso);
}

/** Revokes every working link of the client; returns how many. */
export function revokeLinks(db: Executor, scope: PracticeScope, clientId: string, nowIso: string): Promise<number> {
  return revokeClientLinks(db, "intake_link", scope, clientId, nowIso);
}

// Submissions

export async function insertSubmission(db: Executor, scope: PracticeScope, row: NewRow<IntakeSubmissionTable>): Promise<void> {
  await db
    .insertInto("intake_submission")
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function findSubmissionOfLink(db: Executor, scope: PracticeScope, linkId: string): Promise<SubmissionRow | undefined> {
  return db
    .selectFrom("intake_submission")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("link_id", "=", linkId)
    .executeTakeFirst();
}

export async function findSubmission(db: Executor, scope: PracticeScope, id: string): Promise<SubmissionRow | undefined> {
  return db.selectFrom("intake_submission").selectAll().where("practice_id", "=", scope.practiceId).where("id", "=", id).executeTakeFirst();
}

export async function listSubmissions(db: Executor, scope: PracticeScope, clientId: string): Promise<SubmissionRow[]> {
  return db
    .selectFrom("intake_submission")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "=", clientId)
    .orderBy("submitted_at", "desc")
    .orderBy("id")
    .execute();
}

/** Submissions of the client with "yes" red-flag answers nobody has reviewed yet. */
export async function countUnreviewedFlags(db: Executor, scope: PracticeScope, clientId: string): Promise<SubmissionRow[]> {
  return db
    .selectFrom("intake_submission")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "=", clientId)
    .where("positive_flags", ">", 0)
    .where("flags_reviewed_at", "is", null)
    .execute();
}

/** Records the review once: true when this call recorded it. */
export async function markFlagsReviewed(db: Executor, scope: PracticeScope, id: string, by: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable("intake_submission")
    .set({ flags_reviewed_at: at, flags_reviewed_by: by })
    .where("practice_id", "=", scope.practiceId)
    .where("id", "=", id)
    .where("flags_reviewed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks the submission accepted once: true when this call did. */
export async function markAccepted(db: Executor, scope: PracticeScope, id: string, by: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable("intake_submission")
    .set({ accepted_at: at, accepted_by: by })
    .where("practice_id", "=", scope.practiceId)
    .where("id", "=", id)
    .where("accepted_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Whether the client has a signed session that was not entered in error. */
export async function hasSignedSession(db: Executor, scope: PracticeScope, clientId: string): Promise<boolean> {
  const row = await db
    .selectFrom("treatment_session")
    .select("id")
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "=", clientId)
    .where("status", "=", "signed")
    .where("entered_in_error_at", "is", null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

// Signatures and withdrawals

export async function insertSignature(db: Executor, scope: PracticeScope, row: NewRow<ConsentSignatureTable>): Promise<void> {
  await db
    .insertInto("consent_signature")
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function listSignatures(db: Executor, scope: PracticeScope, clientId: string): Promise<SignatureRow[]> {
  return db
    .selectFrom("consent_signature")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "=", clientId)
    .orderBy("signed_at", "desc")
    .orderBy("id")
    .execute();
}

export async function listWithdrawals(db: Executor, scope: PracticeScope, clientId: string): Promise<WithdrawalRow[]> {
  return db
    .selectFrom("consent_withdrawal")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "=", clientId)
    .orderBy("withdrawn_at")
    .execute();
}

export async function insertWithdrawal(db: Executor, scope: PracticeScope, row: NewRow<ConsentWithdrawalTable>): Promise<void> {
  await db
    .insertInto("consent_withdrawal")
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function findConsentText(db: Executor, scope: PracticeScope, id: string): Promise<ConsentTextRow | undefined> {
  return db.selectFrom("consent_text").selectAll().where("practice_id", "=", scope.practiceId).where("id", "=", id).executeTakeFirst();
}
