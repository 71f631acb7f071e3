import type { Selectable } from "kysely";
import type { Executor } from "../../db/database.js";
import type { ProtocolTable, ProtocolVersionTable } from "../../db/schema.js";
import type { PracticeScope } from "../../shared/scope.js";

export type ProtocolRow = Selectable<ProtocolTable>;
export type ProtocolVersionRow = Selectable<ProtocolVersionTable> & { created_by_name: string };

export async function insertProtocol(db: Executor, scope: PracticeScope, row: { id: string; created_at: string }): Promise<void> {
  await db
    .insertInto("protocol")
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function insertProtocolVersion(
  db: Executor,
  scope: PracticeScope,
  row: Omit<Selectable<ProtocolVersionTable>, "practice_id">,
): Promise<void> {
  await db
    .insertInto("protocol_version")
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

export async function findProtocol(db: Executor, scope: PracticeScope, id: string): Promise<ProtocolRow | undefined> {
  return db.selectFrom("protocol").selectAll().where("practice_id", "=", scope.practiceId).where("id", "=", id).executeTakeFirst();
}

export async function listProtocolRows(db: Executor, scope: PracticeScope): Promise<ProtocolRow[]> {
  return db.selectFrom("protocol").selectAll().where("practice_id", "=", scope.practiceId).orderBy("created_at").orderBy("id").execute();
}

function versionQuery(db: Executor, scope: PracticeScope) {
  return db
    .selectFrom("protocol_version")
    .innerJoin("practitioner", "practitioner.id", "protocol_version.created_by")
    .innerJoin("auth_user", "auth_user.id", "practitioner.user_id")
    .selectAll("protocol_version")
    .select("auth_user.name as created_by_name")
    .where("protocol_version.practice_id", "=", scope.practiceId);
}

/** Versions of some (or all) of the practice's protocols, newest version first. */
export async function listVersions(db: Executor, scope: PracticeScope, protocolIds?: string[]): Promise<ProtocolVersionRow[]> {
  let query = versionQuery(db, scope);
  if (protocolIds) {
    if (protocolIds.length === 0) return [];
    query = query.where("protocol_version.protocol_id", "in", protocolIds);
  }
  return query.orderBy("protocol_version.version", "desc").execute();
}

export async function findVersion(db: Executor, scope: PracticeScope, versionId: string): Promise<ProtocolVersionRow | undefined> {
  return versionQuery(db, scope).where("protocol_version.id", "=", versionId).executeTakeFirst();
}

export async function findVersions(db: Executor, scope: PracticeScope, versionIds: string[]): Promise<ProtocolVersionRow[]> {
  if (versionIds.length === 0) return [];
  return versionQuery(db, scope).where("protocol_version.id", "in", versionIds).execute();
}
