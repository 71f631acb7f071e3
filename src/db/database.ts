import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { ensurePrivateFileSync, makePrivateDirSync } from "../storage/private-files.js";
import { Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type Transaction } from "kysely";
import pg from "pg";
import type { DatabaseConfig } from "../config.js";
import type { DatabaseSchema } from "./schema.js";

export type Db = Kysely<DatabaseSchema>;
export type Tx = Transaction<DatabaseSchema>;
/** Either the database or an open transaction: repository functions accept both. */
export type Executor = Db | Tx;
export type Dialect = "sqlite" | "postgres";

export interface Database {
  db: Db;
  dialect: Dialect;
  /** The PostgreSQL schema our tables live in, when it is not the server's default. */
  schema?: string;
  close(): Promise<void>;
}

/** How long a writer waits for a lock held by another connection before giving up. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** Opens the configured database. SQLite gets WAL, foreign keys and full fsync on commit. */
export function openDatabase(config: DatabaseConfig, options: { searchPath?: string } = {}): Database {
  switch (config.kind) {
    case "sqlite":
      return openSqlite(config.file);
    case "postgres":
      return openPostgres(config.url, options.searchPath);
  }
}

function openSqlite(file: string): Database {
  if (file !== ":memory:") {
    // Health records: the data dir is owner-only and the database file owner read/write (SQLite
    // gives its -wal and -shm files the database file's mode).
    makePrivateDirSync(path.dirname(file));
    ensurePrivateFileSync(file);
  }
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  const db = new Kysely<DatabaseSchema>({ dialect: new KeepCauseSqliteDialect(sqlite) });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

/**
 * SQLite rolls a transaction back by itself after some errors (SQLITE_FULL, some I/O errors);
 * Kysely's ROLLBACK then fails with "no transaction is active" and hides the error that mattered
 * (a full disk would show as a 500 instead of 507). This driver skips a ROLLBACK with nothing to roll back.
 */
class KeepCauseSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: SqliteDatabase.Database) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    const sqlite = this.sqlite;
    return new (class extends SqliteDriver {
      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        if (!sqlite.inTransaction) return;
        await super.rollbackTransaction(connection);
      }
    })({ database: sqlite });
  }
}

function openPostgres(url: string, searchPath: string | undefined): Database {
  // BIGINT and NUMERIC come back as strings by default; our counts and sizes fit in a double.
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
  });
  // An idle client losing its connection must not take the process down.
  pool.on("error", () => undefined);
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  const schema = searchPath ?? searchPathFromUrl(url);
  return { db, dialect: "postgres", ...(schema ? { schema } : {}), close: () => db.destroy() };
}

/** Reads `-c search_path=X` from a connection string's `options` parameter, if present. */
function searchPathFromUrl(url: string): string | undefined {
  try {
    const options = new URL(url).searchParams.get("options") ?? "";
    return /search_path=([A-Za-z_][A-Za-z0-9_]*)/.exec(options)?.[1];
  } catch {
    return undefined;
  }
}
