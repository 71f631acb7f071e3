import type { PracticeScope } from "../shared/scope.js";
import { RUNNING_SPORTS, type Sport } from "./activity.js";
import type { ActivitySummary, ChartStream } from "./analysis/types.js";
import { compareAroundDate, type OutcomeComparison } from "./outcomes/index.js";
import { listActivityStreams } from "./repository.js";
import type { TrainingDeps } from "./service.js";
import { requireClient } from "./views.js";

const DAY_MS = 86_400_000;

/** The client's objective running outcomes in the windows before and after an instant (e.g. a session). */
export async function clientOutcomes(
  deps: TrainingDeps,
  scope: PracticeScope,
  clientId: string,
  at: number,
  windowDays: number,
): Promise<OutcomeComparison> {
  await requireClient(deps, scope, clientId);
  const rows = await listActivityStreams(
    deps.database.db,
    scope,
    clientId,
    new Date(at - windowDays * DAY_MS).toISOString(),
    new Date(at + windowDays * DAY_MS).toISOString(),
  );
  const runs = rows
    .filter((row) => RUNNING_SPORTS.has(row.sport as Sport))
    .map((row) => {
      const summary = JSON.parse(row.summary_json) as Omit<ActivitySummary, "stream">;
      return { startTime: Date.parse(row.start_time), stream: JSON.parse(row.stream_json) as ChartStream, dynamics: summary.dynamics };
    });
  return compareAroundDate(runs, at, { windowDays });
}
