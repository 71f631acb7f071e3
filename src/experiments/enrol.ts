/** Enrolling clients in a running experiment: who is eligible, the arm each is allocated, withdrawal. */
import { findClient } from "../clients/repository.js";
import { conflict, notFound, validationFailed } from "../platform/errors.js";
import { newId } from "../shared/ids.js";
import type { Actor } from "../shared/scope.js";
import { checkEligibility } from "./eligibility.js";
import { eligibilityFacts } from "./eligibility-facts.js";
import { parsePlan, requireExperiment } from "./load.js";
import * as repo from "./repository.js";
import type { Arm, CriterionCheck, ExperimentPlan, ExperimentView } from "./schema.js";
import { lockAndBump, type ExperimentDeps } from "./service.js";
import { seededRandom } from "./stats/index.js";
import { getExperiment } from "./views.js";

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
