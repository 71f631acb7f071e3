import { randomBytes } from "node:crypto";
import { findClient, listClients } from "../clients/repository.js";
import { listComplaints } from "../clinical/complaints/repository.js";
import { findProtocol, listVersions } from "../clinical/protocols/repository.js";
import { listFindings, listSessions } from "../clinical/sessions/repository.js";
import type { Database, Executor } from "../db/database.js";
import { bumpVersion, claimVersion, currentVersion, lockRow } from "../db/concurrency.js";
import { conflict, notFound, staleVersion, validationFailed } from "../platform/errors.js";
import type { Clock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import type { Actor, PracticeScope } from "../shared/scope.js";
import type { BlobStore } from "../platform/storage/blob-store.js";
import { listActivities } from "../training/repository.js";
import { fieldErrors } from "../platform/validation.js";
import { enrolmentPage } from "./enrolments.js";
import { parsePlan, requireExperiment } from "./load.js";
import { outcomeScale } from "./outcomes.js";
import { loadCatalogue } from "../questionnaires/service.js";
import { checkEligibility, type EligibilityFacts } from "./eligibility.js";
import { planSha256, registrationRecord } from "./registration.js";
import * as repo from "./repository.js";
import {
  ENROLMENTS_EMBEDDED,
  experimentPlan,
  type AmendableField,
  type Arm,
  type CriterionCheck,
  type EligibilityView,
  type ExperimentPlan,
  type ExperimentSummaryView,
  type ExperimentView,
} from "./schema.js";
import { seededRandom } from "./stats/index.js";

export interface ExperimentDeps {
  database: Database;
  clock: Clock;
  blobs: BlobStore;
}

const DAY_MS = 86_400_000;

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

/**
 * Takes the experiment for the rest of the transaction (concurrent changes to it queue here) and
 * moves its version on.
 */
async function lockAndBump(tx: Executor, deps: ExperimentDeps, actor: Actor, id: string): Promise<void> {
  if (!(await lockRow(tx, "experiment", actor, id))) throw notFound("Experiment");
  await bumpVersion(tx, "experiment", actor, id, actor.practitionerId, deps.clock.now().toISOString());
}

/** Every active client of the practice with the eligibility check, eligible ones first. */
export async function listEligibility(deps: ExperimentDeps, scope: PracticeScope, id: string): Promise<EligibilityView[]> {
  const db = deps.database.db;
  const row = await requireExperiment(db, scope, id);
  const plan = parsePlan(row);
  const enrolled = new Set((await repo.listEnrolments(db, scope, id)).map((e) => e.client_id));
  const { rows: clients } = await listClients(db, scope, { status: "active", q: "", limit: 1000, offset: 0 });
  const views: EligibilityView[] = [];
  for (const client of clients) {
    const facts = await eligibilityFacts(deps, scope, client.id, plan);
    const result = checkEligibility(plan.eligibility, facts);
    views.push({
      clientId: client.id,
      clientName: `${client.first_name} ${client.last_name}`,
      ...result,
      enrolled: enrolled.has(client.id),
    });
  }
  return views.sort((a, b) => Number(b.eligible) - Number(a.eligible) || a.clientName.localeCompare(b.clientName));
}

/** Enrols a client: checks eligibility again and allocates the arm as the plan says. */
export async function enrolClient(
  deps: ExperimentDeps,
  actor: Actor,
  id: string,
  input: { clientId: string; arm?: Arm | undefined; dataFrom?: string | undefined },
): Promise<ExperimentView> {
  const db = deps.database.db;
  const row = await requireExperiment(db, actor, id);
  if (row.status !== "running") {
    throw conflict(
      "experiment_not_running",
      row.status === "draft" ? "Start (pre-register) the experiment before enrolling clients" : "This experiment is finished",
    );
  }
  const plan = parsePlan(row);
  if (!(await findClient(db, actor, input.clientId))) throw validationFailed({ clientId: "No such client in this practice" });
  const facts = await eligibilityFacts(deps, actor, input.clientId, plan);
  const eligibility = checkEligibility(plan.eligibility, facts);
  if (!eligibility.eligible) {
    const unmet = eligibility.checks.filter((c) => !c.met).map((c) => `${c.criterion} — ${c.evidence}`);
    throw conflict("not_eligible", `This client does not meet the eligibility criteria: ${unmet.join("; ")}`, {
      clientId: unmet.join("; "),
    });
  }
  await db.transaction().execute(async (tx) => {
    // Enrolments queue on the experiment: each sees the ones before it (one per client, positions 1, 2, …).
    await lockAndBump(tx, deps, actor, id);
    const current = await requireExperiment(tx, actor, id);
    if (current.status !== "running") throw conflict("experiment_not_running", "This experiment is finished");
    const enrolments = await repo.listEnrolments(tx, actor, id);
    if (enrolments.some((e) => e.client_id === input.clientId)) throw conflict("already_enrolled", "This client is already enrolled");
    const position = enrolments.length + 1;
    const { arm, note } = allocate(plan, row.allocation_seed, position, input.arm);
    const registeredOn = (row.registered_at ?? deps.clock.now().toISOString()).slice(0, 10);
    await repo.insertEnrolment(tx, actor, {
      id: newId(),
      experiment_id: id,
      client_id: input.clientId,
      position,
      arm,
      allocation_note: note,
      data_from: input.dataFrom ?? registeredOn,
      enrolled_at: deps.clock.now().toISOString(),
      enrolled_by: actor.practitionerId,
      eligibility_json: JSON.stringify(eligibility.checks satisfies CriterionCheck[]),
      withdrawn_at: null,
      withdrawn_reason: null,
    });
    await repo.updateExperiment(tx, actor, id, { updated_at: deps.clock.now().toISOString() });
  });
  return getExperiment(deps, actor, id);
}

export async function withdrawClient(
  deps: ExperimentDeps,
  actor: Actor,
  id: string,
  clientId: string,
  reason: string,
): Promise<ExperimentView> {
  await deps.database.db.transaction().execute(async (tx) => {
    await lockAndBump(tx, deps, actor, id);
    await requireExperiment(tx, actor, id);
    const enrolment = (await repo.listEnrolments(tx, actor, id)).find((e) => e.client_id === clientId);
    if (!enrolment) throw notFound("Enrolment");
    if (enrolment.withdrawn_at) throw conflict("already_withdrawn", "This client has already withdrawn");
    const now = deps.clock.now().toISOString();
    await repo.withdrawEnrolment(tx, actor, id, clientId, { withdrawn_at: now, withdrawn_reason: reason });
    await repo.updateExperiment(tx, actor, id, { updated_at: now });
  });
  return getExperiment(deps, actor, id);
}

async function eligibilityFacts(
  deps: ExperimentDeps,
  scope: PracticeScope,
  clientId: string,
  plan: ExperimentPlan,
): Promise<EligibilityFacts> {
  const db = deps.database.db;
  const now = deps.clock.now().getTime();
  const complaints = (await listComplaints(db, scope, clientId)).map((c) => ({
    title: c.title,
    regions: JSON.parse(c.regions_json) as string[],
    status: c.status,
  }));
  let latestFindings: EligibilityFacts["latestFindings"] = null;
  if (plan.eligibility.requiredFindings.length > 0) {
    // A note marked entered in error is not evidence.
    const sessions = (await listSessions(db, scope, clientId)).filter((s) => s.entered_in_error_at === null);
    const findings = await listFindings(
      db,
      scope,
      sessions.map((s) => s.id),
    );
    const latest = sessions.find((s) => findings.some((f) => f.session_id === s.id));
    if (latest) {
      latestFindings = {
        sessionAt: latest.started_at,
        findings: findings
          .filter((f) => f.session_id === latest.id)
          .map((f) => ({
            regionCode: f.region_code,
            tension: f.tension,
            tenderness: f.tenderness,
            texture: f.texture,
            adhesion: f.adhesion,
            temperature: f.temperature,
            textureDescriptor: f.texture_descriptor,
          })),
      };
    }
  }
  let runs: EligibilityFacts["runs"] = [];
  if (plan.eligibility.training) {
    const since = new Date(now - plan.eligibility.training.weeks * 7 * DAY_MS).toISOString();
    // A run recorded by two devices is one run: only its primary recording.
    runs = (await listActivities(db, scope, clientId, { since, countedOnly: true })).map((a) => ({
      startTime: Date.parse(a.start_time),
      labels: (JSON.parse(a.labels_json) as { kind: string }[]).map((l) => l.kind),
    }));
  }
  return { complaints, latestFindings, runs, now };
}

/** The arm for the n-th enrolled client: the therapist's choice, alternating, or a seeded random draw. */
export function allocate(plan: ExperimentPlan, seed: string | null, position: number, chosen: Arm | undefined): { arm: Arm; note: string } {
  if (plan.design !== "two-protocols") {
    if (chosen === "comparator") throw validationFailed({ arm: "Only two-protocol designs have a comparator group" });
    return { arm: "intervention", note: "Single-group design: every client receives the intervention." };
  }
  switch (plan.allocation) {
    case "therapist":
      if (!chosen) throw validationFailed({ arm: "Choose the group: allocation is the therapist's choice" });
      return { arm: chosen, note: "Therapist's choice." };
    case "alternating": {
      if (chosen) throw validationFailed({ arm: "Allocation alternates; the group cannot be chosen" });
      const arm: Arm = position % 2 === 1 ? "intervention" : "comparator";
      return { arm, note: `Alternating: client ${position} → ${arm}.` };
    }
    case "random": {
      if (chosen) throw validationFailed({ arm: "Allocation is random; the group cannot be chosen" });
      if (!seed) throw conflict("no_seed", "Random allocation needs the seed fixed at registration");
      const draw = seededRandom(`${seed}:${position}`)();
      const arm: Arm = draw < 0.5 ? "intervention" : "comparator";
      return { arm, note: `Random: seed ${seed}, draw ${position} = ${draw.toFixed(4)} → ${arm}.` };
    }
  }
}

async function protocolNameMap(db: Executor, scope: PracticeScope): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const version of await listVersions(db, scope)) if (!names.has(version.protocol_id)) names.set(version.protocol_id, version.name);
  return names;
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
