import { listConsentEvents } from "../clients/repository.js";
import type { Database, Executor } from "../db/database.js";
import { conflict } from "../platform/errors.js";
import type { Clock } from "../shared/clock.js";
import type { PracticeScope } from "../shared/scope.js";
import type { CheckinRow } from "./repository.js";

export interface CheckinDeps {
  database: Database;
  clock: Clock;
  config: { baseUrl: string };
}

export const DAY_MS = 86_400_000;

/** A check-in is closed once it expires or is cancelled: its link no longer works. */
export function isClosed(row: Pick<CheckinRow, "expires_at" | "cancelled_at">, now: Date): boolean {
  return row.cancelled_at !== null || now.toISOString() >= row.expires_at;
}

export function assertOpen(row: CheckinRow, now: Date): void {
  if (row.cancelled_at !== null) throw conflict("checkin_cancelled", "This check-in was cancelled; its link can no longer be used");
  if (isClosed(row, now)) throw conflict("checkin_closed", "This check-in has closed; its link can no longer be used");
}

/** Only a check-in still waiting for its answer can be cancelled or moved. */
export function assertChangeable(row: CheckinRow, now: Date): void {
  if (row.answered_at !== null) {
    throw conflict("checkin_answered", "This check-in has been answered; an answered check-in cannot be cancelled or rescheduled");
  }
  if (row.cancelled_at !== null) throw conflict("checkin_cancelled", "This check-in was cancelled already");
  if (isClosed(row, now)) {
    throw conflict("checkin_closed", "This check-in has expired; an expired check-in cannot be cancelled or rescheduled");
  }
}

/** Whether the client's latest word on check-in messages is "yes". */
export async function hasCheckinConsent(db: Executor, scope: PracticeScope, clientId: string): Promise<boolean> {
  const events = await listConsentEvents(db, scope, clientId);
  return events.filter((e) => e.kind === "checkin_messages").at(-1)?.granted === 1;
}

export async function assertCheckinConsent(db: Executor, scope: PracticeScope, clientId: string): Promise<void> {
  if (!(await hasCheckinConsent(db, scope, clientId))) {
    throw conflict(
      "checkin_consent_missing",
      "The client has not consented to check-in messages; record their consent before scheduling or sending check-ins",
    );
  }
}

/**
 * A new check-in's row, due at `due` and open for `openForMs` after it: not yet sent, opened,
 * answered, cancelled or moved.
 */
export function newCheckinRow(
  fields: Pick<CheckinRow, "id" | "client_id" | "session_id" | "plan_id" | "measure_codes_json" | "offset_days" | "token_sha256">,
  due: Date,
  openForMs: number,
  now: Date,
): Omit<CheckinRow, "practice_id"> {
  return {
    ...fields,
    due_at: due.toISOString(),
    expires_at: new Date(due.getTime() + openForMs).toISOString(),
    sent_at: null,
    opened_at: null,
    answered_at: null,
    created_at: now.toISOString(),
    cancelled_at: null,
    rescheduled_to_id: null,
  };
}

export function linkUrl(deps: CheckinDeps, token: string): string {
  return `${deps.config.baseUrl}/c/${token}`;
}
