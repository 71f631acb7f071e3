import * as clientRepo from "./repository.js";
import type { Executor } from "../db/database.js";
import { newId } from "../shared/ids.js";
import type { PracticeScope } from "../shared/scope.js";

/**
 * The client's profile as it stood after each change: one snapshot per accepted intake and per
 * later edit, so what the client wrote and what the therapist changed afterwards can be told
 * apart. The first kept change also keeps the profile as it was just before it ("earlier").
 */

export interface ProfileSnapshot {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  dateOfBirth: string | null;
  notes: string | null;
  yearsRunning: number | null;
  weeklyKm: number | null;
  goalEvent: { name: string; date: string | null; distanceKm: number | null } | null;
  injuries: { description: string; occurredOn: string | null; resolved: boolean }[];
  selfCare: { method: string; effect: string; detail: string | null }[];
}

const num = (v: number | null) => (v === null ? null : Number(v));

/** The client's profile now, read inside the caller's transaction. */
export async function snapshotProfile(db: Executor, scope: PracticeScope, clientId: string): Promise<ProfileSnapshot | undefined> {
  const row = await clientRepo.findClient(db, scope, clientId);
  if (!row) return undefined;
  const [injuries, selfCare] = await Promise.all([
    clientRepo.listInjuries(db, scope, clientId),
    clientRepo.listSelfCare(db, scope, clientId),
  ]);
  return {
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    dateOfBirth: row.date_of_birth,
    notes: row.notes,
    yearsRunning: num(row.years_running),
    weeklyKm: num(row.weekly_km),
    goalEvent:
      row.goal_event_name === null
        ? null
        : { name: row.goal_event_name, date: row.goal_event_date, distanceKm: num(row.goal_event_distance_km) },
    injuries: injuries.map((i) => ({ description: i.description, occurredOn: i.occurred_on, resolved: i.resolved === 1 })),
    selfCare: selfCare.map((s) => ({ method: s.method, effect: s.effect, detail: s.detail })),
  };
}

/**
 * Keeps the profile as it is after a change. `before` is the profile read before the change:
 * kept as "earlier" when this is the first kept change. A change that changed nothing keeps nothing.
 */
export async function recordProfileRevision(
  db: Executor,
  scope: PracticeScope,
  clientId: string,
  change: { before: ProfileSnapshot | undefined; at: string; by: string | null; source: "intake" | "edit"; submissionId?: string },
): Promise<void> {
  const after = await snapshotProfile(db, scope, clientId);
  if (!after) return;
  const existing = await clientRepo.listProfileRevisionRows(db, scope, clientId);
  const last = existing.at(-1);
  if (last && last.snapshot_json === JSON.stringify(after)) return;
  // Edits are kept from the first accepted intake on; before that the profile has no history.
  if (!last && change.source === "edit") return;
  let seq = (last?.seq ?? 0) + 1;
  if (!last && change.before) {
    await clientRepo.insertProfileRevision(db, scope, {
      id: newId(),
      client_id: clientId,
      seq,
      snapshot_json: JSON.stringify(change.before),
      changed_at: change.at,
      changed_by: null,
      source: "earlier",
      submission_id: null,
    });
    seq += 1;
  }
  await clientRepo.insertProfileRevision(db, scope, {
    id: newId(),
    client_id: clientId,
    seq,
    snapshot_json: JSON.stringify(after),
    changed_at: change.at,
    changed_by: change.by,
    source: change.source,
    submission_id: change.submissionId ?? null,
  });
}

export interface ProfileRevisionView {
  seq: number;
  source: "earlier" | "intake" | "edit";
  changedAt: string;
  changedBy: { id: string; name: string } | null;
  /** The fields that differ from the revision before (empty for the first). */
  changedFields: string[];
  profile: ProfileSnapshot;
}

export async function listProfileRevisions(db: Executor, scope: PracticeScope, clientId: string): Promise<ProfileRevisionView[]> {
  const rows = await clientRepo.listProfileRevisionRows(db, scope, clientId);
  let previous: ProfileSnapshot | undefined;
  return rows.map((row) => {
    const profile = JSON.parse(row.snapshot_json) as ProfileSnapshot;
    const changedFields = previous
      ? (Object.keys(profile) as (keyof ProfileSnapshot)[]).filter((k) => JSON.stringify(profile[k]) !== JSON.stringify(previous?.[k]))
      : [];
    previous = profile;
    return {
      seq: Number(row.seq),
      source: row.source,
      changedAt: row.changed_at,
      changedBy: row.changed_by ? { id: row.changed_by, name: row.changed_by_name ?? "a former practitioner" } : null,
      changedFields,
      profile,
    };
  });
}
