import { findClient } from "../clients/repository.js";
import { findSession, lockSession } from "../clinical/sessions/repository.js";
import type { Executor } from "../db/database.js";
import { notFound, validationFailed } from "../platform/errors.js";
import { hashLinkToken, newLinkToken } from "../platform/link-token.js";
import { newId } from "../shared/ids.js";
import { plural } from "../shared/plural.js";
import type { PracticeScope } from "../shared/scope.js";
import { localHourDaysAfter } from "../shared/zoned-time.js";
import * as repo from "./repository.js";
import type { CheckinPlanRow } from "./repository.js";
import { assertCheckinConsent, DAY_MS, linkUrl, newCheckinRow, type CheckinDeps } from "./rules.js";
import type { CheckinView } from "./schema.js";
import { getCheckin } from "./views.js";

/** What scheduling a plan after a session did: new check-ins, or those already there. */
export interface ScheduleOutcome {
  /** The client whose session it is. */
  clientId: string;
  checkins: CheckinView[];
  /** True when the plan was already scheduled for this session, so nothing was added. */
  alreadyScheduled: boolean;
  message: string;
}

/**
 * Schedules a plan's check-ins after a session: one per offset, due at the plan's hour in the
 * client's time zone. Each gets its own link token; the links are returned once, here. Scheduling
 * a plan the session already has (check-ins not cancelled) adds nothing and says so, so a second
 * press of the button cannot make duplicates; the session row is locked for the check, so two
 * presses at once cannot either.
 */
export async function scheduleCheckins(
  deps: CheckinDeps,
  scope: PracticeScope,
  sessionId: string,
  planId: string,
): Promise<ScheduleOutcome> {
  const now = deps.clock.now();
  let created: { id: string; token: string }[] = [];
  let existing: string[] = [];
  let planName = "";
  let clientId = "";
  await deps.database.db.transaction().execute(async (tx) => {
    if (!(await lockSession(tx, scope, sessionId))) throw notFound("Session");
    const session = await findSession(tx, scope, sessionId);
    if (!session) throw notFound("Session");
    clientId = session.client_id;
    const plan = await repo.findPlan(tx, scope, planId);
    if (!plan) throw validationFailed({ planId: "no such check-in plan" });
    planName = plan.name;
    existing = (await repo.listSessionPlanCheckins(tx, scope, session.id, plan.id))
      .filter((row) => row.cancelled_at === null)
      .map((row) => row.id);
    if (existing.length > 0) return;
    const client = await findClient(tx, scope, session.client_id);
    if (!client) throw notFound("Client");
    await assertCheckinConsent(tx, scope, client.id);
    created = await insertPlanCheckins(tx, scope, { session, plan, client, now });
  });
  if (existing.length > 0) {
    return {
      clientId,
      checkins: await Promise.all(existing.map((id) => getCheckin(deps, scope, id))),
      alreadyScheduled: true,
      message: `“${planName}” is already scheduled for this session, so nothing was added.`,
    };
  }
  const views = await Promise.all(created.map(({ id }) => getCheckin(deps, scope, id)));
  return {
    clientId,
    checkins: views.map((view, index) => ({ ...view, linkUrl: linkUrl(deps, created[index]?.token ?? "") })),
    alreadyScheduled: false,
    message: `${plural(views.length, "check-in")} scheduled from “${planName}”.`,
  };
}

/**
 * Inserts one check-in per offset of a plan after a session, each with a fresh link token, and
 * returns the ids with their raw tokens (shown once, or dropped by automatic scheduling).
 */
export async function insertPlanCheckins(
  tx: Executor,
  scope: PracticeScope,
  input: {
    session: { id: string; started_at: string };
    plan: CheckinPlanRow;
    client: { id: string; time_zone: string };
    now: Date;
  },
): Promise<{ id: string; token: string }[]> {
  const { session, plan, client, now } = input;
  const created: { id: string; token: string }[] = [];
  const offsets = JSON.parse(plan.offsets_days_json) as number[];
  const rows = offsets.map((offsetDays) => {
    const token = newLinkToken();
    const id = newId();
    created.push({ id, token });
    const due = dueAfterSession(new Date(session.started_at), offsetDays, plan.local_hour, client.time_zone);
    return newCheckinRow(
      {
        id,
        client_id: client.id,
        session_id: session.id,
        plan_id: plan.id,
        measure_codes_json: plan.measure_codes_json,
        offset_days: offsetDays,
        token_sha256: hashLinkToken(token),
      },
      due,
      plan.expires_after_days * DAY_MS,
      now,
    );
  });
  await repo.insertCheckins(tx, scope, rows);
  return created;
}

/**
 * When a check-in `offsetDays` after a session is due: at the plan's hour on that local day, but
 * never before the session itself. A day-0 hour already past when the session started (18:00
 * after a 23:01 session) moves to the same hour the next day.
 */
export function dueAfterSession(sessionStart: Date, offsetDays: number, localHour: number, timeZone: string): Date {
  const due = localHourDaysAfter(sessionStart, offsetDays, localHour, timeZone);
  if (due.getTime() > sessionStart.getTime()) return due;
  return localHourDaysAfter(sessionStart, offsetDays + 1, localHour, timeZone);
}
