import { sql, type Kysely } from "kysely";
import type { Dialect } from "../db/database.js";
import type { DatabaseSchema } from "../db/schema.js";

type Reader = Kysely<DatabaseSchema>;

/** The facts a backup records about one consistent view of the database. */
export interface SnapshotFacts {
  migrations: string[];
  tableRowCounts: Record<string, number>;
  /** Every blob the database refers to, by practice: these files belong to the snapshot. */
  blobs: { practiceId: string; sha256: string }[];
  /** PostgreSQL only: a checksum per table (see `tableChecksum`). */
  tableChecksums?: Record<string, string>;
}

/**
 * Reads migrations, row counts and blob references through one executor, which the caller has
 * pointed at a snapshot (a copied SQLite file, or a PostgreSQL transaction sharing pg_dump's snapshot).
 * This is a whole-installation read, so it is not scoped to one practice.
 */
export async function readSnapshotFacts(db: Reader, dialect: Dialect): Promise<SnapshotFacts> {
  const tables = await listTables(db, dialect);
  const tableRowCounts: Record<string, number> = {};
  for (const table of tables) tableRowCounts[table] = await countRows(db, table);
  const migrations = tables.includes("schema_migration") ? await appliedMigrations(db) : [];
  const blobs = tables.includes("training_file")
    ? await db
        .selectFrom("training_file")
        .select(["practice_id as practiceId", "sha256"])
        .distinct()
        .orderBy("practice_id")
        .orderBy("sha256")
        .execute()
    : [];
  if (dialect === "sqlite") return { migrations, tableRowCounts, blobs };
  const tableChecksums: Record<string, string> = {};
  for (const table of tables) tableChecksums[table] = await tableChecksum(db, table);
  return { migrations, tableRowCounts, blobs, tableChecksums };
}

/**
 * PostgreSQL: an MD5 over the sorted MD5s of every row's text form, so a restored table can be
 * compared with the one backed up without holding it in memory (32 bytes a row).
 */
export async function tableChecksum(db: Reader, table: string): Promise<string> {
  const result = await sql<{ checksum: string | null }>`
    select md5(coalesce(string_agg(row_md5, '' order by row_md5), '')) as checksum
    from (select md5(t::text) as row_md5 from ${sql.table(table)} t) rows`.execute(db);
  return result.rows[0]?.checksum ?? "";
}

/** Our tables (and the migration bookkeeping), sorted by name. */
export async function listTables(db: Reader, dialect: Dialect): Promise<string[]> {
  const rows =
    dialect === "sqlite"
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
          db,
        )
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  return rows.rows.map((r) => r.name);
}

export async function countRows(db: Reader, table: string): Promise<number> {
  const result = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

export async function appliedMigrations(db: Reader): Promise<string[]> {
  const result = await sql<{ name: string }>`select name from schema_migration order by name`.execute(db);
  return result.rows.map((r) => r.name);
}
