import { recordAuditEvent } from "../audit/repository.js";
import type { Mailer } from "../platform/mailer.js";
import { hashLinkToken, newLinkToken } from "../platform/link-token.js";
import { findClient, listInjuries, listSelfCare } from "../clients/repository.js";
import { applyProfileUpdate } from "../clients/service.js";
import { indexClient } from "../search/indexer.js";
import { bumpVersion, lockRow } from "../db/concurrency.js";
import type { Database, Executor } from "../db/database.js";
import { findPractice } from "../practices/repository.js";
import { AppError, conflict, notFound } from "../platform/errors.js";
import type { Clock } from "../shared/clock.js";
import { escapeHtml } from "../shared/html.js";
import { newId } from "../shared/ids.js";
import type { Actor, PracticeScope } from "../shared/scope.js";
import type { IntakeAnswers } from "./form.js";
import { recordProfileRevision, snapshotProfile } from "../clients/profile-history.js";
import { RED_FLAG_QUESTIONS, RED_FLAGS_BASIS, positiveFlags, type RedFlagAnswers } from "./red-flags.js";
import * as repo from "./repository.js";
import { signatureViews, type SignatureView } from "./signatures.js";

export interface IntakeDeps {
  database: Database;
  clock: Clock;
  baseUrl: string;
  mailer?: Mailer | undefined;
}

/** How long an intake link works: long enough to reach a first visit booked weeks ahead. */
export const INTAKE_LINK_DAYS = 30;
const DAY_MS = 86_400_000;

async function requireClient(db: Executor, scope: PracticeScope, clientId: string) {
  const client = await findClient(db, scope, clientId);
  if (!client) throw notFound("Client");
  return client;
}

