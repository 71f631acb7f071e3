/**
 * A session's state as requests change it: laid over the stored state (merge, pure), checked
 * against the record, written back as its parts, and kept as a revision with a snapshot. The use
 * cases (create, edit, sign, amend) and their rules are in service.ts.
 */
import type { Executor } from "../../db/database.js";
import { notFound, validationFailed, type FieldErrors } from "../../platform/errors.js";
import { newId } from "../../shared/ids.js";
import type { Actor, PracticeScope } from "../../shared/scope.js";
import { isSidedRegion } from "../../shared/vocabulary/regions.js";
import * as complaintRepo from "../complaints/repository.js";
import * as protocolRepo from "../protocols/repository.js";
import { assertTechniquesKnown, type ClinicalDeps } from "../vocabulary/service.js";
import * as repo from "./repository.js";
import { SESSION_FIELDS, type SessionChanges, type SessionState } from "./schema.js";
import { toState } from "./views.js";

/** How far ahead a session may be dated: a note written the evening before is fine, next week is a typo. */
const MAX_FUTURE_MS = 24 * 3_600_000;

/** A new session's state before its request is laid over it. */
export const EMPTY_STATE: Omit<SessionState, "startedAt"> = {
  complaintIds: [],
  protocolVersionId: null,
  measures: { pre: { pain: null, tightness: null }, post: { pain: null, tightness: null } },
  findings: [],
  steps: [],
  soap: { s: null, o: null, a: null, p: null },
  advice: null,
};

/** A session row with its state as stored. */
export interface LoadedState {
  row: repo.SessionRow;
  state: SessionState;
}

/** The session and its state (complaints, findings, steps as stored). */
export async function loadState(db: Executor, scope: PracticeScope, id: string): Promise<LoadedState> {
  const row = await repo.findSession(db, scope, id);
  if (!row) throw notFound("Session");
  const [links, findings, steps] = await Promise.all([
    repo.listComplaintLinks(db, scope, [id]),
    repo.listFindings(db, scope, [id]),
    repo.listSteps(db, scope, [id]),
  ]);
  return { row, state: toState(row, links, findings, steps) };
}

/** Lays the fields present in a request over a state; lists and groups replace whole. */
export function merge(base: SessionState, input: SessionChanges): { state: SessionState; changed: string[] } {
  const state: SessionState = {
    startedAt: input.startedAt !== undefined ? new Date(input.startedAt).toISOString() : base.startedAt,
    complaintIds: input.complaintIds !== undefined ? [...new Set(input.complaintIds)] : base.complaintIds,
    protocolVersionId: input.protocolVersionId !== undefined ? input.protocolVersionId : base.protocolVersionId,
    measures:
      input.measures !== undefined
        ? {
            pre: { pain: input.measures.pre?.pain ?? null, tightness: input.measures.pre?.tightness ?? null },
            post: { pain: input.measures.post?.pain ?? null, tightness: input.measures.post?.tightness ?? null },
          }
        : base.measures,
    findings:
      input.findings !== undefined
        ? input.findings.map((f) => ({
            regionCode: f.regionCode,
            side: f.side ?? null,
            qualities: {
              tension: f.qualities?.tension ?? null,
              tenderness: f.qualities?.tenderness ?? null,
              texture: f.qualities?.texture ?? null,
              adhesion: f.qualities?.adhesion ?? null,
              temperature: f.qualities?.temperature ?? null,
            },
            textureDescriptor: f.textureDescriptor ?? null,
            note: f.note ?? null,
          }))
        : base.findings,
    steps: input.steps ?? base.steps,
    soap:
      input.soap !== undefined
        ? { s: input.soap.s ?? null, o: input.soap.o ?? null, a: input.soap.a ?? null, p: input.soap.p ?? null }
        : base.soap,
    advice: input.advice !== undefined ? input.advice : base.advice,
  };
  const changed = SESSION_FIELDS.filter((field) => JSON.stringify(state[field]) !== JSON.stringify(base[field]));
  return { state, changed };
}

/** Checks what zod cannot: the date against the clock, and that referenced rows are this client's. */
export async function validateState(
  deps: ClinicalDeps,
  db: Executor,
  scope: PracticeScope,
  clientId: string,
  state: SessionState,
): Promise<void> {
  const fields: FieldErrors = {};
  if (Date.parse(state.startedAt) > deps.clock.now().getTime() + MAX_FUTURE_MS) {
    fields.startedAt = "must not be more than 24 hours in the future";
  }
  for (const [index, finding] of state.findings.entries()) {
    if (finding.side !== null && !isSidedRegion(finding.regionCode))
      fields[`findings.${index}.side`] = "must be empty for a midline region";
  }
  for (const [index, complaintId] of state.complaintIds.entries()) {
    const complaint = await complaintRepo.findComplaint(db, scope, complaintId);
    if (complaint?.client_id !== clientId) fields[`complaintIds.${index}`] = "is not a complaint of this client";
  }
  if (state.protocolVersionId !== null && !(await protocolRepo.findVersion(db, scope, state.protocolVersionId))) {
    fields.protocolVersionId = "is not a protocol version of this practice";
  }
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  await assertTechniquesKnown(db, scope, state.steps);
}

/** Rewrites the parts of the session that changed: complaint links, findings, steps. */
export async function writeParts(
  db: Executor,
  scope: PracticeScope,
  id: string,
  state: SessionState,
  changed: readonly string[],
): Promise<void> {
  if (changed.includes("complaintIds")) await repo.replaceComplaintLinks(db, scope, id, state.complaintIds);
  if (changed.includes("findings")) {
    await repo.replaceFindings(
      db,
      scope,
      id,
      state.findings.map((f, position) => ({
        id: newId(),
        position,
        region_code: f.regionCode,
        side: f.side,
        ...f.qualities,
        texture_descriptor: f.textureDescriptor,
        note: f.note,
      })),
    );
  }
  if (changed.includes("steps")) {
    await repo.replaceSteps(
      db,
      scope,
      id,
      state.steps.map((s, position) => ({
        id: newId(),
        position,
        technique: s.technique,
        region_code: s.regionCode,
        side: s.side,
        direction: s.direction,
        minutes: s.minutes,
        intensity: s.intensity,
        note: s.note,
      })),
    );
  }
}

/** Keeps the state as a revision with a snapshot: every change to a note is kept. */
export async function appendRevision(
  db: Executor,
  actor: Actor,
  sessionId: string,
  revision: {
    kind: "created" | "edited" | "signed" | "amended";
    at: string;
    reason: string | null;
    changedFields: string[];
    state: SessionState;
  },
): Promise<void> {
  await repo.appendRevision(db, actor, {
    id: newId(),
    session_id: sessionId,
    kind: revision.kind,
    at: revision.at,
    by_practitioner_id: actor.practitionerId,
    reason: revision.reason,
    changed_fields_json: JSON.stringify(revision.changedFields),
    snapshot_json: JSON.stringify(revision.state),
  });
}
