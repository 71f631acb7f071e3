import { sql, type Selectable } from "kysely";
import type { Executor } from "../db/database.js";
import type { QuestionnaireTable, QuestionnaireVersionTable } from "../db/tables/questionnaires.js";
import type { PracticeScope } from "../shared/scope.js";

export type QuestionnaireRow = Selectable<QuestionnaireTable>;
export type QuestionnaireVersionRow = Selectable<QuestionnaireVersionTable>;

export async function insertQuestionnaire(
  db: Executor,
  scope: PracticeScope,
  row: Omit<QuestionnaireRow, "practice_id" | "version">,
): Promise<void> {
  await db
    .insertInto("questionnaire")
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function insertVersion(db: Executor, scope: PracticeScope, row: Omit<QuestionnaireVersionRow, "practice_id">): Promise<void> {
  await db
    .insertInto("questionnaire_version")
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function replaceDefinition(db: Executor, scope: PracticeScope, versionId: string, definitionJson: string): Promise<void> {
  await db
    .updateTable("questionnaire_version")
    .set({ definition_json: definitionJson })
    .where("practice_id", "=", scope.practiceId)
    .where("id", "=", versionId)
    .where("frozen_at", "is", null)
    .execute();
}

export async function findQuestionnaire(db: Executor, scope: PracticeScope, id: string): Promise<QuestionnaireRow | undefined> {
  return db.selectFrom("questionnaire").selectAll().where("practice_id", "=", scope.practiceId).where("id", "=", id).executeTakeFirst();
}

export async function findByBasis(db: Executor, scope: PracticeScope, basedOn: string): Promise<QuestionnaireRow | undefined> {
  return db
    .selectFrom("questionnaire")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("based_on", "=", basedOn)
    .executeTakeFirst();
}

export async function listQuestionnaires(db: Executor, scope: PracticeScope): Promise<QuestionnaireRow[]> {
  return db
    .selectFrom("questionnaire")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** Versions of the practice's questionnaires (of one when `questionnaireId` is given), newest first. */
export async function listVersions(db: Executor, scope: PracticeScope, questionnaireId?: string): Promise<QuestionnaireVersionRow[]> {
  let query = db.selectFrom("questionnaire_version").selectAll().where("practice_id", "=", scope.practiceId);
  if (questionnaireId !== undefined) query = query.where("questionnaire_id", "=", questionnaireId);
  return query.orderBy("questionnaire_id").orderBy("number", "desc").execute();
}

/** Freezes the latest version of each questionnaire (first use by a plan). */
export async function freezeLatest(db: Executor, scope: PracticeScope, questionnaireIds: readonly string[], at: string): Promise<void> {
  if (questionnaireIds.length === 0) return;
  await db
    .updateTable("questionnaire_version")
    .set({ frozen_at: at })
    .where("practice_id", "=", scope.practiceId)
    .where("questionnaire_id", "in", [...questionnaireIds])
    .where("frozen_at", "is", null)
    .where(
      "number",
      "=",
      sql<number>`(select max(v.number) from questionnaire_version v where v.questionnaire_id = questionnaire_version.questionnaire_id)`,
    )
    .execute();
}

/** Freezes one version (an answer was given with it). */
export async function freezeVersion(
  db: Executor,
  scope: PracticeScope,
  questionnaireId: string,
  number: number,
  at: string,
): Promise<void> {
  await db
    .updateTable("questionnaire_version")
    .set({ frozen_at: at })
    .where("practice_id", "=", scope.practiceId)
    .where("questionnaire_id", "=", questionnaireId)
    .where("number", "=", number)
    .where("frozen_at", "is", null)
    .execute();
}

/** Compare-and-set of the record version an edit names; false when it has moved on or does not exist. */
export async function claimVersion(
  db: Executor,
  scope: PracticeScope,
  id: string,
  basedOn: number,
  by: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable("questionnaire")
    .set({ version: sql`version + 1`, updated_by: by, updated_at: at })
    .where("practice_id", "=", scope.practiceId)
    .where("id", "=", id)
    .where("version", "=", basedOn)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function currentVersion(
  db: Executor,
  scope: PracticeScope,
  id: string,
): Promise<{ version: number; updatedAt: string; updatedBy: { id: string; name: string } | null } | undefined> {
  const row = await db
    .selectFrom("questionnaire as q")
    .leftJoin("practitioner as p", (join) => join.onRef("p.id", "=", "q.updated_by").onRef("p.practice_id", "=", "q.practice_id"))
    .leftJoin("auth_user as u", "u.id", "p.user_id")
    .select(["q.version", "q.updated_at", "q.updated_by", "u.name as by_name"])
    .where("q.practice_id", "=", scope.practiceId)
    .where("q.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    version: Number(row.version),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by ? { id: row.updated_by, name: row.by_name ?? "a former practitioner" } : null,
  };
}
