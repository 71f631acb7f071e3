/** Session notes: create, edit the draft, sign, amend, mark entered in error; and reading them with their history. */
import { scheduleForSignedSession } from "../../checkins/auto-schedule.js";
import { assertRedFlagsReviewed } from "../../intake/service.js";
import * as clientRepo from "../../clients/repository.js";
import type { Executor } from "../../db/database.js";
import { assertCan } from "../../platform/authorize.js";
import { bumpVersion, claimVersion, lockRow } from "../../db/concurrency.js";
import { conflict, notFound, staleVersion } from "../../platform/errors.js";
import { newId } from "../../shared/ids.js";
import { EMPTY_NOTE_MESSAGE, hasClinicalContent } from "../../shared/session-content.js";
import type { Actor, PracticeScope } from "../../shared/scope.js";
import type { ClinicalDeps } from "../vocabulary/service.js";
import * as repo from "./repository.js";
import { indexSession } from "../../search/indexer.js";
import type {
  AmendSessionRequest,
  CreateSessionRequest,
  EnteredInErrorRequest,
  SignSessionRequest,
  RevisionView,
  SessionView,
  SessionChanges,
  UpdateSessionRequest,
} from "./schema.js";
import { appendRevision, EMPTY_STATE, loadState, merge, validateState, writeParts, type LoadedState } from "./state.js";
import { loadSessionViews } from "./views.js";

export async function createSession(deps: ClinicalDeps, actor: Actor, clientId: string, input: CreateSessionRequest): Promise<SessionView> {
  const id = newId();
  const now = deps.clock.now().toISOString();
  await deps.database.db.transaction().execute(async (tx) => {
    if (!(await clientRepo.findClient(tx, actor, clientId))) throw notFound("Client");
    const { state } = merge({ ...EMPTY_STATE, startedAt: input.startedAt }, input);
    await validateState(deps, tx, actor, clientId, state);
    await repo.insertSession(tx, actor, {
      id,
      client_id: clientId,
      practitioner_id: actor.practitionerId,
      started_at: state.startedAt,
      protocol_version_id: state.protocolVersionId,
      measures_json: JSON.stringify(state.measures),
      soap_json: JSON.stringify(state.soap),
      advice: state.advice,
      status: "draft",
      signed_at: null,
      amendments: 0,
      entered_in_error_at: null,
      entered_in_error_reason: null,
      entered_in_error_by: null,
      created_at: now,
      updated_at: now,
      updated_by: actor.practitionerId,
    });
    await writeParts(tx, actor, id, state, ["complaintIds", "findings", "steps"]);
    await appendRevision(tx, actor, id, { kind: "created", at: now, reason: null, changedFields: [], state });
    await indexSession(tx, actor, id, now);
  });
  return getSession(deps, actor, id);
}

/** Edits a draft, only if it is still at the version the edit was based on (409 stale_version otherwise). */
export async function updateSession(deps: ClinicalDeps, actor: Actor, id: string, input: UpdateSessionRequest): Promise<SessionView> {
  const { version, ...changes } = input;
  const now = deps.clock.now().toISOString();
  try {
    await deps.database.db.transaction().execute(async (tx) => {
      // Compare-and-set first: from here on this transaction holds the session, so what it reads is what it changes.
      if (!(await claimVersion(tx, "treatment_session", actor, id, version, actor.practitionerId, now))) {
        throw await refusal(deps, tx, actor, id, "edit");
      }
      const current = await loadState(tx, actor, id);
      if (current.row.status === "signed") {
        throw conflict("session_signed", "This session is signed; add an amendment instead of editing it");
      }
      assertCan(actor, "session.edit_draft", { authorId: current.row.practitioner_id });
      await applyChanges(deps, tx, actor, current, changes, { kind: "edited", reason: null });
    });
  } catch (error) {
    if (!(error instanceof NothingChanged)) throw error;
  }
  return getSession(deps, actor, id);
}

/**
 * Signs a draft. Only its author signs it; an owner may sign someone else's draft with a reason,
 * which the signed revision keeps. Signing is one conditional update (draft → signed, and at
 * `version` when given): of several signatures at once exactly one goes through, the others get 409.
 */
