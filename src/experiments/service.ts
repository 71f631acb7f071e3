/** An experiment's lifecycle: plan (create, edit the draft), start (pre-register), amend, finish. */
import { randomBytes } from "node:crypto";
import { findProtocol, listVersions } from "../clinical/protocols/repository.js";
import type { Database, Executor } from "../db/database.js";
import { bumpVersion, claimVersion, currentVersion, lockRow } from "../db/concurrency.js";
import { conflict, notFound, staleVersion, validationFailed } from "../platform/errors.js";
import type { BlobStore } from "../platform/storage/blob-store.js";
import { fieldErrors } from "../platform/validation.js";
import { loadCatalogue } from "../questionnaires/service.js";
import type { Clock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import type { Actor, PracticeScope } from "../shared/scope.js";
import { parsePlan, requireExperiment } from "./load.js";
import { planSha256, registrationRecord } from "./registration.js";
import * as repo from "./repository.js";
import { experimentPlan, type AmendableField, type ExperimentPlan, type ExperimentView } from "./schema.js";
import { getExperiment } from "./views.js";

export interface ExperimentDeps {
  database: Database;
  clock: Clock;
  blobs: BlobStore;
}

export async function createExperiment(deps: ExperimentDeps, actor: Actor, plan: ExperimentPlan): Promise<ExperimentView> {
  await checkProtocols(deps.database.db, actor, plan);
  await checkOutcomeMeasures(deps.database.db, actor, plan);
  const now = deps.clock.now().toISOString();
  const id = newId();
  await repo.insertExperiment(deps.database.db, actor, {
    id,
    title: plan.title,
    plan_json: JSON.stringify(plan),
    status: "draft",
    allocation_seed: null,
    registered_at: null,
    registered_by: null,
    registration_json: null,
    registration_sha256: null,
    finished_at: null,
    created_by: actor.practitionerId,
    created_at: now,
    updated_at: now,
    updated_by: actor.practitionerId,
  });
  return getExperiment(deps, actor, id);
}

/**
 * Replaces a draft's plan, only if the draft is still at the version the edit was based on (409
 * stale_version otherwise). Once started, the plan changes only by amendment.
 */
export async function updateExperiment(
  deps: ExperimentDeps,
  actor: Actor,
  id: string,
  plan: ExperimentPlan,
  version: number,
): Promise<ExperimentView> {
  await deps.database.db.transaction().execute(async (tx) => {
    if (!(await claimVersion(tx, "experiment", actor, id, version, actor.practitionerId, deps.clock.now().toISOString()))) {
      const current = await currentVersion(tx, "experiment", actor, id);
      if (!current) throw notFound("Experiment");
      throw staleVersion("experiment", current);
    }
    const row = await requireExperiment(tx, actor, id);
    if (row.status !== "draft") {
      throw conflict(
        "experiment_registered",
        "This experiment is pre-registered: change it with an amendment, which is listed on every report",
      );
    }
    await checkProtocols(tx, actor, plan);
    await checkOutcomeMeasures(tx, actor, plan);
    await repo.updateExperiment(tx, actor, id, {
      title: plan.title,
      plan_json: JSON.stringify(plan),
      updated_at: deps.clock.now().toISOString(),
    });
  });
  return getExperiment(deps, actor, id);
}

/** A practice questionnaire named as an outcome must be this practice's, and scored. */
async function checkOutcomeMeasures(db: Executor, scope: PracticeScope, plan: ExperimentPlan): Promise<void> {
  const catalogue = await loadCatalogue(db, scope);
  const codes: [string, string][] = [
    ["primaryOutcome.measureCode", plan.primaryOutcome.measureCode],
    ...plan.secondaryOutcomes.flatMap((o, index): [string, string][] =>
      o.kind === "measure" ? [[`secondaryOutcomes.${index}.measureCode`, o.measureCode]] : [],
    ),
  ];
  const fields: Record<string, string> = {};
  for (const [field, code] of codes) {
    const measure = catalogue.byCode(code);
    if (measure?.kind === "questionnaire" && measure.range === null) fields[field] = "is a questionnaire without a score";
    else if (!measure) fields[field] = "is not a questionnaire of this practice";
  }
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
}

/** Starts the experiment: freezes the plan, the protocol versions and the analysis plan with a SHA-256. */
export async function startExperiment(deps: ExperimentDeps, actor: Actor, id: string): Promise<ExperimentView> {
  await deps.database.db.transaction().execute(async (tx) => {
    await lockAndBump(tx, deps, actor, id);
    const row = await requireExperiment(tx, actor, id);
    if (row.status !== "draft") throw conflict("experiment_started", "This experiment has already started");
    const plan = parsePlan(row);
    await checkProtocols(tx, actor, plan);
    const now = deps.clock.now().toISOString();
    const seed = plan.allocation === "random" ? randomBytes(16).toString("hex") : null;
    const protocolIds = [plan.interventionProtocolId, ...(plan.comparator.kind === "protocol" ? [plan.comparator.protocolId] : [])];
    const versions = await listVersions(tx, actor, protocolIds);
    const current = protocolIds.map((protocolId) => {
      const version = versions.find((v) => v.protocol_id === protocolId && v.created_at <= now);
      return { protocolId, version: version?.version ?? 0, name: version?.name ?? "" };
    });
    const record = registrationRecord({ experimentId: id, registeredAt: now, plan, protocolVersions: current, allocationSeed: seed });
    await repo.updateExperiment(tx, actor, id, {
      status: "running",
      allocation_seed: seed,
      registered_at: now,
      registered_by: actor.practitionerId,
      registration_json: record.json,
      registration_sha256: record.sha256,
      updated_at: now,
    });
  });
  return getExperiment(deps, actor, id);
}

/** Changes one field of a started experiment's plan; the change is appended to the amendments, never silent. */
export async function amendExperiment(
  deps: ExperimentDeps,
  actor: Actor,
  id: string,
  input: { field: AmendableField; value: unknown; reason: string },
): Promise<ExperimentView> {
  await deps.database.db.transaction().execute(async (tx) => {
    await lockAndBump(tx, deps, actor, id);
    const row = await requireExperiment(tx, actor, id);
    if (row.status === "draft") throw conflict("experiment_draft", "A draft is edited directly; amendments are for started experiments");
    if (row.status === "finished") throw conflict("experiment_finished", "This experiment is finished and can no longer be amended");
    const plan = parsePlan(row);
    const parsed = experimentPlan.safeParse({ ...plan, [input.field]: input.value });
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      throw validationFailed(
        Object.fromEntries(Object.entries(errors).map(([key, message]) => [key.replace(input.field, "value"), message])),
      );
    }
    const next = parsed.data;
    const amendments = await repo.listAmendments(tx, actor, id);
    const now = deps.clock.now().toISOString();
    await repo.insertAmendment(tx, actor, {
      id: newId(),
      experiment_id: id,
      number: amendments.length + 1,
      at: now,
      by_practitioner_id: actor.practitionerId,
      field: input.field,
      before_json: JSON.stringify(plan[input.field]),
      after_json: JSON.stringify(next[input.field]),
      reason: input.reason,
      plan_sha256: planSha256(next),
    });
    await repo.updateExperiment(tx, actor, id, { title: next.title, plan_json: JSON.stringify(next), updated_at: now });
  });
  return getExperiment(deps, actor, id);
}

