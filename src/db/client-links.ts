import type { Insertable, Selectable } from "kysely";
import type { Executor } from "./database.js";
import type { IntakeLinkTable, RunsLinkTable } from "./schema.js";
import type { PracticeScope } from "../shared/scope.js";

/**
 * The tables of a client's own links (send your runs, intake): one row per link, the token kept
 * only as its SHA-256, each with its expiry and revocation. They share these queries.
 */
export type ClientLinkTableName = "runs_link" | "intake_link";
export type ClientLinkRow = Selectable<RunsLinkTable> & Selectable<IntakeLinkTable>;
export type NewClientLink = Omit<Insertable<RunsLinkTable> & Insertable<IntakeLinkTable>, "practice_id">;

export async function insertClientLink(db: Executor, table: ClientLinkTableName, scope: PracticeScope, row: NewClientLink): Promise<void> {
  await db
    .insertInto(table)
    .values({ ...row, practice_id: scope.practiceId })
    .execute();
}

/** The link a token's hash names, in whichever practice: the token is the client's only credential. */
export async function findClientLinkByTokenHashAcrossPractices(
  db: Executor,
  table: ClientLinkTableName,
  tokenSha256: string,
): Promise<ClientLinkRow | undefined> {
  return db.selectFrom(table).selectAll().where("token_sha256", "=", tokenSha256).executeTakeFirst();
}

/** The client's links that are neither revoked nor expired at `nowIso`, newest first. */
export async function listActiveClientLinks(
  db: Executor,
  table: ClientLinkTableName,
  scope: PracticeScope,
  clientId: string,
  nowIso: string,
): Promise<ClientLinkRow[]> {
  return db
    .selectFrom(table)
    .selectAll()
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "=", clientId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", nowIso)
    .orderBy("created_at", "desc")
    .execute();
}

/** Revokes every working link of the client in the table; returns how many. */
export async function revokeClientLinks(
  db: Executor,
  table: ClientLinkTableName,
  scope: PracticeScope,
  clientId: string,
  nowIso: string,
): Promise<number> {
  const result = await db
    .updateTable(table)
    .set({ revoked_at: nowIso })
    .where("practice_id", "=", scope.practiceId)
    .where("client_id", "=", clientId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