export async function signSession(deps: ClinicalDeps, actor: Actor, id: string, input: SignSessionRequest = {}): Promise<SessionView> {
  const now = deps.clock.now().toISOString();
  await deps.database.db.transaction().execute(async (tx) => {
    const draft = await repo.findSession(tx, actor, id);
    if (!draft) throw notFound("Session");
    if (draft.status === "signed") throw signedAlready(draft);
    assertCan(actor, "session.sign", { authorId: draft.practitioner_id, reason: input.reason });
    if (!hasClinicalContent((await loadState(tx, actor, id)).state)) {
      throw conflict("session_empty", EMPTY_NOTE_MESSAGE);
    }
    // A first session waits until the intake's red-flag answers have been reviewed (intake/service.ts).
    await assertRedFlagsReviewed(tx, actor, draft.client_id);
    if (!(await repo.signDraft(tx, actor, id, { at: now, by: actor.practitionerId, basedOn: input.version }))) {
      throw await refusal(deps, tx, actor, id, "sign");
    }
    const current = await loadState(tx, actor, id);
    const onBehalf = current.row.practitioner_id !== actor.practitionerId;
    const reason = onBehalf ? (input.reason?.trim() ?? null) : null;
    await appendRevision(tx, actor, id, { kind: "signed", at: now, reason, changedFields: [], state: current.state });
    // The protocol's check-in plan, if it has one, is scheduled in the same transaction as the signature.
    await scheduleForSignedSession(tx, deps.clock, actor, id);
  });
  return getSession(deps, actor, id);
}

/**
 * Marks a signed note "entered in error" (wrong client, wrong day): it is kept, shown struck
 * through with the reason, and left out of analyses; it is never deleted. The history records who
 * did it and why, as an amendment that changed `enteredInError`. A draft is edited instead.
 */
export async function markEnteredInError(deps: ClinicalDeps, actor: Actor, id: string, input: EnteredInErrorRequest): Promise<SessionView> {
  assertCan(actor, "session.amend");
  const now = deps.clock.now().toISOString();
  await deps.database.db.transaction().execute(async (tx) => {
    if (!(await lockRow(tx, "treatment_session", actor, id))) throw notFound("Session");
    const current = await loadState(tx, actor, id);
    if (current.row.status !== "signed") {
      throw conflict("session_not_signed", "Only a signed session is marked entered in error; edit or leave the draft instead");
    }
    if (current.row.entered_in_error_at !== null)
      throw conflict("session_entered_in_error", "This session is marked entered in error already");
    const reason = input.reason.trim();
    await repo.updateSession(tx, actor, id, {
      entered_in_error_at: now,
      entered_in_error_reason: reason,
      entered_in_error_by: actor.practitionerId,
      amendments: Number(current.row.amendments) + 1,
      updated_at: now,
    });
    await bumpVersion(tx, "treatment_session", actor, id, actor.practitionerId, now);
    await appendRevision(tx, actor, id, {
      kind: "amended",
      at: now,
      reason: `Entered in error: ${reason}`,
      changedFields: ["enteredInError"],
      state: current.state,
    });
    await indexSession(tx, actor, id, now);
  });
  return getSession(deps, actor, id);
}

/**
 * Appends an amendment to a signed session; the state before it stays in the previous revision.
 * Amendments to one note are applied one at a time (each over the one before); with `version`, an
 * amendment is refused (409) if the note changed since it was read.
 */
export async function amendSession(deps: ClinicalDeps, actor: Actor, id: string, input: AmendSessionRequest): Promise<SessionView> {
  assertCan(actor, "session.amend");
  const now = deps.clock.now().toISOString();
  await deps.database.db.transaction().execute(async (tx) => {
    if (input.version !== undefined) {
      if (!(await claimVersion(tx, "treatment_session", actor, id, input.version, actor.practitionerId, now))) {
        throw await refusal(deps, tx, actor, id, "amend");
      }
    } else {
      if (!(await lockRow(tx, "treatment_session", actor, id))) throw notFound("Session");
      await bumpVersion(tx, "treatment_session", actor, id, actor.practitionerId, now);
    }
    const current = await loadState(tx, actor, id);
    if (current.row.status !== "signed") {
      throw conflict("session_not_signed", "Only a signed session is amended; edit the draft instead");
    }
    await applyChanges(deps, tx, actor, current, input.changes, { kind: "amended", reason: input.reason });
    // An amendment that applies a protocol with a plan schedules it, unless the session has check-ins already.
    if (input.changes.protocolVersionId !== undefined && input.changes.protocolVersionId !== current.state.protocolVersionId) {
      await scheduleForSignedSession(tx, deps.clock, actor, id);
    }
  });
  return getSession(deps, actor, id);
}

