import type { Selectable } from "kysely";
import type { Executor } from "../db/database.js";
import type { CaseReportTable } from "../db/schema.js";
import type { PracticeScope } from "../shared/scope.js";

/** The case reports' SQL. Every query is scoped to the practice. */

export type CaseReportRow = Selectable<CaseReportTable>;

export async function insertCaseReport(
  db: Executor,
  scope: PracticeScope,
  row: Omit<CaseReportRow, "practice_id" | "version">,
): Promise<void> {
  await db
    .insertInto("case_report")
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function findCaseReport(db: Executor, scope: PracticeScope, id: string): Promise<CaseReportRow | undefined> {
  return db.selectFrom("case_report").selectAll().where("practice_id", "=", scope.practiceId).where("id", "=", id).executeTakeFirst();
}

/** A client's reports, newest first. */
export async function listClientCaseReports(db: Executor, scope: PracticeScope, clientId: string): Promise<CaseReportRow[]> {
  return db
    .selectFrom("case_report")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "=", clientId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
}

export async function updateCaseReport(
  db: Executor,
  scope: PracticeScope,
  id: string,
  fields: Pick<CaseReportRow, "title" | "narrative">,
): Promise<void> {
  await db.updateTable("case_report").set(fields).where("practice_id", "=", scope.practiceId).where("id", "=", id).execute();
}