/** Ends enrolment and fixes the data window: observations after this instant are not analysed. */
export async function finishExperiment(deps: ExperimentDeps, actor: Actor, id: string): Promise<ExperimentView> {
  await deps.database.db.transaction().execute(async (tx) => {
    await lockAndBump(tx, deps, actor, id);
    const row = await requireExperiment(tx, actor, id);
    if (row.status !== "running") throw conflict("experiment_not_running", "Only a running experiment can be finished");
    const now = deps.clock.now().toISOString();
    await repo.updateExperiment(tx, actor, id, { status: "finished", finished_at: now, updated_at: now });
  });
  return getExperiment(deps, actor, id);
}

/**
 * Takes the experiment for the rest of the transaction (concurrent changes to it queue here) and
 * moves its version on.
 */
export async function lockAndBump(tx: Executor, deps: ExperimentDeps, actor: Actor, id: string): Promise<void> {
  if (!(await lockRow(tx, "experiment", actor, id))) throw notFound("Experiment");
  await bumpVersion(tx, "experiment", actor, id, actor.practitionerId, deps.clock.now().toISOString());
}

async function checkProtocols(db: Executor, scope: PracticeScope, plan: ExperimentPlan): Promise<void> {
  const errors: Record<string, string> = {};
  if (!(await findProtocol(db, scope, plan.interventionProtocolId))) errors.interventionProtocolId = "No such protocol in this practice";
  if (plan.comparator.kind === "protocol") {
    if (!(await findProtocol(db, scope, plan.comparator.protocolId))) errors["comparator.protocolId"] = "No such protocol in this practice";
    else if (plan.comparator.protocolId === plan.interventionProtocolId)
      errors["comparator.protocolId"] = "must differ from the intervention protocol";
  } else if (plan.design === "two-protocols") {
    errors["comparator.protocolId"] = "A two-protocol design needs a comparator protocol";
  }
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
}
