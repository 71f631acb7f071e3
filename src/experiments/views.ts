/** What the practitioner sees of experiments: the list and one experiment with its labels, registration and amendments. */
import type { Executor } from "../db/database.js";
import { listVersions } from "../clinical/protocols/repository.js";
import { loadCatalogue } from "../questionnaires/service.js";
import type { PracticeScope } from "../shared/scope.js";
import { enrolmentPage } from "./enrolments.js";
import { parsePlan, requireExperiment } from "./load.js";
import { outcomeScale } from "./outcomes.js";
import { planSha256 } from "./registration.js";
import * as repo from "./repository.js";
import { ENROLMENTS_EMBEDDED, experimentPlan, type AmendableField, type ExperimentSummaryView, type ExperimentView } from "./schema.js";
import type { ExperimentDeps } from "./service.js";

export async function listExperiments(deps: ExperimentDeps, scope: PracticeScope): Promise<ExperimentSummaryView[]> {
  const rows = await repo.listExperiments(deps.database.db, scope);
  return rows.map((row) => {
    const plan = parsePlan(row);
    return {
      id: row.id,
      title: row.title,
      design: plan.design,
      status: row.status,
      enrolled: row.enrolled,
      plannedClients: plan.plannedClients,
      registeredAt: row.registered_at,
      finishedAt: row.finished_at,
      updatedAt: row.updated_at,
    };
  });
}

export async function getExperiment(deps: ExperimentDeps, scope: PracticeScope, id: string): Promise<ExperimentView> {
  const db = deps.database.db;
  const row = await requireExperiment(db, scope, id);
  const plan = parsePlan(row);
  const [amendments, enrolments, enrolmentCounts, protocolNames, registeredBy, catalogue] = await Promise.all([
    repo.listAmendments(db, scope, id),
    repo.listEnrolmentsPage(db, scope, id, { limit: ENROLMENTS_EMBEDDED + 1 }),
    repo.countEnrolments(db, scope, id),
    protocolNameMap(db, scope),
    row.registered_by ? repo.practitionerName(db, scope, row.registered_by) : Promise.resolve(null),
    loadCatalogue(db, scope),
  ]);
  const primary = outcomeScale(plan.primaryOutcome.measureCode, catalogue);
  return {
    id: row.id,
    status: row.status,
    plan,
    labels: {
      interventionProtocol: protocolNames.get(plan.interventionProtocolId) ?? "Unknown protocol",
      comparator:
        plan.comparator.kind === "protocol"
          ? (protocolNames.get(plan.comparator.protocolId) ?? "Unknown protocol")
          : "Usual care (any other treatment)",
      primaryOutcome: `${primary.name} at day ${plan.primaryOutcome.days}`,
      primaryOutcomeMcid: plan.primaryOutcome.mcid ?? primary.mcid,
      primaryOutcomeHigherIsBetter: primary.higherIsBetter,
      secondaryOutcomes: plan.secondaryOutcomes.map((o) =>
        o.kind === "running"
          ? o.metric === "cadence-at-matched-pace"
            ? `Cadence at easy pace (${o.windowDays} days before vs after)`
            : `Pace at matched heart rate (${o.windowDays} days before vs after)`
          : `${outcomeScale(o.measureCode, catalogue).name} at day ${o.days}`,
      ),
    },
    allocationSeed: row.allocation_seed,
    registration:
      row.registered_at && row.registration_json && row.registration_sha256
        ? {
            at: row.registered_at,
            byName: registeredBy ?? "Unknown",
            sha256: row.registration_sha256,
            planSha256: planSha256(experimentPlan.parse((JSON.parse(row.registration_json) as { plan: unknown }).plan)),
            record: row.registration_json,
          }
        : null,
    currentSha256: planSha256(plan),
    amendments: amendments.map((a) => ({
      number: a.number,
      at: a.at,
      byName: a.by_name,
      field: a.field as AmendableField,
      before: JSON.parse(a.before_json) as unknown,
      after: JSON.parse(a.after_json) as unknown,
      reason: a.reason,
      planSha256: a.plan_sha256,
    })),
    ...enrolmentPage(row, enrolments, ENROLMENTS_EMBEDDED),
    enrolmentCount: enrolmentCounts.total,
    activeEnrolmentCount: enrolmentCounts.active,
    finishedAt: row.finished_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
    updatedBy: row.updated_by ? { id: row.updated_by, name: await repo.practitionerName(db, scope, row.updated_by) } : null,
  };
}

async function protocolNameMap(db: Executor, scope: PracticeScope): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const version of await listVersions(db, scope)) if (!names.has(version.protocol_id)) names.set(version.protocol_id, version.name);
  return names;
}
