import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { sql } from "kysely";
import { childProcessEnv } from "../platform/config.js";
import type { Database } from "../db/database.js";
import { readSnapshotFacts, type SnapshotFacts } from "./repository.js";
import { BackupError } from "./errors.js";
import { pgDumpVersionProblem } from "./pg-version.js";

const run = promisify(execFile);

/**
 * The connection string without its password (which goes to the child in PGPASSWORD instead, so
 * it never shows in the process list).
 */
function connectionFor(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  // The app's driver reads "+" in the query as a space (as URLSearchParams writes it); libpq does not.
  const query = [...parsed.searchParams].map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join("&");
  parsed.search = query ? `?${query}` : "";
  return { dbname: parsed.toString(), env: childProcessEnv(password ? { PGPASSWORD: password } : {}) };
}

async function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await run(tool, args, { env, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failed = error as NodeJS.ErrnoException & { stderr?: string };
    if (failed.code === "ENOENT") throw new BackupError(`${tool} was not found on PATH; install the PostgreSQL client tools`);
    const detail = (failed.stderr ?? failed.message).trim().split("\n").slice(0, 5).join("\n");
    throw new BackupError(`${tool} failed: ${detail}`);
  }
}

/** pg_dump cannot dump a newer server; say so with both versions rather than let it fail obscurely. */
async function checkDumpVersion(database: Database): Promise<string> {
  const toolVersion = await runTool("pg_dump", ["--version"], childProcessEnv());
  const server = await sql<{ server_version: string }>`show server_version`.execute(database.db);
  const serverVersion = server.rows[0]?.server_version ?? "unknown";
  const problem = pgDumpVersionProblem(toolVersion, serverVersion);
  if (problem) throw new BackupError(problem);
  return serverVersion;
}

/**
 * Dumps our schema with pg_dump in the custom format. pg_dump runs on a snapshot exported by a
 * repeatable-read transaction that stays open meanwhile, and the row counts and blob references
 * are read in that same transaction, so the manifest describes exactly the dumped data.
 */
export async function dumpPostgres(
  database: Database,
  url: string,
  dumpFile: string,
): Promise<SnapshotFacts & { schema: string; serverVersion: string }> {
  const serverVersion = await checkDumpVersion(database);
  const { dbname, env } = connectionFor(url);
  return database.db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      const exported = await sql<{ snapshot: string; schema: string | null }>`
        select pg_export_snapshot() as snapshot, current_schema() as schema`.execute(trx);
      const row = exported.rows[0];
      if (!row?.schema) throw new BackupError("The configured PostgreSQL database has no schema to back up (check its search_path)");
      await runTool(
        "pg_dump",
        ["--format=custom", `--schema=${row.schema}`, `--snapshot=${row.snapshot}`, `--file=${dumpFile}`, `--dbname=${dbname}`],
        env,
      );
      const facts = await readSnapshotFacts(trx, "postgres");
      return { ...facts, schema: row.schema, serverVersion };
    });
}

/** The schema a restore writes into: the connection's search_path, or public. */
export async function targetSchema(database: Database): Promise<string> {
  if (database.schema) return database.schema;
  const result = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(database.db);
  return result.rows[0]?.schema ?? "public";
}

async function schemaExists(database: Database, schema: string): Promise<boolean> {
  const result = await sql<{ n: number | string }>`select count(*) as n from pg_namespace where nspname = ${schema}`.execute(database.db);
  return Number(result.rows[0]?.n ?? 0) > 0;
}

export async function schemaHasTables(database: Database, schema: string): Promise<boolean> {
  const result = await sql<{ n: number | string }>`
    select count(*) as n from information_schema.tables where table_schema = ${schema}`.execute(database.db);
  return Number(result.rows[0]?.n ?? 0) > 0;
}

/**
 * Problems found before anything is touched: a backup from schema S restored into schema T is
 * restored under S and then renamed, so S must not already exist in the target database.
 */
export async function checkPostgresTarget(database: Database, sourceSchema: string): Promise<{ schema: string; hasTables: boolean }> {
  const schema = await targetSchema(database);
  if (sourceSchema !== schema && (await schemaExists(database, sourceSchema))) {
    throw new BackupError(
      `The backup was taken from schema "${sourceSchema}", which already exists in the target database; ` +
        `restore into a database without it, or into schema "${sourceSchema}" itself`,
    );
  }
  return { schema, hasTables: await schemaHasTables(database, schema) };
}

/**
 * Restores the dump so that a failure leaves the target as it was: the current schema is renamed
 * aside, pg_restore runs in one transaction, the restored schema is renamed into place, and only
 * then is the old one dropped. On failure the old schema is renamed back.
 */
export async function restorePostgres(
  database: Database,
  url: string,
  dumpFile: string,
  sourceSchema: string,
  schema: string,
  /** Runs on the restored schema before the old one is dropped; a throw puts the old one back. */
  verify: () => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  const { dbname, env } = connectionFor(url);
  const aside = `${schema}_replaced_${randomBytes(4).toString("hex")}`.slice(0, 63);
  const hadSchema = await schemaExists(database, schema);
  if (hadSchema) await sql`alter schema ${sql.id(schema)} rename to ${sql.id(aside)}`.execute(database.db);
  try {
    await runTool(
      "pg_restore",
      [
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        `--dbname=${dbname}`,
        dumpFile,
      ],
      env,
    );
    if (sourceSchema !== schema) await sql`alter schema ${sql.id(sourceSchema)} rename to ${sql.id(schema)}`.execute(database.db);
    await verify();
  } catch (error) {
    // The source schema did not exist before (checkPostgresTarget), so anything under it is ours;
    // so is the target schema now (the old one is aside, or there was none).
    if (sourceSchema !== schema) await sql`drop schema if exists ${sql.id(sourceSchema)} cascade`.execute(database.db);
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.db);
    if (hadSchema) await sql`alter schema ${sql.id(aside)} rename to ${sql.id(schema)}`.execute(database.db);
    throw error;
  }
  if (hadSchema) await sql`drop schema ${sql.id(aside)} cascade`.execute(database.db);
}