/** An edit with nothing to change: its transaction is rolled back, so the version does not move. */
class NothingChanged extends Error {}

function signedAlready(row: repo.SessionRow) {
  return conflict("session_signed", `This session is signed already${row.updated_by_name ? ` (by ${row.updated_by_name})` : ""}`);
}

/** Why a conditional write found nothing to change: the session is gone, signed, or at another version. */
async function refusal(deps: ClinicalDeps, db: Executor, scope: PracticeScope, id: string, attempt: "edit" | "sign" | "amend") {
  const row = await repo.findSession(db, scope, id);
  if (!row) return notFound("Session");
  if (attempt !== "amend" && row.status === "signed") {
    if (attempt === "sign") return signedAlready(row);
    return conflict("session_signed", "This session is signed; add an amendment instead of editing it");
  }
  const [view] = await loadSessionViews(db, scope, [row]);
  return staleVersion("session", { version: Number(row.version), updatedAt: row.updated_at, updatedBy: view?.updatedBy ?? null }, view);
}

export async function getSession(deps: ClinicalDeps, scope: PracticeScope, id: string): Promise<SessionView> {
  const row = await repo.findSession(deps.database.db, scope, id);
  if (!row) throw notFound("Session");
  const [view] = await loadSessionViews(deps.database.db, scope, [row]);
  if (!view) throw notFound("Session");
  return view;
}

/** A client's sessions, newest first (only one complaint's when `complaintId` is given). */
export async function listSessions(
  deps: ClinicalDeps,
  scope: PracticeScope,
  clientId: string,
  complaintId?: string,
): Promise<SessionView[]> {
  const db = deps.database.db;
  if (!(await clientRepo.findClient(db, scope, clientId))) throw notFound("Client");
  return loadSessionViews(db, scope, await repo.listSessions(db, scope, clientId, complaintId));
}

/** One page of a client's session views, newest first (see repository.listSessionsPage). */
export async function listSessionsPage(
  deps: ClinicalDeps,
  scope: PracticeScope,
  clientId: string,
  options: Parameters<typeof repo.listSessionsPage>[3],
): Promise<SessionView[]> {
  return loadSessionViews(deps.database.db, scope, await repo.listSessionsPage(deps.database.db, scope, clientId, options));
}

/** A session's revisions, with the client it belongs to (for the audit log). */
export async function getHistory(
  deps: ClinicalDeps,
  scope: PracticeScope,
  id: string,
): Promise<{ clientId: string; revisions: RevisionView[] }> {
  const db = deps.database.db;
  const session = await repo.findSession(db, scope, id);
  if (!session) throw notFound("Session");
  const revisions = (await repo.listRevisions(db, scope, id)).map((r) => ({
    revision: Number(r.revision),
    kind: r.kind,
    at: r.at,
    by: r.by_name,
    reason: r.reason,
    changedFields: JSON.parse(r.changed_fields_json) as string[],
  }));
  return { clientId: session.client_id, revisions };
}

async function applyChanges(
  deps: ClinicalDeps,
  tx: Executor,
  actor: Actor,
  current: LoadedState,
  input: SessionChanges,
  revision: { kind: "edited" | "amended"; reason: string | null },
): Promise<void> {
  const { state, changed } = merge(current.state, input);
  if (changed.length === 0 && revision.kind === "edited") throw new NothingChanged();
  await validateState(deps, tx, actor, current.row.client_id, state);
  const now = deps.clock.now().toISOString();
  await repo.updateSession(tx, actor, current.row.id, {
    started_at: state.startedAt,
    protocol_version_id: state.protocolVersionId,
    measures_json: JSON.stringify(state.measures),
    soap_json: JSON.stringify(state.soap),
    advice: state.advice,
    updated_at: now,
    ...(revision.kind === "amended" ? { amendments: Number(current.row.amendments) + 1 } : {}),
  });
  await writeParts(tx, actor, current.row.id, state, changed);
  await appendRevision(tx, actor, current.row.id, { ...revision, at: now, changedFields: changed, state });
  await indexSession(tx, actor, current.row.id, now);
}
