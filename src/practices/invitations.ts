import { hashPassword } from "better-auth/crypto";
import { recordAuditEvent } from "../audit/repository.js";
import { passwordProblem } from "../platform/password-strength.js";
import type { Mailer } from "../platform/mailer.js";
import { hashLinkToken, isWellFormedToken, newLinkToken } from "../platform/link-token.js";
import type { Database } from "../db/database.js";
import type { PractitionerRole } from "../db/schema.js";
import { assertCan } from "../platform/authorize.js";
import { lockPractice } from "../db/concurrency.js";
import { conflict } from "../platform/errors.js";
import type { Clock } from "../shared/clock.js";
import { escapeHtml } from "../shared/html.js";
import { newId } from "../shared/ids.js";
import type { Logger } from "../shared/logger.js";
import { loggableError } from "../shared/loggable-error.js";
import type { Actor } from "../shared/scope.js";
import * as repo from "./invitation-repository.js";
import { findPractice, isEmailTaken } from "./repository.js";
import { insertPractitionerWithLogin } from "./service.js";

/**
 * Inviting someone to a practice. The owner's answer never depends on whether the address already
 * has an account in another practice: every invitation is listed as pending until its link is
 * used, and only the person holding the link learns that the address cannot join (an address
 * belongs to one practice). With SMTP the link goes to the address itself; without it the owner
 * is shown the link to pass on (see docs/DECISIONS.md).
 */
export const INVITATION_DAYS = 7;

export interface InvitationDeps {
  database: Database;
  clock: Clock;
  logger: Logger;
  baseUrl: string;
  mailer?: Mailer | undefined;
}

export interface InvitationView {
  id: string;
  name: string;
  email: string;
  role: PractitionerRole;
  invitedAt: string;
  expiresAt: string;
}

export type InvitationResult =
  | { invitation: InvitationView; delivery: "email" }
  | { invitation: InvitationView; delivery: "link"; /** Shown once; only its hash is kept. */ link: string };

export async function inviteMember(
  deps: InvitationDeps,
  actor: Actor,
  input: { name: string; email: string; role: PractitionerRole },
): Promise<InvitationResult> {
  assertCan(actor, "team.manage");
  const now = deps.clock.now();
  const token = newLinkToken();
  const row: Omit<repo.InvitationRow, "practice_id"> = {
    id: newId(),
    email: input.email,
    name: input.name,
    role: input.role,
    token_sha256: hashLinkToken(token),
    invited_by: actor.practitionerId,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
    accepted_at: null,
  };
  await deps.database.db.transaction().execute(async (tx) => {
    // One open invitation per address: invitations of a practice are written one at a time.
    await lockPractice(tx, actor);
    if (
      (await repo.isMemberEmail(tx, actor, input.email)) ||
      (await repo.findOpenInvitationByEmail(tx, actor, input.email, now.toISOString()))
    ) {
      throw conflict("already_on_team", "This address is already on your team or invited", { email: "is already on your team or invited" });
    }
    await repo.insertInvitation(tx, actor, row);
  });
  const invitation = toView(row);
  const link = `${deps.baseUrl}/join/${token}`;
  if (!deps.mailer) return { invitation, delivery: "link", link };
  // After the answer: whether the address has an account elsewhere decides the e-mail's words, never the answer or its timing.
  void sendInvitation(deps, deps.mailer, actor, invitation, link);
  return { invitation, delivery: "email" };
}

export async function listInvitations(deps: Pick<InvitationDeps, "database" | "clock">, actor: Actor): Promise<InvitationView[]> {
  return (await repo.listOpenInvitations(deps.database.db, actor, deps.clock.now().toISOString())).map(toView);
}

function toView(row: Omit<repo.InvitationRow, "practice_id">): InvitationView {
  return { id: row.id, name: row.name, email: row.email, role: row.role, invitedAt: row.created_at, expiresAt: row.expires_at };
}

