import { claimVersion, currentVersion } from "../db/concurrency.js";
import { notFound, staleVersion } from "../platform/errors.js";
import { newId } from "../shared/ids.js";
import type { Actor, PracticeScope } from "../shared/scope.js";
import { checkPlanMeasures } from "./plan-measures.js";
import * as repo from "./repository.js";
import type { CheckinDeps } from "./rules.js";
import type { CheckinPlanRequest, CheckinPlanView } from "./schema.js";
import { toPlanView } from "./views.js";

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

function planFields(input: CheckinPlanRequest) {
  return {
    name: input.name,
    measure_codes_json: JSON.stringify(input.measureCodes),
    offsets_days_json: JSON.stringify([...input.offsetsDays].sort((a, b) => a - b)),
    local_hour: input.localHour,
    expires_after_days: input.expiresAfterDays,
  };
}
