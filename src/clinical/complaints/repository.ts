import type { Selectable, Updateable } from "kysely";
import type { Executor } from "../../db/database.js";
import type { ComplaintTable } from "../../db/schema.js";
import type { PracticeScope } from "../../shared/scope.js";

export type ComplaintRow = Selectable<ComplaintTable>;

export async function insertComplaint(
  db: Executor,
  scope: PracticeScope,
  row: Omit<ComplaintRow, "practice_id" | "version">,
): Promise<void> {
  await db
    .insertInto("complaint")
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function updateComplaint(
  db: Executor,
  scope: PracticeScope,
  id: string,
  fields: Omit<Updateable<ComplaintTable>, "id" | "practice_id" | "client_id">,
): Promise<void> {
  await db.updateTable("complaint").set(fields).where("practice_id", "=", scope.practiceId).where("id", "=", id).execute();
}

export async function findComplaint(db: Executor, scope: PracticeScope, id: string): Promise<ComplaintRow | undefined> {
  return db.selectFrom("complaint").selectAll().where("practice_id", "=", scope.practiceId).where("id", "=", id).executeTakeFirst();
}

/** A client's complaints, newest first. */
export async function listComplaints(db: Executor, scope: PracticeScope, clientId: string): Promise<ComplaintRow[]> {
  return db
    .selectFrom("complaint")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "=", clientId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

/** Session ids per complaint, oldest session first. */
export async function listSessionIdsByComplaint(
  db: Executor,
  scope: PracticeScope,
  complaintIds: string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(complaintIds.map((id) => [id, []]));
  if (complaintIds.length === 0) return result;
  const rows = await db
    .selectFrom("session_complaint")
    .innerJoin("treatment_session", "treatment_session.id", "session_complaint.session_id")
    .select(["session_complaint.complaint_id", "session_complaint.session_id"])
    .where("session_complaint.practice_id", "=", scope.practiceId)
    .where("treatment_session.practice_id", "=", scope.practiceId)
    .where("session_complaint.complaint_id", "in", complaintIds)
    .orderBy("treatment_session.started_at")
    .execute();
  for (const row of rows) result.get(row.complaint_id)?.push(row.session_id);
  return result;
}
