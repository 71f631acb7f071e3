import type { Executor } from "../db/database.js";
import type { CheckinRow } from "../checkins/repository.js";
import type { SessionRow } from "../clinical/sessions/repository.js";
import type { PracticeScope } from "../shared/scope.js";
import type { ActivityListRow, TrainingFileRow } from "../training/repository.js";

/**
 * The exports' own reads: practice-wide lists (optionally one client's) that no other module
 * needs. Per-session parts (findings, steps), check-in answers and client records are read
 * through their modules' repositories and services.
 */

/** Sessions of the practice (or of one client), oldest first, in the shape the sessions module uses. */
export async function listPracticeSessions(db: Executor, scope: PracticeScope, clientId?: string): Promise<SessionRow[]> {
  let query = db
    .selectFrom("treatment_session")
    .innerJoin("practitioner", "practitioner.id", "treatment_session.practitioner_id")
    .innerJoin("auth_user", "auth_user.id", "practitioner.user_id")
    .selectAll("treatment_session")
    .select("auth_user.name as practitioner_name")
    .where("treatment_session.practice_id", "=", scope.practiceId);
  if (clientId !== undefined) query = query.where("treatment_session.client_id", "=", clientId);
  return query.orderBy("treatment_session.started_at").orderBy("treatment_session.id").execute();
}

/** Check-ins of the practice (or of one client), by due time. */
export async function listPracticeCheckins(db: Executor, scope: PracticeScope, clientId?: string): Promise<CheckinRow[]> {
  let query = db.selectFrom("checkin").selectAll().where("practice_id", "=", scope.practiceId);
  if (clientId !== undefined) query = query.where("client_id", "=", clientId);
  return query.orderBy("due_at").orderBy("id").execute();
}

export type ActivityExportRow = ActivityListRow & { file_name: string; format: string; sha256: string };

/** Activities of the practice (or of one client) with the file each came from, oldest first. */
export async function listPracticeActivities(db: Executor, scope: PracticeScope, clientId?: string): Promise<ActivityExportRow[]> {
  let query = db
    .selectFrom("activity")
    .innerJoin("training_file", "training_file.id", "activity.file_id")
    .select([
      "activity.id",
      "activity.practice_id",
      "activity.client_id",
      "activity.file_id",
      "activity.sport",
      "activity.sport_label",
      "activity.name",
      "activity.start_time",
      "activity.local_offset_minutes",
      "activity.elapsed_s",
      "activity.moving_s",
      "activity.distance_m",
      "activity.elevation_gain_m",
      "activity.elevation_loss_m",
      "activity.avg_pace_s_per_km",
      "activity.avg_cadence_spm",
      "activity.avg_heart_rate",
      "activity.labels_json",
      "activity.label_version",
      "activity.analysed_at",
      "activity.leg_index",
      "activity.sport_source",
      "activity.sport_evidence",
      "activity.sport_override",
      "activity.duplicate_of",
      "training_file.file_name",
      "training_file.format",
      "training_file.sha256",
    ])
    .where("activity.practice_id", "=", scope.practiceId);
  if (clientId !== undefined) query = query.where("activity.client_id", "=", clientId);
  return query.orderBy("activity.start_time").orderBy("activity.id").execute();
}

/** One client's raw training files, in the order they were imported. */
export async function listClientTrainingFiles(db: Executor, scope: PracticeScope, clientId: string): Promise<TrainingFileRow[]> {
  return db
    .selectFrom("training_file")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "=", clientId)
    .orderBy("imported_at")
    .orderBy("id")
    .execute();
}
