import type { Executor } from "../db/database.js";
import type { PracticeScope } from "../shared/scope.js";

/** Every stored activity with its file, for recomputation; practice by practice. */
export async function listActivitiesForReprocess(
  db: Executor,
  scope: PracticeScope,
): Promise<{ id: string; client_id: string; file_id: string; leg_index: number; sha256: string; file_name: string }[]> {
  return db
    .selectFrom("activity")
    .innerJoin("training_file", "training_file.id", "activity.file_id")
    .select([
      "activity.id",
      "activity.client_id",
      "activity.file_id",
      "activity.leg_index",
      "training_file.sha256",
      "training_file.file_name",
    ])
    .where("activity.practice_id", "=", scope.practiceId)
    .orderBy("activity.start_time")
    .execute();
}

export async function deleteActivities(db: Executor, scope: PracticeScope, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom("activity").where("practice_id", "=", scope.practiceId).where("id", "in", ids).execute();
}

/** Activities that pointed to removed ones point nowhere until they are relinked. */
export async function clearDuplicateLinksTo(db: Executor, scope: PracticeScope, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("activity")
    .set({ duplicate_of: null })
    .where("practice_id", "=", scope.practiceId)
    .where("duplicate_of", "in", ids)
    .execute();
}

/** Every practice on this database (reprocessing runs over all of them). */
export async function listEveryPracticeId(db: Executor): Promise<string[]> {
  return (await db.selectFrom("practice").select("id").execute()).map((r) => r.id);
}
