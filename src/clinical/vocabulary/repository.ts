import type { Executor } from "../../db/database.js";
import type { PracticeScope } from "../../shared/scope.js";

export interface CustomTechniqueRow {
  id: string;
  name: string;
}

export async function listCustomTechniques(db: Executor, scope: PracticeScope): Promise<CustomTechniqueRow[]> {
  return db
    .selectFrom("practice_technique")
    .select(["id", "name"])
    .where("practice_id", "=", scope.practiceId)
    .orderBy("name_key")
    .execute();
}

export async function isTechniqueNameTaken(db: Executor, scope: PracticeScope, nameKey: string): Promise<boolean> {
  const row = await db
    .selectFrom("practice_technique")
    .select("id")
    .where("practice_id", "=", scope.practiceId)
    .where("name_key", "=", nameKey)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertCustomTechnique(
  db: Executor,
  scope: PracticeScope,
  row: { id: string; name: string; name_key: string; created_at: string },
): Promise<void> {
  await db
    .insertInto("practice_technique")
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}
