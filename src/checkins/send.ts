import { findClient } from "../clients/repository.js";
import { conflict, notFound } from "../platform/errors.js";
import { hashLinkToken, newLinkToken } from "../platform/link-token.js";
import { findPractice } from "../practices/repository.js";
import { formatDateTimeInWords } from "../shared/dates.js";
import { newId } from "../shared/ids.js";
import type { PracticeScope } from "../shared/scope.js";
import * as repo from "./repository.js";
import { assertCheckinConsent, assertOpen, linkUrl, type CheckinDeps } from "./rules.js";
import type { CheckinView, OutboxMessageView } from "./schema.js";
import { getCheckin } from "./views.js";

/** What an outbox message holds instead of the link once the link has been shown. */
export const REDACTED_LINK_MARKER = "[link shown once when this message was created; make a new one with “New link”]";

/** Issues a new token for a check-in; the old link stops working at once. */
export async function rotateLink(deps: CheckinDeps, scope: PracticeScope, id: string): Promise<CheckinView> {
  const token = newLinkToken();
  await deps.database.db.transaction().execute(async (tx) => {
    const row = await repo.findCheckin(tx, scope, id);
    if (!row) throw notFound("Check-in");
    assertOpen(row, deps.clock.now());
    await repo.updateCheckin(tx, scope, id, { token_sha256: hashLinkToken(token) });
  });
  return { ...(await getCheckin(deps, scope, id)), linkUrl: linkUrl(deps, token) };
}

/**
 * Puts the check-in's message in the outbox and marks it sent. The raw token is not kept, so a
 * new link is issued; the full text is returned once and stored with the link replaced by a marker.
 */
export async function sendCheckin(
  deps: CheckinDeps,
  scope: PracticeScope,
  id: string,
): Promise<{ checkin: CheckinView; message: OutboxMessageView }> {
  const now = deps.clock.now();
  const token = newLinkToken();
  const link = linkUrl(deps, token);
  const messageId = newId();
  let message: OutboxMessageView | undefined;
  await deps.database.db.transaction().execute(async (tx) => {
    const row = await repo.findCheckin(tx, scope, id);
    if (!row) throw notFound("Check-in");
    assertOpen(row, now);
    if (row.answered_at !== null) throw conflict("checkin_answered", "This check-in has already been answered");
    const client = await findClient(tx, scope, row.client_id);
    if (!client) throw notFound("Check-in");
    await assertCheckinConsent(tx, scope, client.id);
    const practice = await findPractice(tx, scope);
    const subject = `${practice?.name ?? "Your therapist"}: how are you since your treatment?`;
    const text = (linkText: string) =>
      `Hello ${client.first_name},\n\nA few quick questions about how you feel since your treatment. It takes about a minute:\n\n${linkText}\n\nThe link works until ${formatDateTimeInWords(row.expires_at, client.time_zone, client.locale ?? practice?.locale)}.\n\n${practice?.name ?? ""}`;
    await repo.updateCheckin(tx, scope, id, { token_sha256: hashLinkToken(token), sent_at: now.toISOString() });
    await repo.insertOutboxMessage(tx, scope, {
      id: messageId,
      checkin_id: id,
      to_address: client.email,
      subject,
      text: text(REDACTED_LINK_MARKER),
      link_redacted: 1,
      created_at: now.toISOString(),
    });
    message = {
      id: messageId,
      checkinId: id,
      to: client.email,
      subject,
      text: text(link),
      linkRedacted: false,
      createdAt: now.toISOString(),
    };
  });
  if (!message) throw notFound("Check-in");
  return { checkin: { ...(await getCheckin(deps, scope, id)), linkUrl: link }, message };
}

export async function listOutbox(deps: CheckinDeps, scope: PracticeScope): Promise<OutboxMessageView[]> {
  return (await repo.listOutbox(deps.database.db, scope)).map((row) => ({
    id: row.id,
    checkinId: row.checkin_id,
    to: row.to_address,
    subject: row.subject,
    text: row.text,
    linkRedacted: row.link_redacted === 1,
    createdAt: row.created_at,
  }));
}
