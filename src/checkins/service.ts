import { formatDateTimeInWords } from "../shared/dates.js";
import { listConsentEvents, findClient } from "../clients/repository.js";
import { findSession, lockSession } from "../clinical/sessions/repository.js";
import type { Database, Executor } from "../db/database.js";
import { findPractice } from "../practices/repository.js";
import { claimVersion, currentVersion } from "../db/concurrency.js";
import { conflict, notFound, staleVersion, validationFailed } from "../platform/errors.js";
import type { Clock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import { plural } from "../shared/plural.js";
import { can } from "../shared/policy.js";
import type { Actor, PracticeScope } from "../shared/scope.js";
import { checkPlanMeasures } from "./plan-measures.js";
import * as repo from "./repository.js";
import { SharedRead } from "./shared-read.js";
import type { CheckinAnswerRow, CheckinPlanRow, CheckinRow } from "./repository.js";
import type { CheckinPlanRequest, CheckinPlanView, CheckinState, CheckinView, DueCheckinsView, OutboxMessageView } from "./schema.js";
import { hashLinkToken, newLinkToken } from "../platform/link-token.js";
import { localHourDaysAfter } from "../shared/zoned-time.js";

export interface CheckinDeps {
  database: Database;
  clock: Clock;
  config: { baseUrl: string };
}

const DAY_MS = 86_400_000;
/** What an outbox message holds instead of the link once the link has been shown. */
export const REDACTED_LINK_MARKER = "[link shown once when this message was created; make a new one with “New link”]";

export async function listPlans(deps: CheckinDeps, scope: PracticeScope): Promise<CheckinPlanView[]> {
  return (await repo.listPlans(deps.database.db, scope)).map(toPlanView);
}

export async function getPlan(deps: CheckinDeps, scope: PracticeScope, id: string): Promise<CheckinPlanView> {
  const row = await repo.findPlan(deps.database.db, scope, id);
  if (!row) throw notFound("Check-in plan");
  return toPlanView(row);
}

export async function createPlan(
  deps: CheckinDeps,
  scope: PracticeScope & { practitionerId?: string },
  input: CheckinPlanRequest,
): Promise<CheckinPlanView> {
  const now = deps.clock.now().toISOString();
  const id = newId();
  await deps.database.db.transaction().execute(async (tx) => {
    await checkPlanMeasures(tx, scope, input.measureCodes, now);
    await repo.insertPlan(tx, scope, {
      id,
      ...planFields(input),
      created_at: now,
      updated_at: now,
      updated_by: scope.practitionerId ?? null,
    });
  });
  return getPlan(deps, scope, id);
}

/**
 * Replaces a plan, only if it is still at the version the edit was based on (409 stale_version
 * otherwise). Check-ins already scheduled keep the questionnaire they were scheduled with.
 */
export async function updatePlan(
  deps: CheckinDeps,
  actor: Actor,
  id: string,
  input: CheckinPlanRequest,
  version: number,
): Promise<CheckinPlanView> {
  await deps.database.db.transaction().execute(async (tx) => {
    if (!(await claimVersion(tx, "checkin_plan", actor, id, version, actor.practitionerId, deps.clock.now().toISOString()))) {
      const current = await currentVersion(tx, "checkin_plan", actor, id);
      if (!current) throw notFound("Check-in plan");
      const row = await repo.findPlan(tx, actor, id);
      throw staleVersion("check-in plan", current, row && toPlanView(row));
    }
    await checkPlanMeasures(tx, actor, input.measureCodes, deps.clock.now().toISOString());
    await repo.updatePlan(tx, actor, id, planFields(input));
  });
  return getPlan(deps, actor, id);
}

/** What scheduling a plan after a session did: new check-ins, or those already there. */
export interface ScheduleOutcome {
  /** The client whose session it is. */
  clientId: string;
  checkins: CheckinView[];
  /** True when the plan was already scheduled for this session, so nothing was added. */
  alreadyScheduled: boolean;
  message: string;
}

/**
 * Schedules a plan's check-ins after a session: one per offset, due at the plan's hour in the
 * client's time zone. Each gets its own link token; the links are returned once, here. Scheduling
 * a plan the session already has (check-ins not cancelled) adds nothing and says so, so a second
 * press of the button cannot make duplicates; the session row is locked for the check, so two
 * presses at once cannot either.
 */
export async function scheduleCheckins(
  deps: CheckinDeps,
  scope: PracticeScope,
  sessionId: string,
  planId: string,
): Promise<ScheduleOutcome> {
  const now = deps.clock.now();
  let created: { id: string; token: string }[] = [];
  let existing: string[] = [];
  let planName = "";
  let clientId = "";
  await deps.database.db.transaction().execute(async (tx) => {
    if (!(await lockSession(tx, scope, sessionId))) throw notFound("Session");
    const session = await findSession(tx, scope, sessionId);
    if (!session) throw notFound("Session");
    clientId = session.client_id;
    const plan = await repo.findPlan(tx, scope, planId);
    if (!plan) throw validationFailed({ planId: "no such check-in plan" });
    planName = plan.name;
    existing = (await repo.listSessionPlanCheckins(tx, scope, session.id, plan.id))
      .filter((row) => row.cancelled_at === null)
      .map((row) => row.id);
    if (existing.length > 0) return;
    const client = await findClient(tx, scope, session.client_id);
    if (!client) throw notFound("Client");
    await assertCheckinConsent(tx, scope, client.id);
    created = await insertPlanCheckins(tx, scope, { session, plan, client, now });
  });
  if (existing.length > 0) {
    return {
      clientId,
      checkins: await Promise.all(existing.map((id) => getCheckin(deps, scope, id))),
      alreadyScheduled: true,
      message: `“${planName}” is already scheduled for this session, so nothing was added.`,
    };
  }
  const views = await Promise.all(created.map(({ id }) => getCheckin(deps, scope, id)));
  return {
    clientId,
    checkins: views.map((view, index) => ({ ...view, linkUrl: linkUrl(deps, created[index]?.token ?? "") })),
    alreadyScheduled: false,
    message: `${plural(views.length, "check-in")} scheduled from “${planName}”.`,
  };
}

/**
 * Inserts one check-in per offset of a plan after a session, each with a fresh link token, and
 * returns the ids with their raw tokens (shown once, or dropped by automatic scheduling).
 */
export async function insertPlanCheckins(
  tx: Executor,
  scope: PracticeScope,
  input: {
    session: { id: string; started_at: string };
    plan: CheckinPlanRow;
    client: { id: string; time_zone: string };
    now: Date;
  },
): Promise<{ id: string; token: string }[]> {
  const { session, plan, client, now } = input;
  const created: { id: string; token: string }[] = [];
  const offsets = JSON.parse(plan.offsets_days_json) as number[];
  const rows = offsets.map((offsetDays) => {
    const token = newLinkToken();
    const id = newId();
    created.push({ id, token });
    const due = dueAfterSession(new Date(session.started_at), offsetDays, plan.local_hour, client.time_zone);
    return {
      id,
      client_id: client.id,
      session_id: session.id,
      plan_id: plan.id,
      measure_codes_json: plan.measure_codes_json,
      offset_days: offsetDays,
      token_sha256: hashLinkToken(token),
      due_at: due.toISOString(),
      expires_at: new Date(due.getTime() + plan.expires_after_days * DAY_MS).toISOString(),
      sent_at: null,
      opened_at: null,
      answered_at: null,
      created_at: now.toISOString(),
      cancelled_at: null,
      rescheduled_to_id: null,
    };
  });
  await repo.insertCheckins(tx, scope, rows);
  return created;
}

/**
 * When a check-in `offsetDays` after a session is due: at the plan's hour on that local day, but
 * never before the session itself. A day-0 hour already past when the session started (18:00
 * after a 23:01 session) moves to the same hour the next day.
 */
export function dueAfterSession(sessionStart: Date, offsetDays: number, localHour: number, timeZone: string): Date {
  const due = localHourDaysAfter(sessionStart, offsetDays, localHour, timeZone);
  if (due.getTime() > sessionStart.getTime()) return due;
  return localHourDaysAfter(sessionStart, offsetDays + 1, localHour, timeZone);
}

export async function getCheckin(deps: CheckinDeps, scope: PracticeScope, id: string): Promise<CheckinView> {
  const db = deps.database.db;
  const row = await repo.findCheckin(db, scope, id);
  if (!row) throw notFound("Check-in");
  return toCheckinView(row, await repo.listAnswers(db, scope, [id]), deps.clock.now());
}

export async function listClientCheckins(deps: CheckinDeps, scope: PracticeScope, clientId: string): Promise<CheckinView[]> {
  const db = deps.database.db;
  if (!(await findClient(db, scope, clientId))) throw notFound("Client");
  const rows = await repo.listClientCheckins(db, scope, clientId);
  return withAnswers(db, scope, rows, deps.clock.now());
}

/** A check-in can stay open at most this long after it is due (a plan's `expiresAfterDays` cap). */
const MAX_OPEN_DAYS = 60;
/** The response rate on the due list covers the check-ins due in this many days before now. */
const RESPONSE_RATE_DAYS = 90;

/**
 * Check-ins waiting for an answer (due, still open), oldest first, a page at a time, and how many
 * of all the check-ins that came due were answered. The page is read by an index range; nothing
 * else about the practice's check-ins is loaded.
 */
export async function listDue(
  deps: CheckinDeps,
  scope: PracticeScope,
  query: { limit: number; cursor?: string | undefined },
): Promise<DueCheckinsView> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const after = query.cursor === undefined ? undefined : decodeDueCursor(query.cursor);
  const [rows, counts] = await Promise.all([
    repo.listOpenDueCheckins(db, scope, {
      now: nowIso,
      earliestDue: new Date(now.getTime() - MAX_OPEN_DAYS * DAY_MS).toISOString(),
      after,
      limit: query.limit + 1,
    }),
    dueCounts(deps, scope),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    checkins: page.map((row) => ({
      ...toCheckinView(row, [], now),
      clientName: `${row.client_first_name} ${row.client_last_name}`.trim(),
    })),
    nextCursor: rows.length > query.limit && last ? Buffer.from(`${last.due_at}|${last.id}`, "utf8").toString("base64url") : null,
    responseRate: {
      due: counts.due,
      answered: counts.answered,
      rate: counts.due === 0 ? null : counts.answered / counts.due,
      windowDays: RESPONSE_RATE_DAYS,
    },
  };
}

/** Per database and practice, the response rate's count shared by requests that ask at once. */
const dueCountReads = new WeakMap<object, Map<string, SharedRead<{ due: number; answered: number }>>>();

/**
 * The response rate covers the check-ins due in the last 90 days. A count over every check-in that
 * ever came due grew with the practice's history (199k index entries on a practice of a few years,
 * over 100 ms a request) and told the therapist less: a habit from three years ago hides whether
 * clients answer now. Requests arriving together share one count (never one that started before
 * they asked, see shared-read.ts), so eight users cost two counts, not eight.
 */
function dueCounts(deps: CheckinDeps, scope: PracticeScope): Promise<{ due: number; answered: number }> {
  let byPractice = dueCountReads.get(deps.database);
  if (!byPractice) dueCountReads.set(deps.database, (byPractice = new Map<string, SharedRead<{ due: number; answered: number }>>()));
  let shared = byPractice.get(scope.practiceId);
  if (!shared) {
    shared = new SharedRead(() => {
      const now = deps.clock.now();
      return repo.countDueCheckins(deps.database.db, scope, {
        since: new Date(now.getTime() - RESPONSE_RATE_DAYS * DAY_MS).toISOString(),
        now: now.toISOString(),
      });
    });
    byPractice.set(scope.practiceId, shared);
  }
  return shared.get();
}

function decodeDueCursor(cursor: string): { dueAt: string; id: string } {
  const [dueAt, id, extra] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (!dueAt || !id || extra !== undefined || Number.isNaN(Date.parse(dueAt))) {
    throw validationFailed({ cursor: "is not a cursor from a previous page" });
  }
  return { dueAt, id };
}

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

/** Cancels a check-in that is not answered yet: its link stops working and it is never sent. */
export async function cancelCheckin(deps: CheckinDeps, scope: PracticeScope, id: string): Promise<CheckinView> {
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (tx) => {
    const row = await repo.findCheckin(tx, scope, id);
    if (!row) throw notFound("Check-in");
    assertChangeable(row, now);
    // A fresh hash that no link carries, so the old link is dead even before the state is read.
    await repo.updateCheckin(tx, scope, id, { cancelled_at: now.toISOString(), token_sha256: hashLinkToken(newLinkToken()) });
  });
  return getCheckin(deps, scope, id);
}

