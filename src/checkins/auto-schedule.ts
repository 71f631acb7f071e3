import { findClient } from "../clients/repository.js";
import { findVersion } from "../clinical/protocols/repository.js";
import { findSession } from "../clinical/sessions/repository.js";
import type { Executor } from "../db/database.js";
import type { Clock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import type { PracticeScope } from "../shared/scope.js";
import * as repo from "./repository.js";
import { hasCheckinConsent } from "./rules.js";
import { insertPlanCheckins } from "./schedule.js";

/** What automatic scheduling did for a signed session, as the session page shows it. */
export interface AutomaticCheckinsView {
  outcome: "scheduled" | "no_consent";
  planId: string;
  planName: string;
  count: number;
  decidedAt: string;
  /** One sentence for the session page. */
  message: string;
}

/**
 * Schedules the check-in plan of the protocol version a signed session applied, inside the
 * signing (or amending) transaction. Runs once per session: nothing happens when the session
 * already has check-ins (scheduled by hand, automatically, or since cancelled), so signing twice
 * or amending never schedules twice. Without the client's consent nothing is scheduled and the
 * reason is recorded for the session page.
 */
export async function scheduleForSignedSession(tx: Executor, clock: Clock, scope: PracticeScope, sessionId: string): Promise<void> {
  const session = await findSession(tx, scope, sessionId);
  if (session?.status !== "signed" || session.protocol_version_id === null) return;
  const version = await findVersion(tx, scope, session.protocol_version_id);
  if (!version?.checkin_plan_id) return;
  if (await repo.sessionHasCheckins(tx, scope, session.id)) return;
  const plan = await repo.findPlan(tx, scope, version.checkin_plan_id);
  const client = await findClient(tx, scope, session.client_id);
  if (!plan || !client) return;
  const now = clock.now();
  const consented = await hasCheckinConsent(tx, scope, client.id);
  // The raw tokens are dropped: a link is issued when the check-in is sent (by e-mail or by hand).
  const created = consented ? await insertPlanCheckins(tx, scope, { session, plan, client, now }) : [];
  await repo.saveAutoSchedule(tx, scope, {
    id: newId(),
    session_id: session.id,
    plan_id: plan.id,
    outcome: consented ? "scheduled" : "no_consent",
    checkin_count: created.length,
    decided_at: now.toISOString(),
  });
}

/** The automatic-scheduling outcome of some sessions, by session id. */
export async function automaticCheckinsBySession(
  db: Executor,
  scope: PracticeScope,
  sessionIds: string[],
): Promise<Map<string, AutomaticCheckinsView>> {
  const rows = await repo.listAutoSchedules(db, scope, sessionIds);
  return new Map(
    rows.map((row) => {
      const count = Number(row.checkin_count);
      const message =
        row.outcome === "scheduled"
          ? `${count} check-in${count === 1 ? "" : "s"} scheduled automatically from the protocol's plan “${row.plan_name}”.`
          : "No check-ins scheduled: the client has not consented to check-in messages.";
      return [
        row.session_id,
        { outcome: row.outcome, planId: row.plan_id, planName: row.plan_name, count, decidedAt: row.decided_at, message },
      ];
    }),
  );
}
