import { findPlan } from "../../checkins/repository.js";
import type { Executor } from "../../db/database.js";
import { lockRow } from "../../db/concurrency.js";
import { notFound, staleVersion, validationFailed } from "../../platform/errors.js";
import { newId } from "../../shared/ids.js";
import type { Actor, PracticeScope } from "../../shared/scope.js";
import { assertTechniquesKnown, type ClinicalDeps } from "../vocabulary/service.js";
import type { Step } from "../vocabulary/validators.js";
import * as repo from "./repository.js";
import { indexProtocol } from "../../search/indexer.js";
import type { ProtocolRequest, ProtocolVersionView, ProtocolView } from "./schema.js";

export async function createProtocol(deps: ClinicalDeps, actor: Actor, input: ProtocolRequest): Promise<ProtocolView> {
  const id = newId();
  const now = deps.clock.now().toISOString();
  await deps.database.db.transaction().execute(async (tx) => {
    await assertTechniquesKnown(tx, actor, input.steps);
    const checkinPlanId = await checkedPlanId(tx, actor, input.checkinPlanId ?? null);
    await repo.insertProtocol(tx, actor, { id, created_at: now });
    await repo.insertProtocolVersion(tx, actor, versionRow(id, 1, input, checkinPlanId, actor, now));
    await indexProtocol(tx, actor, id, now);
  });
  return (await getProtocol(deps, actor, id)).protocol;
}

/** Writes version N+1; earlier versions are never changed, so sessions keep what they applied. */
/**
 * Writes version N+1 of a protocol, only if N (`basedOn`, the version the edit started from) is
 * still the latest: revisions of one protocol queue on its row, and a stale one gets 409.
 */
export async function reviseProtocol(
  deps: ClinicalDeps,
  actor: Actor,
  id: string,
  input: ProtocolRequest,
  basedOn: number,
): Promise<ProtocolView> {
  const now = deps.clock.now().toISOString();
  await deps.database.db.transaction().execute(async (tx) => {
    if (!(await lockRow(tx, "protocol", actor, id))) throw notFound("Protocol");
    const [latest] = await repo.listVersions(tx, actor, [id]);
    if (latest && Number(latest.version) !== basedOn) {
      throw staleVersion(
        "protocol",
        {
          version: Number(latest.version),
          updatedAt: latest.created_at,
          updatedBy: { id: latest.created_by, name: latest.created_by_name },
        },
        toVersionView(latest),
      );
    }
    await assertTechniquesKnown(tx, actor, input.steps);
    // A new version keeps the check-in plan unless the request changes it.
    const checkinPlanId =
      input.checkinPlanId === undefined ? (latest?.checkin_plan_id ?? null) : await checkedPlanId(tx, actor, input.checkinPlanId);
    await repo.insertProtocolVersion(tx, actor, versionRow(id, (latest?.version ?? 0) + 1, input, checkinPlanId, actor, now));
    await indexProtocol(tx, actor, id, now);
  });
  return (await getProtocol(deps, actor, id)).protocol;
}

export async function getProtocol(
  deps: ClinicalDeps,
  scope: PracticeScope,
  id: string,
): Promise<{ protocol: ProtocolView; versions: ProtocolVersionView[] }> {
  const db = deps.database.db;
  const row = await repo.findProtocol(db, scope, id);
  if (!row) throw notFound("Protocol");
  const versions = (await repo.listVersions(db, scope, [id])).map(toVersionView);
  const [current] = versions;
  if (!current) throw notFound("Protocol");
  return { protocol: { id, name: current.name, current, createdAt: row.created_at }, versions };
}

export async function listProtocols(deps: ClinicalDeps, scope: PracticeScope): Promise<ProtocolView[]> {
  const db = deps.database.db;
  const [rows, versions] = await Promise.all([repo.listProtocolRows(db, scope), repo.listVersions(db, scope)]);
  const latest = new Map<string, repo.ProtocolVersionRow>();
  for (const version of versions) if (!latest.has(version.protocol_id)) latest.set(version.protocol_id, version);
  return rows.flatMap((row) => {
    const current = latest.get(row.id);
    return current ? [{ id: row.id, name: current.name, current: toVersionView(current), createdAt: row.created_at }] : [];
  });
}

export function toVersionView(row: repo.ProtocolVersionRow): ProtocolVersionView {
  return {
    id: row.id,
    version: Number(row.version),
    name: row.name,
    description: row.description,
    steps: JSON.parse(row.steps_json) as Step[],
    plannedSessions: Number(row.planned_sessions),
    spacingDays: Number(row.spacing_days),
    checkinPlanId: row.checkin_plan_id,
    createdAt: row.created_at,
    createdBy: row.created_by_name,
  };
}

/** A plan id from the request, checked to be one of this practice's plans (else 400 naming the field). */
async function checkedPlanId(db: Executor, scope: PracticeScope, planId: string | null): Promise<string | null> {
  if (planId === null) return null;
  if (!(await findPlan(db, scope, planId))) throw validationFailed({ checkinPlanId: "is not a check-in plan of this practice" });
  return planId;
}

function versionRow(protocolId: string, version: number, input: ProtocolRequest, checkinPlanId: string | null, actor: Actor, now: string) {
  return {
    id: newId(),
    protocol_id: protocolId,
    version,
    name: input.name,
    description: input.description ?? null,
    steps_json: JSON.stringify(input.steps),
    planned_sessions: input.plannedSessions,
    spacing_days: input.spacingDays,
    checkin_plan_id: checkinPlanId,
    created_at: now,
    created_by: actor.practitionerId,
  };
}