/**
 * Moves a check-in that is not answered yet to a new due time. The old check-in is cancelled (its
 * link stops working, and what was e-mailed for it stays on record) and a new one takes its place
 * with the same questionnaire and the same open period; its link is issued when it is sent.
 */
export async function rescheduleCheckin(deps: CheckinDeps, scope: PracticeScope, id: string, dueAt: string): Promise<CheckinView> {
  const now = deps.clock.now();
  const due = new Date(dueAt);
  const newIdValue = newId();
  await deps.database.db.transaction().execute(async (tx) => {
    const row = await repo.findCheckin(tx, scope, id);
    if (!row) throw notFound("Check-in");
    assertChangeable(row, now);
    if (due.getTime() <= now.getTime()) throw validationFailed({ dueAt: "must be in the future" });
    if (due.getTime() > now.getTime() + 365 * DAY_MS) throw validationFailed({ dueAt: "must be within a year from now" });
    const openFor = Date.parse(row.expires_at) - Date.parse(row.due_at);
    await repo.insertCheckins(tx, scope, [
      {
        id: newIdValue,
        client_id: row.client_id,
        session_id: row.session_id,
        plan_id: row.plan_id,
        measure_codes_json: row.measure_codes_json,
        offset_days: row.offset_days,
        token_sha256: hashLinkToken(newLinkToken()),
        due_at: due.toISOString(),
        expires_at: new Date(due.getTime() + openFor).toISOString(),
        sent_at: null,
        opened_at: null,
        answered_at: null,
        created_at: now.toISOString(),
        cancelled_at: null,
        rescheduled_to_id: null,
      },
    ]);
    await repo.updateCheckin(tx, scope, id, {
      cancelled_at: now.toISOString(),
      rescheduled_to_id: newIdValue,
      token_sha256: hashLinkToken(newLinkToken()),
    });
  });
  return getCheckin(deps, scope, newIdValue);
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

/** A check-in is closed once it expires or is cancelled: its link no longer works. */
export function isClosed(row: Pick<CheckinRow, "expires_at" | "cancelled_at">, now: Date): boolean {
  return row.cancelled_at !== null || now.toISOString() >= row.expires_at;
}

function assertOpen(row: CheckinRow, now: Date): void {
  if (row.cancelled_at !== null) throw conflict("checkin_cancelled", "This check-in was cancelled; its link can no longer be used");
  if (isClosed(row, now)) throw conflict("checkin_closed", "This check-in has closed; its link can no longer be used");
}

/** Only a check-in still waiting for its answer can be cancelled or moved. */
function assertChangeable(row: CheckinRow, now: Date): void {
  if (row.answered_at !== null) {
    throw conflict("checkin_answered", "This check-in has been answered; an answered check-in cannot be cancelled or rescheduled");
  }
  if (row.cancelled_at !== null) throw conflict("checkin_cancelled", "This check-in was cancelled already");
  if (isClosed(row, now)) {
    throw conflict("checkin_closed", "This check-in has expired; an expired check-in cannot be cancelled or rescheduled");
  }
}

/** Whether the client's latest word on check-in messages is "yes". */
export async function hasCheckinConsent(db: Executor, scope: PracticeScope, clientId: string): Promise<boolean> {
  const events = await listConsentEvents(db, scope, clientId);
  return events.filter((e) => e.kind === "checkin_messages").at(-1)?.granted === 1;
}

async function assertCheckinConsent(db: Executor, scope: PracticeScope, clientId: string): Promise<void> {
  if (!(await hasCheckinConsent(db, scope, clientId))) {
    throw conflict(
      "checkin_consent_missing",
      "The client has not consented to check-in messages; record their consent before scheduling or sending check-ins",
    );
  }
}

function linkUrl(deps: CheckinDeps, token: string): string {
  return `${deps.config.baseUrl}/c/${token}`;
}

function planFields(input: CheckinPlanRequest) {
  return {
    name: input.name,
    measure_codes_json: JSON.stringify(input.measureCodes),
    offsets_days_json: JSON.stringify([...input.offsetsDays].sort((a, b) => a - b)),
    local_hour: input.localHour,
    expires_after_days: input.expiresAfterDays,
  };
}

function toPlanView(row: CheckinPlanRow): CheckinPlanView {
  return {
    id: row.id,
    name: row.name,
    measureCodes: JSON.parse(row.measure_codes_json) as string[],
    offsetsDays: JSON.parse(row.offsets_days_json) as number[],
    localHour: row.local_hour,
    expiresAfterDays: row.expires_after_days,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  };
}

async function withAnswers(db: Executor, scope: PracticeScope, rows: CheckinRow[], now: Date): Promise<CheckinView[]> {
  const answers = await repo.listAnswers(
    db,
    scope,
    rows.map((r) => r.id),
  );
  return rows.map((row) =>
    toCheckinView(
      row,
      answers.filter((a) => a.checkin_id === row.id),
      now,
    ),
  );
}

export function checkinState(row: CheckinRow, now: Date): CheckinState {
  if (row.answered_at !== null) return "answered";
  if (row.cancelled_at !== null) return "cancelled";
  if (isClosed(row, now)) return "expired";
  if (row.opened_at !== null) return "opened";
  if (row.sent_at !== null) return "sent";
  return "scheduled";
}

function toCheckinView(row: CheckinRow, answers: CheckinAnswerRow[], now: Date): CheckinView {
  return {
    id: row.id,
    clientId: row.client_id,
    sessionId: row.session_id,
    planId: row.plan_id,
    measureCodes: JSON.parse(row.measure_codes_json) as string[],
    offsetDays: row.offset_days,
    state: checkinState(row, now),
    dueAt: row.due_at,
    expiresAt: row.expires_at,
    sentAt: row.sent_at,
    openedAt: row.opened_at,
    answeredAt: row.answered_at,
    cancelledAt: row.cancelled_at,
    rescheduledToId: row.rescheduled_to_id,
    versions: [...answers]
      .sort((a, b) => b.version - a.version)
      .map((a) => ({ version: a.version, submittedAt: a.submitted_at, answers: JSON.parse(a.answers_json) as Record<string, unknown> })),
  };
}

/**
 * Check-in status is front-desk work; the answers are clinical. A role that may not read clinical
 * notes (an assistant without the owner's grant) sees each check-in's state but not its answers.
 */
export function answersVisibleTo(actor: Actor, checkins: CheckinView[]): CheckinView[] {
  if (can(actor, "clinical.read")) return checkins;
  return checkins.map((checkin) => ({ ...checkin, versions: [] }));
}
