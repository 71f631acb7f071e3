import type { Executor } from "../db/database.js";
import type { PracticeScope } from "../shared/scope.js";

/** What the client list shows beside each name, read for a whole page of clients at once. */
export interface ClientListColumns {
  lastVisitAt: string | null;
  nextCheckinDueAt: string | null;
  openCheckins: number;
  activeComplaint: { id: string; title: string; status: "active" | "improving" } | null;
}

export const NO_COLUMNS: ClientListColumns = { lastVisitAt: null, nextCheckinDueAt: null, openCheckins: 0, activeComplaint: null };

/**
 * The list columns for one page of clients: three grouped queries over the page's ids (never one
 * query per client), each read from the (practice, client, …) indexes.
 * - last visit: the latest session that has started, left out when it was entered in error;
 * - next due check-in: the earliest one still to come (not answered, not cancelled);
 * - open check-ins: due, not answered, not cancelled and not expired (as the due list counts them);
 * - active complaint: the most recently changed complaint that is not resolved (only when
 *   `withComplaints`, i.e. the reader may read clinical notes).
 */
export async function loadClientListColumns(
  db: Executor,
  scope: PracticeScope,
  clientIds: readonly string[],
  now: string,
  withComplaints: boolean,
): Promise<Map<string, ClientListColumns>> {
  const columns = new Map<string, ClientListColumns>(clientIds.map((id) => [id, { ...NO_COLUMNS }]));
  if (clientIds.length === 0) return columns;
  const ids = [...clientIds];
  const [visits, checkins, complaints] = await Promise.all([
    db
      .selectFrom("treatment_session")
      .select((eb) => ["client_id", eb.fn.max("started_at").as("last_visit_at")])
      .where("practice_id", "=", scope.practiceId)
      .where("client_id", "in", ids)
      .where("started_at", "<=", now)
      .where("entered_in_error_at", "is", null)
      .groupBy("client_id")
      .execute(),
    db
      .selectFrom("checkin")
      .select((eb) => [
        "client_id",
        eb.fn.min(eb.case().when("due_at", ">", now).then(eb.ref("due_at")).end()).as("next_due_at"),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([eb("due_at", "<=", now), eb("expires_at", ">", now)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as("open_count"),
      ])
      .where("practice_id", "=", scope.practiceId)
      .where("client_id", "in", ids)
      .where("cancelled_at", "is", null)
      .where("answered_at", "is", null)
      .groupBy("client_id")
      .execute(),
    withComplaints
      ? db
          .selectFrom("complaint")
          .select(["id", "client_id", "title", "status", "updated_at"])
          .where("practice_id", "=", scope.practiceId)
          .where("client_id", "in", ids)
          .where("status", "!=", "resolved")
          .orderBy("updated_at", "desc")
          .orderBy("id")
          .execute()
      : Promise.resolve([]),
  ]);
  for (const row of visits) {
    const entry = columns.get(row.client_id);
    if (entry) entry.lastVisitAt = row.last_visit_at ?? null;
  }
  for (const row of checkins) {
    const entry = columns.get(row.client_id);
    if (!entry) continue;
    entry.nextCheckinDueAt = row.next_due_at ?? null;
    entry.openCheckins = Number(row.open_count ?? 0);
  }
  for (const row of complaints) {
    const entry = columns.get(row.client_id);
    if (!entry || entry.activeComplaint || row.status === "resolved") continue;
    entry.activeComplaint = { id: row.id, title: row.title, status: row.status };
  }
  return columns;
}
