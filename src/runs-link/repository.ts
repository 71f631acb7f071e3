import type { Insertable, Selectable, Updateable } from "kysely";
import type { Executor } from "../db/database.js";
import {
  findClientLinkByTokenHashAcrossPractices,
  insertClientLink,
  listActiveClientLinks,
  revokeClientLinks,
  type NewClientLink,
} from "../db/client-links.js";
import type { RunsLinkTable, RunsUploadTable } from "../db/schema.js";
import type { PracticeScope } from "../shared/scope.js";

export type RunsLinkRow = Selectable<RunsLinkTable>;
export type RunsUploadRow = Selectable<RunsUploadTable>;

export function insertLink(db: Executor, scope: PracticeScope, row: NewClientLink): Promise<void> {
  return insertClientLink(db, "runs_link", scope, row);
}

/** The link a token's hash names, in whichever practice: the token is the client's only credential. */
export function findLinkByTokenHashAcrossPractices(db: Executor, tokenSha256: string): Promise<RunsLinkRow | undefined> {
  return findClientLinkByTokenHashAcrossPractices(db, "runs_link", tokenSha256);
}

/** The client's links that are neither revoked nor expired at `nowIso`, newest first. */
export function listActiveLinks(db: Executor, scope: PracticeScope, clientId: string, nowIso: string): Promise<RunsLinkRow[]> {
  return listActiveClientLinks(db, "runs_link", scope, clientId, nowIso);
}

/** Revokes every working link of the client; returns how many. */
export function revokeLinks(db: Executor, scope: PracticeScope, clientId: string, nowIso: string): Promise<number> {
  return revokeClientLinks(db, "runs_link", scope, clientId, nowIso);
}

export async function insertUpload(
  db: Executor,
  scope: PracticeScope,
  row: Omit<Insertable<RunsUploadTable>, "practice_id">,
): Promise<void> {
  await db
    .insertInto("runs_upload")
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function updateUpload(
  db: Executor,
  scope: PracticeScope,
  id: string,
  patch: Updateable<Omit<RunsUploadTable, "id" | "practice_id" | "client_id" | "link_id">>,
): Promise<void> {
  await db.updateTable("runs_upload").set(patch).where("practice_id", "=", scope.practiceId).where("id", "=", id).execute();
}

export async function findUpload(db: Executor, scope: PracticeScope, id: string): Promise<RunsUploadRow | undefined> {
  return db.selectFrom("runs_upload").selectAll().where("practice_id", "=", scope.practiceId).where("id", "=", id).executeTakeFirst();
}

/** Uploads through one link, newest first. */
export async function listUploadsOfLink(db: Executor, scope: PracticeScope, linkId: string): Promise<RunsUploadRow[]> {
  return db
    .selectFrom("runs_upload")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("link_id", "=", linkId)
    .orderBy("received_at", "desc")
    .orderBy("id")
    .execute();
}

/** The client's uploads through any link, newest first. */
export async function listUploadsOfClient(db: Executor, scope: PracticeScope, clientId: string, limit: number): Promise<RunsUploadRow[]> {
  return db
    .selectFrom("runs_upload")
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "=", clientId)
    .orderBy("received_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** Bytes the client has sent (or announced, for uploads still arriving) since `sinceIso`, removed uploads included. */
export async function bytesSentSince(db: Executor, scope: PracticeScope, clientId: string, sinceIso: string): Promise<number> {
  const row = await db
    .selectFrom("runs_upload")
    .select((eb) => eb.fn.sum<number | string | null>("size_bytes").as("total"))
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "=", clientId)
    .where("received_at", ">=", sinceIso)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

/** Activities that came from these uploads: for the runner's list of what was received. */
export async function listActivitiesOfUploads(db: Executor, scope: PracticeScope, uploadIds: string[]) {
  if (uploadIds.length === 0) return [];
  return db
    .selectFrom("activity")
    .innerJoin("training_file", "training_file.id", "activity.file_id")
    .select([
      "training_file.runs_upload_id as upload_id",
      "activity.start_time",
      "activity.local_offset_minutes",
      "activity.distance_m",
      "activity.sport",
      "activity.sport_label",
    ])
    .where("activity.practice_id", "=", scope.practiceId)
    .where("training_file.practice_id", "=", scope.practiceId)
    .where("training_file.runs_upload_id", "in", uploadIds)
    .orderBy("activity.start_time", "desc")
    .execute();
}

/**
 * Deletes the activities and file rows an upload made; returns the removed files' SHA-256 keys
 * (their blobs go after the commit when nothing else refers to them).
 */
export async function deleteUploadRecords(
  db: Executor,
  scope: PracticeScope,
  uploadId: string,
): Promise<{ shas: string[]; clientId: string | null; startTimes: number[] }> {
  const files = await db
    .selectFrom("training_file")
    .select(["id", "sha256", "client_id"])
    .where("practice_id", "=", scope.practiceId)
    .where("runs_upload_id", "=", uploadId)
    .execute();
  if (files.length === 0) return { shas: [], clientId: null, startTimes: [] };
  const ids = files.map((f) => f.id);
  const activities = await db
    .selectFrom("activity")
    .select(["id", "start_time"])
    .where("practice_id", "=", scope.practiceId)
    .where("file_id", "in", ids)
    .execute();
  // Another device's recording of the same run that pointed here counts again (until relinked).
  if (activities.length > 0)
    await db
      .updateTable("activity")
      .set({ duplicate_of: null })
      .where("practice_id", "=", scope.practiceId)
      .where(
        "duplicate_of",
        "in",
        activities.map((a) => a.id),
      )
      .execute();
  await db.deleteFrom("activity").where("practice_id", "=", scope.practiceId).where("file_id", "in", ids).execute();
  await db.deleteFrom("training_file").where("practice_id", "=", scope.practiceId).where("id", "in", ids).execute();
  return {
    shas: files.map((f) => f.sha256),
    clientId: files[0]?.client_id ?? null,
    startTimes: activities.map((a) => Date.parse(a.start_time)),
  };
}
