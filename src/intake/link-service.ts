import type { RequestOrigin } from "../audit/events.js";
import { recordAuditEvent } from "../audit/repository.js";
import { hashLinkToken, isWellFormedToken } from "../platform/link-token.js";
import { findClient } from "../clients/repository.js";
import { lockRow, isUniqueViolation } from "../db/concurrency.js";
import type { Database } from "../db/database.js";
import type { SignedConsentKind } from "../db/schema.js";
import { findPractice } from "../practices/repository.js";
import type { Clock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import type { PracticeScope } from "../shared/scope.js";
import { parseIntakeForm, type FormValues } from "./form.js";
import { RED_FLAGS_VERSION, positiveFlags } from "./red-flags.js";
import * as repo from "./repository.js";
import { appendCaseReportConsent, signatureViews, withdrawConsents, withdrawableConsents, type SignatureView } from "./signatures.js";

/**
 * The client's side of the intake link (pages under /i). Opening a link reads only: mail
 * scanners and link previews open links. One submission per link; a second submit, or two at
 * once, store nothing more and show the same thank-you page.
 */

export interface LinkDeps {
  database: Database;
  clock: Clock;
}

export interface OpenIntake {
  link: repo.IntakeLinkRow;
  scope: PracticeScope;
  practiceName: string;
  client: { firstName: string; lastName: string; email: string | null; phone: string | null; dateOfBirth: string | null };
  consentText: repo.ConsentTextRow | undefined;
  submission: repo.SubmissionRow | undefined;
}

/** The link a token names, if it still works (not expired, revoked, or its client archived or erased). */
export async function openIntakeLink(deps: LinkDeps, token: string): Promise<OpenIntake | undefined> {
  if (!isWellFormedToken(token)) return undefined;
  const db = deps.database.db;
  const link = await repo.findLinkByTokenHashAcrossPractices(db, hashLinkToken(token));
  if (!link || link.revoked_at !== null || link.expires_at <= deps.clock.now().toISOString()) return undefined;
  const scope = { practiceId: link.practice_id };
  const client = await findClient(db, scope, link.client_id);
  if (!client || client.archived_at !== null) return undefined;
  const [practice, consentText, submission] = await Promise.all([
    findPractice(db, scope),
    repo.latestConsentText(db, scope),
    repo.findSubmissionOfLink(db, scope, link.id),
  ]);
  return {
    link,
    scope,
    practiceName: practice?.name ?? "",
    client: {
      firstName: client.first_name,
      lastName: client.last_name,
      email: client.email,
      phone: client.phone,
      dateOfBirth: client.date_of_birth,
    },
    consentText,
    submission,
  };
}

export type SubmitResult = { kind: "invalid"; errors: Record<string, string> } | { kind: "text_changed" } | { kind: "saved" };

/**
 * Stores the intake, its red-flag answers and the signed consent in one transaction. The consent
 * must have been read in its current version (a text edited meanwhile is shown again). Submitting
 * the same link again, even at the same moment, stores nothing more.
 */
export async function submitIntake(deps: LinkDeps, open: OpenIntake, form: FormValues, origin: RequestOrigin): Promise<SubmitResult> {
  if (open.submission) return { kind: "saved" };
  const parsed = parseIntakeForm(form);
  if (!parsed.ok) return { kind: "invalid", errors: parsed.errors };
  const text = open.consentText;
  if (!text || Number(text.version) !== parsed.consent.textVersion) return { kind: "text_changed" };
  const now = deps.clock.now();
  const { scope, link } = open;
  const submissionId = newId();
  try {
    await deps.database.db.transaction().execute(async (tx) => {
      // Submissions of one client are written one at a time; the one that comes second finds the first.
      if (!(await lockRow(tx, "client", scope, link.client_id))) return;
      if (await repo.findSubmissionOfLink(tx, scope, link.id)) return;
      const client = await findClient(tx, scope, link.client_id);
      await repo.insertSubmission(tx, scope, {
        id: submissionId,
        client_id: link.client_id,
        link_id: link.id,
        submitted_at: now.toISOString(),
        answers_json: JSON.stringify(parsed.answers),
        red_flags_json: JSON.stringify({ ...parsed.redFlags }),
        positive_flags: positiveFlags(parsed.redFlags).length,
        flags_reviewed_at: null,
        flags_reviewed_by: null,
        accepted_at: null,
        accepted_by: null,
      });
      await repo.insertSignature(tx, scope, {
        id: newId(),
        client_id: link.client_id,
        submission_id: submissionId,
        text_id: text.id,
        text_version: Number(text.version),
        text_sha256: text.sha256,
        signed_name: parsed.consent.signedName,
        signed_at: now.toISOString(),
        ip: origin.ip,
        treatment: 1,
        data_processing: 1,
        case_reports: parsed.consent.caseReports ? 1 : 0,
      });
      if (parsed.consent.caseReports) {
        await appendCaseReportConsent(tx, scope, link.client_id, true, now, client?.time_zone ?? "UTC");
      }
      await recordAuditEvent(tx, {
        practiceId: scope.practiceId,
        occurredAt: now,
        actor: { kind: "client", id: null },
        action: "submit_intake",
        resourceType: "intake",
        resourceId: submissionId,
        clientId: link.client_id,
        ip: origin.ip,
        userAgent: origin.userAgent,
        outcome: "success",
        detail: {
          redFlags: positiveFlags(parsed.redFlags).length,
          redFlagsVersion: RED_FLAGS_VERSION,
          consentVersion: Number(text.version),
        },
      });
    });
  } catch (error) {
    // Two submits racing past the check: the unique link_id lets one through; the other is done too.
    if (!isUniqueViolation(error)) throw error;
  }
  return { kind: "saved" };
}

/** What the client sees after submitting: their latest signed consent and what they can withdraw. */
export async function consentStatus(
  deps: LinkDeps,
  scope: PracticeScope,
  clientId: string,
): Promise<{ signature: SignatureView | undefined; withdrawable: SignedConsentKind[] }> {
  const db = deps.database.db;
  const [signatures, withdrawable] = await Promise.all([signatureViews(db, scope, clientId), withdrawableConsents(db, scope, clientId)]);
  return { signature: signatures[0], withdrawable };
}

/** Withdraws consents as the client's own act, through a link; audited with the kinds only. */
export async function withdrawByClient(
  deps: LinkDeps,
  scope: PracticeScope,
  clientId: string,
  kinds: readonly SignedConsentKind[],
  origin: RequestOrigin,
): Promise<SignedConsentKind[]> {
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (tx) => {
    const done = await withdrawConsents(tx, scope, clientId, kinds, now, origin.ip);
    for (const kind of done) {
      await recordAuditEvent(tx, {
        practiceId: scope.practiceId,
        occurredAt: now,
        actor: { kind: "client", id: null },
        action: "withdraw",
        resourceType: "consent",
        resourceId: null,
        clientId,
        ip: origin.ip,
        userAgent: origin.userAgent,
        outcome: "success",
        detail: { kind },
      });
    }
    return done;
  });
}

export function parseWithdrawKinds(form: FormValues): SignedConsentKind[] {
  const kinds: SignedConsentKind[] = [];
  for (const kind of ["treatment", "data_processing", "case_reports"] as const) if (form[`withdraw_${kind}`] === "yes") kinds.push(kind);
  return kinds;
}