async function sendInvitation(deps: InvitationDeps, mailer: Mailer, actor: Actor, invitation: InvitationView, link: string): Promise<void> {
  try {
    const practice = await findPractice(deps.database.db, actor);
    const practiceName = practice?.name ?? "a practice";
    const taken = await isEmailTaken(deps.database.db, invitation.email);
    const paragraphs = taken
      ? [
          `Hello ${invitation.name},`,
          `${practiceName} invited this address to join them on Palpable, but it already has a Palpable account, and one address can belong to one practice only.`,
          "If you would like to join them, ask them to invite a different address of yours.",
        ]
      : [
          `Hello ${invitation.name},`,
          `${practiceName} invited you to join them on Palpable as ${invitation.role}.`,
          `Choose your password here (the link works for ${INVITATION_DAYS} days): ${link}`,
        ];
    await mailer.send({
      to: invitation.email,
      subject: `Palpable: an invitation to ${practiceName}`,
      text: paragraphs.join("\n\n"),
      html: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join(""),
      messageId: `<${newId()}@palpable>`,
    });
  } catch (error) {
    deps.logger.error({ err: loggableError(error) }, "invitation e-mail not sent");
  }
}

/** An invitation a link opens, if it can still be used. Unknown, used and expired links look alike. */
export async function openInvitation(
  deps: Pick<InvitationDeps, "database" | "clock">,
  token: string,
): Promise<{ row: repo.InvitationRow; practiceName: string } | undefined> {
  if (!isWellFormedToken(token)) return undefined;
  const row = await repo.findInvitationByTokenHashAcrossPractices(deps.database.db, hashLinkToken(token));
  if (!row || row.accepted_at !== null || row.expires_at <= deps.clock.now().toISOString()) return undefined;
  const practice = await findPractice(deps.database.db, { practiceId: row.practice_id });
  return practice ? { row, practiceName: practice.name } : undefined;
}

export type AcceptResult =
  | { kind: "unusable" }
  | { kind: "invalid"; practiceName: string; name: string; errors: Record<string, string> }
  | { kind: "address_taken"; practiceName: string }
  | { kind: "joined"; practiceName: string; email: string };

/** Creates the invited practitioner's account with the password they chose, using up the invitation. */
export async function acceptInvitation(
  deps: Pick<InvitationDeps, "database" | "clock">,
  token: string,
  form: { name?: string | undefined; password?: string | undefined; confirm?: string | undefined },
): Promise<AcceptResult> {
  const opened = await openInvitation(deps, token);
  if (!opened) return { kind: "unusable" };
  const { row, practiceName } = opened;
  const name = (form.name ?? "").trim() || row.name;
  const password = form.password ?? "";
  const errors: Record<string, string> = {};
  if (name.length > 120) errors.name = "must be at most 120 characters";
  const problem = await passwordProblem(password, { email: row.email, name });
  if (problem) errors.password = `Your password ${problem}`;
  else if (password !== form.confirm) errors.confirm = "The two passwords are not the same";
  if (Object.keys(errors).length > 0) return { kind: "invalid", practiceName, name, errors };
  if (await isEmailTaken(deps.database.db, row.email)) return { kind: "address_taken", practiceName };
  const scope = { practiceId: row.practice_id };
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();
  const joined = await deps.database.db.transaction().execute(async (tx) => {
    if (!(await repo.claimInvitation(tx, scope, row.id, now.toISOString()))) return undefined;
    const practitionerId = await insertPractitionerWithLogin(
      tx,
      deps.database,
      scope,
      { name, email: row.email, role: row.role, password },
      passwordHash,
      now,
    );
    await recordAuditEvent(tx, {
      practiceId: row.practice_id,
      occurredAt: now,
      actor: { kind: "practitioner", id: practitionerId },
      action: "create",
      resourceType: "practitioner",
      resourceId: practitionerId,
      outcome: "success",
      detail: { invitation: row.id },
    });
    return practitionerId;
  });
  return joined ? { kind: "joined", practiceName, email: row.email } : { kind: "unusable" };
}
