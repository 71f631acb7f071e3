import { findClient } from "../../clients/repository.js";
import { claimVersion, currentVersion } from "../../db/concurrency.js";
import { notFound, staleVersion } from "../../platform/errors.js";
import { newId } from "../../shared/ids.js";
import type { Actor, PracticeScope } from "../../shared/scope.js";
import type { ClinicalDeps } from "../vocabulary/service.js";
import * as repo from "./repository.js";
import { indexComplaint } from "../../search/indexer.js";
import type { ComplaintView, CreateComplaintRequest, UpdateComplaintRequest } from "./schema.js";

export async function createComplaint(
  deps: ClinicalDeps,
  scope: Actor,
  clientId: string,
  input: CreateComplaintRequest,
): Promise<ComplaintView> {
  const id = newId();
  const now = deps.clock.now().toISOString();
  await deps.database.db.transaction().execute(async (tx) => {
    if (!(await findClient(tx, scope, clientId))) throw notFound("Client");
    await repo.insertComplaint(tx, scope, {
      id,
      client_id: clientId,
      title: input.title,
      side: input.side ?? null,
      regions_json: JSON.stringify(unique(input.regions ?? [])),
      onset_on: input.onsetOn ?? null,
      triggers_json: JSON.stringify(unique(input.triggers ?? [])),
      status: input.status ?? "active",
      notes: input.notes ?? null,
      created_at: now,
      updated_at: now,
      updated_by: scope.practitionerId,
    });
    await indexComplaint(tx, scope, id, now);
  });
  return getComplaint(deps, scope, id);
}

/** Edits a complaint, only if it is still at the version the edit was based on (409 stale_version otherwise). */
export async function updateComplaint(
  deps: ClinicalDeps,
  scope: Actor,
  id: string,
  { version, ...input }: UpdateComplaintRequest,
): Promise<ComplaintView> {
  await deps.database.db.transaction().execute(async (tx) => {
    if (!(await claimVersion(tx, "complaint", scope, id, version, scope.practitionerId, deps.clock.now().toISOString()))) {
      const current = await currentVersion(tx, "complaint", scope, id);
      if (!current) throw notFound("Complaint");
      const row = await repo.findComplaint(tx, scope, id);
      throw staleVersion("complaint", current, row && toComplaintView(row, []));
    }
    await repo.updateComplaint(tx, scope, id, {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.side !== undefined ? { side: input.side } : {}),
      ...(input.regions !== undefined ? { regions_json: JSON.stringify(unique(input.regions)) } : {}),
      ...(input.onsetOn !== undefined ? { onset_on: input.onsetOn } : {}),
      ...(input.triggers !== undefined ? { triggers_json: JSON.stringify(unique(input.triggers)) } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
    });
    await indexComplaint(tx, scope, id, deps.clock.now().toISOString());
  });
  return getComplaint(deps, scope, id);
}

export async function getComplaint(deps: ClinicalDeps, scope: PracticeScope, id: string): Promise<ComplaintView> {
  const row = await repo.findComplaint(deps.database.db, scope, id);
  if (!row) throw notFound("Complaint");
  const sessions = await repo.listSessionIdsByComplaint(deps.database.db, scope, [id]);
  return toComplaintView(row, sessions.get(id) ?? []);
}

/** A client's complaints, newest first. */
export async function listComplaints(deps: ClinicalDeps, scope: PracticeScope, clientId: string): Promise<ComplaintView[]> {
  const db = deps.database.db;
  if (!(await findClient(db, scope, clientId))) throw notFound("Client");
  const rows = await repo.listComplaints(db, scope, clientId);
  const sessions = await repo.listSessionIdsByComplaint(
    db,
    scope,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toComplaintView(row, sessions.get(row.id) ?? []));
}

function toComplaintView(row: repo.ComplaintRow, sessionIds: string[]): ComplaintView {
  return {
    id: row.id,
    clientId: row.client_id,
    title: row.title,
    side: row.side,
    regions: JSON.parse(row.regions_json) as string[],
    onsetOn: row.onset_on,
    triggers: JSON.parse(row.triggers_json) as string[],
    status: row.status,
    notes: row.notes,
    sessionIds,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  };
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
