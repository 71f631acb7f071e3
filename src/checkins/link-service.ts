import type { AuditEventInput } from "../audit/repository.js";
import { lockRow } from "../db/concurrency.js";
import type { Database } from "../db/database.js";
import { appendConsentEvent, findClient, listConsentEvents } from "../clients/repository.js";
import { localDate } from "../clients/service.js";
import { findPractice } from "../practices/repository.js";
import { findDeliveryByUnsubscribeHashAcrossPractices } from "./delivery-repository.js";
import type { Clock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import type { PracticeScope } from "../shared/scope.js";
import { activitiesOf, formValuesOf, validateAnswers, type AnswerContext, type FormValues } from "./answers.js";
import type { MeasureCatalogue } from "../shared/measures/index.js";
import { freezeAnswered, loadCatalogueFor } from "../questionnaires/service.js";
import * as linkRepo from "./link-repository.js";
import * as repo from "./repository.js";
import type { CheckinRow } from "./repository.js";
import { isClosed } from "./rules.js";
import { hashLinkToken, isWellFormedToken } from "../platform/link-token.js";

/** What the client's link pages need: the token is the only credential. */
export interface LinkDeps {
  database: Database;
  clock: Clock;
}

export type OpenResult =
  | { kind: "unusable" }
  | ({
      kind: "form";
      practiceName: string;
      measureCodes: string[];
      values: FormValues;
      answeredAt: string | null;
      catalogue: MeasureCatalogue;
    } & AnswerContext);
export type SubmitResult =
  | { kind: "unusable" }
  | ({
      kind: "invalid";
      practiceName: string;
      measureCodes: string[];
      errors: Record<string, string>;
      catalogue: MeasureCatalogue;
    } & AnswerContext)
  | { kind: "saved"; practiceName: string };

async function findUsable(
  deps: LinkDeps,
  token: string,
  options: { open?: boolean } = {},
): Promise<{ row: CheckinRow; scope: PracticeScope; practiceName: string } | undefined> {
  if (!isWellFormedToken(token)) return undefined;
  const now = deps.clock.now();
  // The check-in and its practice's name in one read (a link page is the busiest page there is);
  // opening it also records the first opening, in the same statement on PostgreSQL.
  const found = options.open
    ? await linkRepo.openLinkCheckinAcrossPractices(deps.database, hashLinkToken(token), now.toISOString())
    : await linkRepo.findLinkCheckinAcrossPractices(deps.database.db, hashLinkToken(token));
  if (!found || isClosed(found, now)) return undefined;
  const { practice_name: practiceName, ...row } = found;
  return { row, scope: { practiceId: row.practice_id }, practiceName };
}

/**
 * Shows the questionnaire. Mail scanners follow links, so opening changes nothing except
 * recording the first time the link was opened.
 */
export async function openLink(deps: LinkDeps, token: string): Promise<OpenResult> {
  // Only the first opening is recorded: later ones write nothing.
  const found = await findUsable(deps, token, { open: true });
  if (!found) return { kind: "unusable" };
  const measureCodes = JSON.parse(found.row.measure_codes_json) as string[];
  const catalogue = await loadCatalogueFor(deps.database.db, found.scope, measureCodes);
  const context = await answerContext(deps, found.scope, found.row, measureCodes, catalogue);
  // An answered check-in opens with the latest answers filled in; sending changes stores a new
  // version. One not yet answered has none to read (an answer and `answered_at` are written together).
  const [latest] = found.row.answered_at === null ? [] : await repo.listAnswers(deps.database.db, found.scope, [found.row.id]);
  const values = latest ? formValuesOf(measureCodes, JSON.parse(latest.answers_json) as Record<string, unknown>, catalogue) : {};
  return {
    kind: "form",
    practiceName: found.practiceName,
    measureCodes,
    values,
    answeredAt: latest?.submitted_at ?? null,
    catalogue,
    ...context,
  };
}

/**
 * For each patient-specific measure (PSFS) on this check-in: the activities the client named in
 * their latest answer to another check-in, which this one asks them to rate again. None yet means
 * this is the first time, and the page asks them to name their activities.
 */
async function answerContext(
  deps: LinkDeps,
  scope: PracticeScope,
  row: CheckinRow,
  measureCodes: string[],
  catalogue: MeasureCatalogue,
): Promise<AnswerContext> {
  const codes = measureCodes.filter((code) => catalogue.byCode(code)?.kind === "patient-specific");
  if (codes.length === 0) return { fixedActivities: {} };
  const answers = (await linkRepo.listClientAnswersNewestFirst(deps.database.db, scope, row.client_id)).filter(
    (a) => a.checkin_id !== row.id,
  );
  const fixedActivities: Record<string, string[]> = {};
  for (const code of codes) {
    for (const answer of answers) {
      const named = activitiesOf((JSON.parse(answer.answers_json) as Record<string, unknown>)[code]);
      if (named.length > 0) {
        fixedActivities[code] = named;
        break;
      }
    }
  }
  return { fixedActivities };
}

/** The check-in a link opened, as the audit log names it. */
export interface LinkCheckin {
  id: string;
  practiceId: string;
  clientId: string;
}

/** What the link page does around a submission: the audit log's part of it. */
export interface SubmitHooks {
  /** The token opened this check-in (called before the answers are checked). */
  onFound?: (checkin: LinkCheckin) => void;
  /** The audit event written in the answer's transaction when the answers are accepted, a repeat included. */
  acceptedEvent?: (checkin: LinkCheckin) => AuditEventInput | undefined;
}

/**
 * Stores a new answer version when the answers are valid and differ from the latest version
 * (so a double submit saves once). Earlier versions are kept.
 */
export async function submitLink(deps: LinkDeps, token: string, form: FormValues, hooks: SubmitHooks = {}): Promise<SubmitResult> {
  const found = await findUsable(deps, token);
  if (!found) return { kind: "unusable" };
  const { row, scope, practiceName } = found;
  const checkin: LinkCheckin = { id: row.id, practiceId: row.practice_id, clientId: row.client_id };
  hooks.onFound?.(checkin);
  const measureCodes = JSON.parse(row.measure_codes_json) as string[];
  const catalogue = await loadCatalogueFor(deps.database.db, scope, measureCodes);
  const context = await answerContext(deps, scope, row, measureCodes, catalogue);
  const validated = validateAnswers(measureCodes, form, context, catalogue);
  if (!validated.ok) return { kind: "invalid", practiceName, measureCodes, errors: validated.errors, catalogue, ...context };
  const answersJson = JSON.stringify(validated.answers);
  const now = deps.clock.now().toISOString();
  await deps.database.db.transaction().execute(async (tx) => {
    // Submits to one check-in queue on its row, so each sees the answers the one before it stored:
    // the same answers sent twice (or 50 times at once) are stored once.
    // The audit event commits with the answer: one commit, one wait for the disk.
    if (!(await linkRepo.lockCheckinRecording(tx, scope, row.id, hooks.acceptedEvent?.(checkin)))) return;
    const stored = await linkRepo.storeAnswerIfChanged(tx, scope, { id: newId(), checkinId: row.id, answersJson, at: now });
    // An answer is a version's first use: it can no longer be changed in place.
    if (stored) await freezeAnswered(tx, scope, validated.answers, now);
  });
  return { kind: "saved", practiceName };
}

/**
 * Withdraws the client's consent to check-in messages, recorded as done by the client through the
 * link. Unsubscribing twice changes nothing more. Returns the client it was, undefined for a bad token.
 */
export async function confirmUnsubscribe(deps: LinkDeps, token: string): Promise<{ practiceId: string; clientId: string } | undefined> {
  const found = await findUnsubscribe(deps, token);
  if (!found) return undefined;
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (tx) => {
    // Consent events of a client are appended one at a time (see clients/service.ts recordConsent).
    if (!(await lockRow(tx, "client", found.scope, found.clientId))) return;
    const events = (await listConsentEvents(tx, found.scope, found.clientId)).filter((e) => e.kind === "checkin_messages");
    if (events.at(-1)?.granted !== 1) return;
    await appendConsentEvent(tx, found.scope, {
      id: newId(),
      client_id: found.clientId,
      kind: "checkin_messages",
      granted: 0,
      effective_on: localDate(now, found.timeZone),
      recorded_at: now.toISOString(),
      recorded_by: null,
      source: "client_link",
    });
  });
  return { practiceId: found.scope.practiceId, clientId: found.clientId };
}

/** The client an unsubscribe token belongs to, for the consent part of that page; undefined for any bad token. */
export async function openUnsubscribeClient(
  deps: LinkDeps,
  token: string,
): Promise<{ scope: PracticeScope; clientId: string; practiceName: string } | undefined> {
  return findUnsubscribe(deps, token);
}

async function findUnsubscribe(
  deps: LinkDeps,
  token: string,
): Promise<{ scope: PracticeScope; clientId: string; timeZone: string; practiceName: string } | undefined> {
  if (!isWellFormedToken(token)) return undefined;
  const delivery = await findDeliveryByUnsubscribeHashAcrossPractices(deps.database.db, hashLinkToken(token));
  if (!delivery) return undefined;
  const scope = { practiceId: delivery.practice_id };
  const checkin = await repo.findCheckin(deps.database.db, scope, delivery.checkin_id);
  const client = checkin && (await findClient(deps.database.db, scope, checkin.client_id));
  if (!client) return undefined;
  const practice = await findPractice(deps.database.db, scope);
  return { scope, clientId: client.id, timeZone: client.time_zone, practiceName: practice?.name ?? "" };
}
