import { sql, SqliteAdapter } from "kysely";
import type { Executor } from "./database.js";
import { preparedStatement } from "./prepared.js";
import type { VERSIONED_TABLES } from "./migrations/20261207_1250_row_versions.js";
import type { PracticeScope } from "../shared/scope.js";

/** A table whose rows carry `version` and `updated_by` (see the row-versions migration). */
export type VersionedTable = (typeof VERSIONED_TABLES)[number];

/** Tables a transaction may lock a row of before it reads and changes what hangs off that row. */
export type LockableTable = VersionedTable | "checkin" | "protocol" | "practitioner";

/**
 * Locks one row of the practice for the rest of the transaction and says whether it exists.
 * PostgreSQL: `SELECT … FOR NO KEY UPDATE`, so concurrent transactions on the same record queue
 * here and each then reads what the one before it committed (a row deleted meanwhile is simply
 * not found). It is the lock an UPDATE takes, so inserts of rows that refer to this one (foreign
 * keys take KEY SHARE) are not held up. SQLite runs one writing transaction at a time on our single
 * connection, so a plain read does.
 */
export async function lockRow(db: Executor, table: LockableTable, scope: PracticeScope, id: string): Promise<boolean> {
  let lock = rowLocks.get(table);
  if (!lock) {
    const select = `select id from "${table}" where practice_id = ? and id = ?`;
    lock = preparedStatement<{ id: string }>({ sqlite: select, postgres: `${select} for no key update` });
    rowLocks.set(table, lock);
  }
  return (await lock(db, [scope.practiceId, id])).length > 0;
}

/** Each table's locking statement, written once (a check-in answer takes one). */
const rowLocks = new Map<LockableTable, ReturnType<typeof preparedStatement<{ id: string }>>>();

/**
 * Locks the practice's own row: for the few writes whose uniqueness spans the whole practice
 * (a technique's name, an open invitation per address), so that a check and the insert after it
 * are not interleaved with another request's.
 */
export async function lockPractice(db: Executor, scope: PracticeScope): Promise<void> {
  const forUpdate = isSqlite(db) ? sql`` : sql` for no key update`;
  await sql`select id from practice where id = ${scope.practiceId}${forUpdate}`.execute(db);
}

/**
 * Moves a record from the version an edit was based on to the next one, only if that is still its
 * current version: the compare-and-set every edit starts with. Returns false when the record has
 * moved on (or does not exist); the caller answers 409 with what it is now. On PostgreSQL the
 * winning transaction holds the row lock until it commits, so the rest of its changes are
 * serialised too.
 */
export async function claimVersion(
  db: Executor,
  table: VersionedTable,
  scope: PracticeScope,
  id: string,
  basedOn: number,
  by: string,
  at: string,
): Promise<boolean> {
  const result = await sql`update ${sql.table(table)} set version = version + 1, updated_by = ${by}, updated_at = ${at}
    where practice_id = ${scope.practiceId} and id = ${id} and version = ${basedOn}`.execute(db);
  return Number(result.numAffectedRows ?? 0) === 1;
}

/** Bumps a record's version without a check: for changes that cannot be lost (e.g. appended consent events). */
export async function bumpVersion(
  db: Executor,
  table: VersionedTable,
  scope: PracticeScope,
  id: string,
  by: string,
  at: string,
): Promise<void> {
  await sql`update ${sql.table(table)} set version = version + 1, updated_by = ${by}, updated_at = ${at}
    where practice_id = ${scope.practiceId} and id = ${id}`.execute(db);
}

/** True for a unique-index violation on either database. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** True when PostgreSQL aborted a transaction to break a deadlock or a serialisation conflict. */
export function isConcurrencyAbort(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === "40001" || code === "40P01";
}

export function isSqlite(db: Executor): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** What a stale edit is told about the record as it is now. */
export interface CurrentVersion {
  version: number;
  updatedAt: string;
  /** Who made the latest change; null when no practitioner did (e.g. before versions were kept). */
  updatedBy: { id: string; name: string } | null;
}

/** The current version of a record and who made it, or undefined when it does not exist. */
export async function currentVersion(
  db: Executor,
  table: VersionedTable,
  scope: PracticeScope,
  id: string,
): Promise<CurrentVersion | undefined> {
  const result = await sql<{ version: number; updated_at: string; updated_by: string | null; by_name: string | null }>`
    select t.version, t.updated_at, t.updated_by, u.name as by_name
    from ${sql.table(table)} t
    left join practitioner p on p.id = t.updated_by and p.practice_id = t.practice_id
    left join auth_user u on u.id = p.user_id
    where t.practice_id = ${scope.practiceId} and t.id = ${id}`.execute(db);
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    version: Number(row.version),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by ? { id: row.updated_by, name: row.by_name ?? "a former practitioner" } : null,
  };
}
