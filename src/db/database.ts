import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { ensurePrivateFileSync, makePrivateDirSync } from "../platform/storage/private-files.js";
import { Kysely, PostgresDialect, sql, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type Transaction } from "kysely";
import pg from "pg";
import type { DatabaseConfig } from "../platform/config.js";
import type { DatabaseSchema } from "./schema.js";
import { DeferredWrites } from "./deferred-writes.js";
import type { Logger } from "../shared/logger.js";
import { loggableError } from "../shared/loggable-error.js";

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
  /**
   * Refreshes the planner's statistics where they are missing or stale: SQLite's `PRAGMA optimize`;
   * on PostgreSQL an ANALYZE of the tables autovacuum has not analysed (it may be switched off).
   */
  optimize?: () => Promise<void>;
  /**
   * SQLite: after how many log pages a commit on this connection checkpoints the write-ahead log
   * (db/wal-checkpointer.ts moves checkpoints to a worker thread and raises it to a backstop).
   */
  setWalAutocheckpoint?: (pages: number) => void;
  /**
   * SQLite: bookkeeping writes made just after the requests that cause them, several in one commit
   * (db/deferred-writes.ts); closing the database writes what is waiting. Absent on PostgreSQL.
   */
  deferred?: DeferredWrites;
}

/** How long a writer waits for a lock held by another connection before giving up. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** How often a long-running server refreshes planner statistics (`PRAGMA optimize`, ANALYZE of stale tables). */
const SQLITE_OPTIMIZE_EVERY_MS = 60 * 60 * 1000;
/** Prepared statements kept per SQLite connection, by SQL text, least recently used dropped first. */
const SQLITE_STATEMENT_CACHE = 500;

/**
 * Opens the configured database. SQLite gets WAL with `synchronous=NORMAL` (see
 * docs/DECISIONS.md), foreign keys, a prepared-statement cache and planner statistics refreshed at
 * open and every hour.
 */
export function openDatabase(
  config: DatabaseConfig,
  options: {
    searchPath?: string;
    readonly?: boolean;
    /** PostgreSQL: most connections at once (10). */ poolSize?: number;
    /** Where a failed deferred write is reported (without its data). */
    logger?: Pick<Logger, "error">;
  } = {},
): Database {
  switch (config.kind) {
    case "sqlite":
      return options.readonly ? openSqliteReader(config.file) : openSqlite(config.file, options.logger);
    case "postgres":
      return openPostgres(config.url, options.searchPath, options.poolSize ?? 10);
  }
}

