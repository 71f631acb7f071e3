import { findClient } from "../clients/repository.js";
import type { Executor } from "../db/database.js";
import { notFound } from "../platform/errors.js";
import { can } from "../shared/policy.js";
import type { Actor, PracticeScope } from "../shared/scope.js";
import * as repo from "./repository.js";
import type { CheckinAnswerRow, CheckinPlanRow, CheckinRow } from "./repository.js";
import { isClosed, type CheckinDeps } from "./rules.js";
import type { CheckinPlanView, CheckinState, CheckinView } from "./schema.js";

export async function getCheckin(deps: CheckinDeps, scope: PracticeScope, id: string): Promise<CheckinView> {
  const db = deps.database.db;
  const row = await repo.findCheckin(db, scope, id);
  if (!row) throw notFound("Check-in");
  return toCheckinView(row, await repo.listAnswers(db, scope, [id]), deps.clock.now());
}

export async function listClientCheckins(deps: CheckinDeps, scope: PracticeScope, clientId: string): Promise<CheckinView[]> {
  const db = deps.database.db;
  if (!(await findClient(db, scope, clientId))) throw notFound("Client");
  const rows = await repo.listClientCheckins(db, scope, clientId);
  return withAnswers(db, scope, rows, deps.clock.now());
}

export function toPlanView(row: CheckinPlanRow): CheckinPlanView {
  return {
    id: row.id,
    name: row.name,
    measureCodes: JSON.parse(row.measure_codes_json) as string[],
    offsetsDays: JSON.parse(row.offsets_days_json) as number[],
    localHour: row.local_hour,
    expiresAfterDays: row.expires_after_days,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  };
}

async function withAnswers(db: Executor, scope: PracticeScope, rows: CheckinRow[], now: Date): Promise<CheckinView[]> {
  const answers = await repo.listAnswers(
    db,
    scope,
    rows.map((r) => r.id),
  );
  return rows.map((row) =>
    toCheckinView(
      row,
      answers.filter((a) => a.checkin_id === row.id),
      now,
    ),
  );
}

export function checkinState(row: CheckinRow, now: Date): CheckinState {
  if (row.answered_at !== null) return "answered";
  if (row.cancelled_at !== null) return "cancelled";
  if (isClosed(row, now)) return "expired";
  if (row.opened_at !== null) return "opened";
  if (row.sent_at !== null) return "sent";
  return "scheduled";
}

export function toCheckinView(row: CheckinRow, answers: CheckinAnswerRow[], now: Date): CheckinView {
  return {
    id: row.id,
    clientId: row.client_id,
    sessionId: row.session_id,
    planId: row.plan_id,
    measureCodes: JSON.parse(row.measure_codes_json) as string[],
    offsetDays: row.offset_days,
    state: checkinState(row, now),
    dueAt: row.due_at,
    expiresAt: row.expires_at,
    sentAt: row.sent_at,
    openedAt: row.opened_at,
    answeredAt: row.answered_at,
    cancelledAt: row.cancelled_at,
    rescheduledToId: row.rescheduled_to_id,
    versions: [...answers]
      .sort((a, b) => b.version - a.version)
      .map((a) => ({ version: a.version, submittedAt: a.submitted_at, answers: JSON.parse(a.answers_json) as Record<string, unknown> })),
  };
}

/**
 * Check-in status is front-desk work; the answers are clinical. A role that may not read clinical
 * notes (an assistant without the owner's grant) sees each check-in's state but not its answers.
 */
export function answersVisibleTo(actor: Actor, checkins: CheckinView[]): CheckinView[] {
  if (can(actor, "clinical.read")) return checkins;
  return checkins.map((checkin) => ({ ...checkin, versions: [] }));
}
