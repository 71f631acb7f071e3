import { notFound, validationFailed } from "../platform/errors.js";
import { hashLinkToken, newLinkToken } from "../platform/link-token.js";
import { newId } from "../shared/ids.js";
import type { PracticeScope } from "../shared/scope.js";
import * as repo from "./repository.js";
import { assertChangeable, DAY_MS, newCheckinRow, type CheckinDeps } from "./rules.js";
import type { CheckinView } from "./schema.js";
import { getCheckin } from "./views.js";

/** Cancels a check-in that is not answered yet: its link stops working and it is never sent. */
export async function cancelCheckin(deps: CheckinDeps, scope: PracticeScope, id: string): Promise<CheckinView> {
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (tx) => {
    const row = await repo.findCheckin(tx, scope, id);
    if (!row) throw notFound("Check-in");
    assertChangeable(row, now);
    // A fresh hash that no link carries, so the old link is dead even before the state is read.
    await repo.updateCheckin(tx, scope, id, { cancelled_at: now.toISOString(), token_sha256: hashLinkToken(newLinkToken()) });
  });
  return getCheckin(deps, scope, id);
}

/**
 * Moves a check-in that is not answered yet to a new due time. The old check-in is cancelled (its
 * link stops working, and what was e-mailed for it stays on record) and a new one takes its place
 * with the same questionnaire and the same open period; its link is issued when it is sent.
 */
export async function rescheduleCheckin(deps: CheckinDeps, scope: PracticeScope, id: string, dueAt: string): Promise<CheckinView> {
  const now = deps.clock.now();
  const due = new Date(dueAt);
  const newIdValue = newId();
  await deps.database.db.transaction().execute(async (tx) => {
    const row = await repo.findCheckin(tx, scope, id);
    if (!row) throw notFound("Check-in");
    assertChangeable(row, now);
    if (due.getTime() <= now.getTime()) throw validationFailed({ dueAt: "must be in the future" });
    if (due.getTime() > now.getTime() + 365 * DAY_MS) throw validationFailed({ dueAt: "must be within a year from now" });
    const openFor = Date.parse(row.expires_at) - Date.parse(row.due_at);
    await repo.insertCheckins(tx, scope, [
      newCheckinRow(
        {
          id: newIdValue,
          client_id: row.client_id,
          session_id: row.session_id,
          plan_id: row.plan_id,
          measure_codes_json: row.measure_codes_json,
          offset_days: row.offset_days,
          token_sha256: hashLinkToken(newLinkToken()),
        },
        due,
        openFor,
        now,
      ),
    ]);
    await repo.updateCheckin(tx, scope, id, {
      cancelled_at: now.toISOString(),
      rescheduled_to_id: newIdValue,
      token_sha256: hashLinkToken(newLinkToken()),
    });
  });
  return getCheckin(deps, scope, newIdValue);
}
