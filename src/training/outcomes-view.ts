import type { Executor } from "../db/database.js";
import type { PracticeScope } from "../shared/scope.js";
import { RUNNING_SPORTS, type Sport } from "./activity.js";
import type { ActivitySummary, ChartStream } from "./analysis/types.js";
import { compareAroundDate, parseRunFeatures, runFeatures, type FeaturedRun, type OutcomeComparison } from "./outcomes/index.js";
import { listRunOutcomes, listStreams } from "./views-repository.js";
import type { TrainingDeps } from "./service.js";
import { requireClient } from "./views.js";

const DAY_MS = 86_400_000;

/**
 * Each client's runs that started in their window [since, before), reduced to their outcome
 * features, by client, oldest first: a few queries whatever the number of clients. A run stored
 * without current features (analysed before they existed, or under an older feature version) has
 * its stream read.
 */
export async function loadClientRuns(
  db: Executor,
  scope: PracticeScope,
  windows: readonly { clientId: string; since: string; before: string }[],
): Promise<Map<string, FeaturedRun[]>> {
  const clientIds = windows.map((w) => w.clientId);
  const rows = (await listRunOutcomes(db, scope, windows)).filter((row) => RUNNING_SPORTS.has(row.sport as Sport));
  const parsed = rows.map((row) => parseRunFeatures(row.features_json));
  const missing = rows.filter((_, k) => parsed[k] === null).map((row) => row.id);
  const streams = missing.length > 0 ? await listStreams(db, scope, missing) : new Map<string, string>();
  const byClient = new Map<string, FeaturedRun[]>(clientIds.map((id) => [id, []]));
  rows.forEach((row, k) => {
    const summary = JSON.parse(row.summary_json) as Omit<ActivitySummary, "stream">;
    const features = parsed[k] ?? runFeatures(JSON.parse(streams.get(row.id) ?? "null") as ChartStream);
    byClient.get(row.client_id)?.push({ startTime: Date.parse(row.start_time), features, dynamics: summary.dynamics });
  });
  return byClient;
}

/** The window of runs compared around an instant: [at − window, at + window). */
export function outcomeWindow(at: number, windowDays: number): { since: string; before: string } {
  return { since: new Date(at - windowDays * DAY_MS).toISOString(), before: new Date(at + windowDays * DAY_MS).toISOString() };
}

/** The client's objective running outcomes in the windows before and after an instant (e.g. a session). */
export async function clientOutcomes(
  deps: TrainingDeps,
  scope: PracticeScope,
  clientId: string,
  at: number,
  windowDays: number,
): Promise<OutcomeComparison> {
  await requireClient(deps, scope, clientId);
  const { since, before } = outcomeWindow(at, windowDays);
  const runs = (await loadClientRuns(deps.database.db, scope, [{ clientId, since, before }])).get(clientId) ?? [];
  return compareAroundDate(runs, at, { windowDays });
}
