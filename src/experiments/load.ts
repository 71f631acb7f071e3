/** Reading an experiment row: shared by the experiment's lifecycle (service.ts) and its results (results.ts). */
import type { Executor } from "../db/database.js";
import { notFound } from "../platform/errors.js";
import type { PracticeScope } from "../shared/scope.js";
import * as repo from "./repository.js";
import type { ExperimentRow } from "./repository.js";
import { experimentPlan, type ExperimentPlan } from "./schema.js";

export async function requireExperiment(db: Executor, scope: PracticeScope, id: string): Promise<ExperimentRow> {
  const row = await repo.findExperiment(db, scope, id);
  if (!row) throw notFound("Experiment");
  return row;
}

export function parsePlan(row: ExperimentRow): ExperimentPlan {
  return experimentPlan.parse(JSON.parse(row.plan_json));
}

/** Data from before registration count for this client: the results mark them. */
export function isRetrospective(row: Pick<ExperimentRow, "registered_at">, dataFrom: string): boolean {
  return row.registered_at !== null && dataFrom < row.registered_at.slice(0, 10);
}
