import type { PracticeScope } from "../../shared/scope.js";
import type { Step } from "../vocabulary/validators.js";
import type { ClinicalDeps } from "../vocabulary/service.js";
import * as repo from "./repository.js";
import { toStep } from "./views.js";

/** How many signed sessions are read, and how many different steps are offered. */
const SESSIONS_READ = 20;
export const RECENT_STEPS_OFFERED = 6;

/**
 * A step as the practice does it again: technique, region, side and direction name it; its
 * minutes and intensity are those of the latest time. The note belongs to that session, not to
 * the step.
 */
export type RecentStep = Omit<Step, "note"> & { note: null };

const sameStep = (step: Step): string => JSON.stringify([step.technique, step.regionCode, step.side, step.direction]);

/**
 * The different steps in `steps` (newest session first, each session's steps in order), each once
 * as it was last done, at most `limit`.
 */
export function distinctRecentSteps(steps: readonly Step[], limit = RECENT_STEPS_OFFERED): RecentStep[] {
  const seen = new Set<string>();
  const recent: RecentStep[] = [];
  for (const step of steps) {
    const key = sameStep(step);
    if (seen.has(key)) continue;
    seen.add(key);
    recent.push({ ...step, note: null });
    if (recent.length === limit) break;
  }
  return recent;
}

/**
 * The practice's recent technique steps, for the session form's one-tap "recent steps": from its
 * latest signed sessions (drafts and notes entered in error are not offered).
 */
export async function listRecentSteps(deps: ClinicalDeps, scope: PracticeScope): Promise<RecentStep[]> {
  const db = deps.database.db;
  const sessionIds = await repo.listRecentlySignedSessionIds(db, scope, SESSIONS_READ);
  const rows = await repo.listSteps(db, scope, sessionIds);
  const order = new Map(sessionIds.map((id, index) => [id, index]));
  rows.sort((a, b) => (order.get(a.session_id) ?? 0) - (order.get(b.session_id) ?? 0) || Number(a.position) - Number(b.position));
  return distinctRecentSteps(rows.map(toStep));
}