export function intakeLinkUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/i/${token}`;
}

/**
 * A new intake link for the client. Shown (for a QR code in the room) or e-mailed to the client's
 * address; only its hash is stored, so the address is in this answer or that e-mail only.
 */
export async function issueIntakeLink(
  deps: IntakeDeps,
  actor: Actor,
  clientId: string,
  delivery: "show" | "email",
): Promise<{ url?: string; sentTo?: string; expiresAt: string }> {
  const db = deps.database.db;
  const client = await requireClient(db, actor, clientId);
  if (client.archived_at !== null) throw conflict("client_archived", "This client is archived; restore them to send an intake link");
  if (!(await repo.latestConsentText(db, actor))) {
    throw conflict("consent_text_missing", "Write the practice's consent text in Settings → Consent text before sending an intake link");
  }
  if (delivery === "email") {
    if (!client.email)
      throw new AppError(422, "email_missing", "email: the client has no e-mail address; add one or show the link", {
        email: "is missing",
      });
    if (!deps.mailer) throw conflict("mail_not_configured", "E-mail is not set up on this server (SMTP_URL); show the link instead");
  }
  const token = newLinkToken();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + INTAKE_LINK_DAYS * DAY_MS).toISOString();
  await repo.insertLink(db, actor, {
    id: newId(),
    client_id: clientId,
    token_sha256: hashLinkToken(token),
    created_by: actor.practitionerId,
    created_at: now.toISOString(),
    expires_at: expiresAt,
    revoked_at: null,
  });
  const url = intakeLinkUrl(deps.baseUrl, token);
  if (delivery === "show" || !deps.mailer || !client.email) return { url, expiresAt };
  const practice = await findPractice(db, actor);
  const practiceName = practice?.name ?? "Your therapist";
  const paragraphs = [
    `Hello ${client.first_name},`,
    `${practiceName} asks you to fill in a short form before your first visit: your contact details, your running, past injuries, a few health questions, and your consent.`,
    url,
    `The link works for ${INTAKE_LINK_DAYS} days. It is personal: please do not forward it.`,
  ];
  const sending = deps.mailer.send({
    to: client.email,
    subject: `${practiceName}: before your first visit`,
    text: paragraphs.join("\n\n"),
    html: paragraphs
      .map((p) => (p === url ? `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>` : `<p>${escapeHtml(p)}</p>`))
      .join(""),
    messageId: `<${newId()}@palpable>`,
  });
  // The link made for it stays unknown to anyone (only its hash is kept), so a failed send leaves nothing usable.
  await sending.catch(() => {
    throw new AppError(
      502,
      "mail_not_sent",
      "The e-mail could not be sent (the mail server refused or did not answer); show the link instead",
    );
  });
  return { sentTo: client.email, expiresAt };
}

export async function intakeLinkStatus(
  deps: IntakeDeps,
  scope: PracticeScope,
  clientId: string,
): Promise<{ activeLinks: { createdAt: string; expiresAt: string }[]; consentTextReady: boolean }> {
  const db = deps.database.db;
  await requireClient(db, scope, clientId);
  const links = await repo.listActiveLinks(db, scope, clientId, deps.clock.now().toISOString());
  return {
    activeLinks: links.map((l) => ({ createdAt: l.created_at, expiresAt: l.expires_at })),
    consentTextReady: (await repo.latestConsentText(db, scope)) !== undefined,
  };
}

export async function revokeIntakeLinks(deps: IntakeDeps, scope: PracticeScope, clientId: string): Promise<{ revoked: number }> {
  await requireClient(deps.database.db, scope, clientId);
  return { revoked: await repo.revokeLinks(deps.database.db, scope, clientId, deps.clock.now().toISOString()) };
}

export interface IntakeView {
  id: string;
  submittedAt: string;
  answers: IntakeAnswers;
  redFlags: { code: string; question: string; label: string; answer: "yes" | "no" }[];
  /** The framework the screening questions are based on. */
  redFlagsBasis: string;
  positiveFlags: number;
  flagsReview: { at: string; by: { id: string; name: string } } | null;
  accepted: { at: string; by: { id: string; name: string } } | null;
}

async function practitionerNames(db: Executor, scope: PracticeScope): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("practitioner")
    .innerJoin("auth_user", "auth_user.id", "practitioner.user_id")
    .select(["practitioner.id", "auth_user.name"])
    .where("practitioner.practice_id", "=", scope.practiceId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

function toView(row: repo.SubmissionRow, names: Map<string, string>): IntakeView {
  const flags = JSON.parse(row.red_flags_json) as RedFlagAnswers;
  const who = (id: string | null) => (id ? { id, name: names.get(id) ?? "a former practitioner" } : null);
  const reviewer = who(row.flags_reviewed_by);
  const acceptor = who(row.accepted_by);
  return {
    id: row.id,
    submittedAt: row.submitted_at,
    answers: JSON.parse(row.answers_json) as IntakeAnswers,
    redFlags: RED_FLAG_QUESTIONS.filter((q) => flags[q.code] !== undefined).map((q) => ({
      code: q.code,
      question: q.question,
      label: q.label,
      answer: flags[q.code] ?? "no",
    })),
    redFlagsBasis: RED_FLAGS_BASIS,
    positiveFlags: Number(row.positive_flags),
    flagsReview: row.flags_reviewed_at && reviewer ? { at: row.flags_reviewed_at, by: reviewer } : null,
    accepted: row.accepted_at && acceptor ? { at: row.accepted_at, by: acceptor } : null,
  };
}

/** The client's submitted intakes, newest first. */
export async function listIntakes(deps: IntakeDeps, scope: PracticeScope, clientId: string): Promise<{ intakes: IntakeView[] }> {
  const db = deps.database.db;
  await requireClient(db, scope, clientId);
  const [rows, names] = await Promise.all([repo.listSubmissions(db, scope, clientId), practitionerNames(db, scope)]);
  return { intakes: rows.map((r) => toView(r, names)) };
}

async function loadView(deps: IntakeDeps, scope: PracticeScope, id: string): Promise<IntakeView> {
  const row = await repo.findSubmission(deps.database.db, scope, id);
  if (!row) throw notFound("Intake");
  return toView(row, await practitionerNames(deps.database.db, scope));
}

async function audit(db: Executor, deps: IntakeDeps, actor: Actor, action: "review" | "accept", row: repo.SubmissionRow): Promise<void> {
  await recordAuditEvent(db, {
    practiceId: actor.practiceId,
    occurredAt: deps.clock.now(),
    actor: { kind: "practitioner", id: actor.practitionerId },
    action,
    resourceType: "intake",
    resourceId: row.id,
    clientId: row.client_id,
    ip: null,
    userAgent: null,
    outcome: "success",
    detail: action === "review" ? { flags: Number(row.positive_flags) } : {},
  });
}

/** Records that this practitioner has reviewed the intake's red flags (who and when). Recording it twice keeps the first. */
export async function reviewRedFlags(deps: IntakeDeps, actor: Actor, id: string): Promise<IntakeView> {
  const db = deps.database.db;
  await db.transaction().execute(async (tx) => {
    const row = await repo.findSubmission(tx, actor, id);
    if (!row) throw notFound("Intake");
    if (Number(row.positive_flags) === 0) throw conflict("no_red_flags", "This intake has no red-flag answers to review");
    if (await repo.markFlagsReviewed(tx, actor, id, actor.practitionerId, deps.clock.now().toISOString()))
      await audit(tx, deps, actor, "review", row);
  });
  return loadView(deps, actor, id);
}

/**
 * Accepts the intake into the client's record: contact details, date of birth and running
 * background replace what is there when the client gave them; injuries and what they tried are
 * added to the lists; races go into the notes. The profile keeps a revision for this and for
 * every later edit. Accepting twice is refused with 409 naming who accepted it.
 */
export async function acceptIntake(deps: IntakeDeps, actor: Actor, id: string): Promise<IntakeView> {
  const db = deps.database.db;
  const now = deps.clock.now().toISOString();
  await db.transaction().execute(async (tx) => {
    const row = await repo.findSubmission(tx, actor, id);
    if (!row) throw notFound("Intake");
    if (!(await lockRow(tx, "client", actor, row.client_id))) throw notFound("Intake");
    if (!(await repo.markAccepted(tx, actor, id, actor.practitionerId, now))) {
      throw conflict("intake_accepted", "This intake was accepted into the record already");
    }
    const answers = JSON.parse(row.answers_json) as IntakeAnswers;
    const before = await snapshotProfile(tx, actor, row.client_id);
    if (!before) throw notFound("Intake");
    const existingInjuries = await listInjuries(tx, actor, row.client_id);
    const existingSelfCare = await listSelfCare(tx, actor, row.client_id);
    const c = answers.contact;
    const r = answers.running;
    const notes = r.races ? [before.notes, `Races (from the intake): ${r.races}`].filter(Boolean).join("\n\n") : undefined;
    await applyProfileUpdate(tx, actor, row.client_id, {
      firstName: c.firstName,
      lastName: c.lastName,
      email: c.email ?? undefined,
      phone: c.phone ?? undefined,
      ...(c.dateOfBirth ? { dateOfBirth: c.dateOfBirth } : {}),
      notes,
      running: {
        ...(r.yearsRunning !== null ? { yearsRunning: r.yearsRunning } : {}),
        ...(r.weeklyKm !== null ? { weeklyKm: r.weeklyKm } : {}),
        ...(r.goalEvent ? { goalEvent: r.goalEvent } : {}),
      },
      injuries: [
        ...existingInjuries.map((i) => ({
          description: i.description,
          region: i.region,
          side: i.side,
          occurredOn: i.occurred_on,
          resolved: i.resolved === 1,
          notes: i.notes,
        })),
        ...answers.injuries.map((i) => ({
          description: i.description,
          region: null,
          notes: null,
          occurredOn: i.occurredOn,
          resolved: !i.current,
        })),
      ],
      selfCare: [
        ...existingSelfCare.map((s) => ({ method: s.method, effect: s.effect, detail: s.detail, notes: s.notes })),
        ...answers.selfCare.map((s) => ({ method: s.method, effect: s.effect, detail: s.detail, notes: null })),
      ],
    }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "email_taken") {
        throw conflict("email_taken", "Another client of this practice already has the e-mail address this intake gives", {
          email: "is already used by another client",
        });
      }
      throw error;
    });
    await bumpVersion(tx, "client", actor, row.client_id, actor.practitionerId, now);
    await recordProfileRevision(tx, actor, row.client_id, {
      before,
      at: now,
      by: actor.practitionerId,
      source: "intake",
      submissionId: id,
    });
    await indexClient(tx, actor, row.client_id, now);
    await audit(tx, deps, actor, "accept", row);
  });
  return loadView(deps, actor, id);
}

/**
 * Refuses to sign a client's first session while an intake's red-flag answers are unreviewed.
 * Called inside the signing transaction (clinical/sessions/service.ts).
 */
export async function assertRedFlagsReviewed(tx: Executor, scope: PracticeScope, clientId: string): Promise<void> {
  const pending = await repo.countUnreviewedFlags(tx, scope, clientId);
  if (pending.length === 0) return;
  if (await repo.hasSignedSession(tx, scope, clientId)) return;
  const labels = pending.flatMap((row) =>
    positiveFlags(JSON.parse(row.red_flags_json) as RedFlagAnswers).map((q) => q.label.toLowerCase()),
  );
  throw new AppError(
    409,
    "red_flags_unreviewed",
    `The client's intake answered yes to ${labels.length === 1 ? "a red-flag question" : `${labels.length} red-flag questions`} (${labels.join(", ")}). Review them on the client's page before signing the first session.`,
  );
}

export async function listSignedConsents(
  deps: IntakeDeps,
  scope: PracticeScope,
  clientId: string,
): Promise<{ signatures: SignatureView[] }> {
  await requireClient(deps.database.db, scope, clientId);
  return { signatures: await signatureViews(deps.database.db, scope, clientId) };
}