function openSqlite(file: string, logger?: Pick<Logger, "error">): Database {
  if (file !== ":memory:") {
    // Health records: the data dir is owner-only and the database file owner read/write (SQLite
    // gives its -wal and -shm files the database file's mode).
    makePrivateDirSync(path.dirname(file));
    ensurePrivateFileSync(file);
  }
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // In WAL mode NORMAL never corrupts the database; a power cut can lose the last commits, not an
  // application crash (docs/DECISIONS.md).
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  // ANALYZE reads a sample of each index rather than all of it, so it stays quick on big tables.
  sqlite.pragma("analysis_limit = 1000");
  const db = new Kysely<DatabaseSchema>({ dialect: new KeepCauseSqliteDialect(sqlite) });
  const optimizer = setInterval(() => optimizeSqlite(sqlite), SQLITE_OPTIMIZE_EVERY_MS);
  optimizer.unref();
  const deferred = new DeferredWrites(db, (error, count) => {
    const err = loggableError(error);
    if (logger) logger.error({ count, err }, "deferred writes not recorded");
    else process.emitWarning(`${count} deferred writes not recorded (${err.name}${err.code ? ` ${err.code}` : ""})`);
  });
  return {
    db,
    dialect: "sqlite",
    deferred,
    close: async () => {
      clearInterval(optimizer);
      await deferred.drain();
      if (sqlite.open) optimizeSqlite(sqlite);
      return db.destroy();
    },
    optimize: () => Promise.resolve(optimizeSqlite(sqlite, { atStart: true })),
    setWalAutocheckpoint: (pages) => {
      if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${Math.trunc(pages)}`);
    },
  };
}

/**
 * A second, read-only connection to a SQLite file the server already has open (WAL lets it read
 * while the server writes): for heavy reads in a worker thread (app/heavy-reads.ts), so they
 * never hold up the server's own connection or its event loop.
 */
function openSqliteReader(file: string): Database {
  const sqlite = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  const db = new Kysely<DatabaseSchema>({ dialect: new KeepCauseSqliteDialect(sqlite) });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

/**
 * Refreshes the query planner's statistics where they are missing or stale. Without them SQLite
 * can pick a poor index on a large table (a client's check-ins through the practice's due-time
 * index). At start `0x10002` also analyses tables never analysed; later runs are cheap no-ops
 * when little has changed.
 */
export function optimizeSqlite(sqlite: SqliteDatabase.Database, options: { atStart?: boolean } = {}): void {
  try {
    sqlite.pragma(options.atStart ? "optimize = 0x10002" : "optimize");
  } catch {
    // Busy or read-only: the statistics wait for the next run.
  }
}

/** better-sqlite3 behind Kysely's SQLite dialect, with each statement prepared once and reused. */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = (source: string): SqliteDatabase.Statement => {
    const cached = cache.get(source);
    // A statement still iterating (a streamed query) cannot run again until it finishes.
    if (cached && !cached.busy) {
      cache.delete(source);
      cache.set(source, cached);
      return cached;
    }
    const statement = sqlite.prepare(source);
    if (!cached) {
      cache.set(source, statement);
      if (cache.size > SQLITE_STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
    }
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === "prepare") return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * SQLite rolls a transaction back by itself after some errors (SQLITE_FULL, some I/O errors);
 * Kysely's ROLLBACK then fails with "no transaction is active" and hides the error that mattered
 * (a full disk would show as a 500 instead of 507). This driver skips a ROLLBACK with nothing to roll back.
 */
class KeepCauseSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: SqliteDatabase.Database) {
    super({ database: withStatementCache(sqlite) });
  }

  override createDriver(): Driver {
    const sqlite = this.sqlite;
    return new (class extends SqliteDriver {
      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        if (!sqlite.inTransaction) return;
        await super.rollbackTransaction(connection);
      }
    })({ database: withStatementCache(sqlite) });
  }
}

function openPostgres(url: string, searchPath: string | undefined, poolSize: number): Database {
  // BIGINT and NUMERIC come back as strings by default; our counts and sizes fit in a double.
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
  });
  // An idle client losing its connection must not take the process down.
  pool.on("error", () => undefined);
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  const schema = searchPath ?? searchPathFromUrl(url);
  const analyser = setInterval(() => void analyseStaleTables(db), SQLITE_OPTIMIZE_EVERY_MS);
  analyser.unref();
  return {
    db,
    dialect: "postgres",
    ...(schema ? { schema } : {}),
    close: () => {
      clearInterval(analyser);
      return db.destroy();
    },
    optimize: () => analyseStaleTables(db),
  };
}

/**
 * ANALYZE for our tables whose statistics are missing or stale by autovacuum's own rule (more than
 * 50 rows + 10% changed since the last analysis). Autovacuum normally does this, but it can be
 * switched off, and a table loaded in bulk (an import, a restored backup) waits for its next round:
 * without statistics every `practice_id = …` looks selective, and the planner intersects the
 * practice-wide index with the right one, reading the whole practice for one check-in.
 */
async function analyseStaleTables(db: Kysely<DatabaseSchema>): Promise<void> {
  try {
    const stale = await sql<{ relname: string }>`select relname from pg_stat_user_tables
      where schemaname = current_schema() and n_mod_since_analyze > 50 + 0.1 * greatest(n_live_tup, 0)`.execute(db);
    for (const { relname } of stale.rows) await sql`analyze ${sql.table(relname)}`.execute(db);
  } catch {
    // Busy or not permitted: the statistics wait for the next round.
  }
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
