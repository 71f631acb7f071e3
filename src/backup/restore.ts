import fs from "node:fs";
import path from "node:path";
import type { AppConfig } from "../platform/config.js";
import { DataDirLockedError, lockDataDir } from "../db/data-dir-lock.js";
import { openDatabase, type Database } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { migrations } from "../db/migrations/index.js";
import SqliteDatabase from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { DatabaseSchema } from "../db/schema.js";
import { openVerifiedArchive, type VerifiedArchive } from "./archive.js";
import { keyId, manifestSignatureMatches } from "./signature.js";
import { BackupError } from "./errors.js";
import { AUTH_SECRET_ENTRY, POSTGRES_ENTRY, SQLITE_ENTRY, isBlobEntry, type BackupManifest } from "./manifest.js";
import { checkPostgresTarget, restorePostgres } from "./postgres.js";
import { countRows, listTables, readSnapshotFacts, tableChecksum } from "./repository.js";
import { makePrivateDir } from "../platform/storage/private-files.js";

export interface RestoreResult {
  manifest: BackupManifest;
  /** Migrations run after the restore (a backup from an older version is brought forward). */
  migrated: string[];
  tableRowCounts: Record<string, number>;
  filesRestored: number;
  /**
   * Which key checked the manifest's signature: the installation's own (PALPABLE_SECRET or the
   * data dir's secret), or, on a data dir without one, the secret inside the archive.
   */
  signatureKey: "installation" | "archive";
}

/**
 * Restores an archive into the configured data dir (and, on PostgreSQL, the configured
 * database). Every entry is checked against the manifest before anything is written; the files
 * are unpacked into a staging folder inside the data dir and renamed into place only when all is
 * ready, so a failure leaves the target as it was. On PostgreSQL, `database` must be open on the
 * target database.
 */
export async function restoreBackup(options: {
  config: AppConfig;
  source: string;
  force: boolean;
  database?: Database;
}): Promise<RestoreResult> {
  const { config, force } = options;
  const source = path.resolve(options.source);
  if (!fs.existsSync(source)) throw new BackupError(`There is no backup file at ${source}`);
  const archive = await openVerifiedArchive(source);
  const { manifest } = archive;
  checkCompatible(manifest, config);
  const signatureKey = await checkSignature(archive, config);
  const postgresTarget =
    config.database.kind === "postgres"
      ? await checkPostgresTarget(requireDatabase(options.database), manifest.postgresSchema ?? "public")
      : undefined;
  const lock = claimDataDir(config.dataDir);
  try {
    const hasDatabase = postgresTarget ? postgresTarget.hasTables : fs.existsSync(sqliteFile(config));
    if (!force && (hasDatabase || hasFiles(path.join(config.dataDir, "blobs")))) {
      throw new BackupError(
        `The data directory ${config.dataDir} already has a database or stored files; restore with --force to replace them`,
      );
    }
    const staging = await fs.promises.mkdtemp(path.join(config.dataDir, ".restore-"));
    try {
      await archive.extractTo(staging);
      await makePrivateDir(path.join(staging, "blobs"));
      const moves: [string, string][] = [[path.join(staging, "blobs"), path.join(config.dataDir, "blobs")]];
      if (fs.existsSync(path.join(staging, AUTH_SECRET_ENTRY))) {
        moves.push([path.join(staging, AUTH_SECRET_ENTRY), path.join(config.dataDir, "auth-secret")]);
      }
      let migrated: string[];
      let tableRowCounts: Record<string, number>;
      if (postgresTarget) {
        const database = requireDatabase(options.database);
        const url = config.database.kind === "postgres" ? config.database.url : "";
        await restorePostgres(
          database,
          url,
          path.join(staging, ...POSTGRES_ENTRY.split("/")),
          manifest.postgresSchema ?? "public",
          postgresTarget.schema,
          // Before the old schema is dropped: the restored tables must hold exactly what was backed up.
          () => verifyRestoredPostgres(database, manifest),
        );
        migrated = (await migrateToLatest(database)).applied;
        tableRowCounts = (await readSnapshotFacts(database.db, "postgres")).tableRowCounts;
      } else {
        const staged = path.join(staging, ...SQLITE_ENTRY.split("/"));
        await verifyStagedSqlite(staged, manifest);
        ({ migrated, tableRowCounts } = await migrateStagedSqlite(staged));
        moves.unshift([staged, sqliteFile(config)]);
      }
      checkRowCounts(manifest, tableRowCounts);
      await swapIntoPlace(moves, staging, sqliteSidecars(config));
      return {
        manifest,
        migrated,
        tableRowCounts,
        filesRestored: manifest.entries.filter((e) => isBlobEntry(e.name)).length,
        signatureKey,
      };
    } finally {
      await fs.promises.rm(staging, { recursive: true, force: true });
    }
  } finally {
    lock.release();
  }
}

/** Every table must hold at least the rows the backup counted: fewer means the copy is not the one the manifest describes. */
function checkRowCounts(manifest: BackupManifest, restored: Record<string, number>): void {
  const short = Object.entries(manifest.tableRowCounts).filter(([table, count]) => (restored[table] ?? 0) < count);
  if (short.length > 0) {
    const list = short.map(([table, count]) => `${table} (${restored[table] ?? 0} of ${count})`).join(", ");
    throw new BackupError(`The restored database has fewer rows than the backup's manifest lists: ${list}`);
  }
}

function checkCompatible(manifest: BackupManifest, config: AppConfig): void {
  if (manifest.databaseKind !== config.database.kind) {
    const wanted = manifest.databaseKind === "postgres" ? "set DATABASE_URL to a PostgreSQL database" : "unset DATABASE_URL";
    throw new BackupError(
      `This backup holds a ${manifest.databaseKind} database but Palpable is configured for ${config.database.kind}; ${wanted}`,
    );
  }
  const unknown = manifest.migrations.filter((name) => !(name in migrations));
  if (unknown.length > 0) {
    throw new BackupError(
      `This backup was made by a newer Palpable (${manifest.palpableVersion}) with migrations this version does not know: ${unknown.join(", ")}`,
    );
  }
}

function claimDataDir(dataDir: string) {
  try {
    return lockDataDir(dataDir);
  } catch (error) {
    if (error instanceof DataDirLockedError) throw new BackupError(`${error.message} (stop the server before restoring)`);
    throw error;
  }
}

function requireDatabase(database: Database | undefined): Database {
  if (!database) throw new Error("restoreBackup needs the open PostgreSQL database");
  return database;
}

function sqliteFile(config: AppConfig): string {
  return config.database.kind === "sqlite" ? config.database.file : path.join(config.dataDir, "palpable.sqlite");
}

/** The old database's WAL and shared-memory files must not sit beside the restored one. */
function sqliteSidecars(config: AppConfig): string[] {
  if (config.database.kind !== "sqlite") return [];
  return [`${config.database.file}-wal`, `${config.database.file}-shm`];
}

function hasFiles(directory: string): boolean {
  try {
    return fs.readdirSync(directory, { recursive: true, withFileTypes: true }).some((e) => e.isFile());
  } catch {
    return false;
  }
}

/** Brings the staged copy up to this version's schema before it replaces anything. */
async function migrateStagedSqlite(file: string): Promise<{ migrated: string[]; tableRowCounts: Record<string, number> }> {
  const database = openDatabase({ kind: "sqlite", file });
  try {
    const { applied } = await migrateToLatest(database);
    const { tableRowCounts } = await readSnapshotFacts(database.db, "sqlite");
    return { migrated: applied, tableRowCounts };
  } finally {
    await database.close();
  }
}

/**
 * Moves whatever is at each target aside, then the staged files in. If a rename fails, the
 * targets are put back; the old files are deleted only after every new one is in place.
 */
async function swapIntoPlace(moves: [string, string][], staging: string, obsolete: string[]): Promise<void> {
  const aside = path.join(staging, "replaced");
  await fs.promises.mkdir(aside);
  const movedAside: [string, string][] = [];
  const placed: string[] = [];
  try {
    for (const [index, target] of [...moves.map(([, t]) => t), ...obsolete].entries()) {
      if (!fs.existsSync(target)) continue;
      const parked = path.join(aside, String(index));
      await fs.promises.rename(target, parked);
      movedAside.push([parked, target]);
    }
    for (const [from, to] of moves) {
      await fs.promises.rename(from, to);
      placed.push(to);
    }
  } catch (error) {
    for (const target of placed) await fs.promises.rm(target, { recursive: true, force: true });
    for (const [parked, target] of movedAside) await fs.promises.rename(parked, target);
    throw error;
  }
}

/**
 * The manifest must match its signature. The key is this installation's secret when it has one
 * (PALPABLE_SECRET, or the target data dir's auth-secret); a brand-new data dir has none, so the
 * archive's own secret is used, which shows the archive is as it was written but cannot show who
 * wrote it.
 */
async function checkSignature(archive: VerifiedArchive, config: AppConfig): Promise<"installation" | "archive"> {
  if (!archive.signature) {
    throw new BackupError("This backup has no manifest signature (manifest.sig), so it cannot be shown to be unaltered; make a new backup");
  }
  const own = config.authSecret ?? readSecretFile(path.join(config.dataDir, "auth-secret"));
  const key = own ?? (await archive.readSmallEntry(AUTH_SECRET_ENTRY))?.trim();
  if (!key) {
    throw new BackupError("This backup was signed with PALPABLE_SECRET; set PALPABLE_SECRET to the same value to restore it");
  }
  if (!manifestSignatureMatches(archive.manifestText, archive.signature, key)) {
    const whose =
      own && archive.signature.keyId !== keyId(own)
        ? ` It was signed with another key (${archive.signature.keyId}, this installation's is ${keyId(own)}): restore another installation's backup into an empty data dir, or with its PALPABLE_SECRET.`
        : "";
    throw new BackupError(`The backup's manifest does not match its signature: the archive was changed after it was made.${whose}`);
  }
  return own ? "installation" : "archive";
}

function readSecretFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

/** SQLite's own integrity check and the manifest's row counts, on the staged copy before it is migrated or moved. */
async function verifyStagedSqlite(file: string, manifest: BackupManifest): Promise<void> {
  let problems: string[];
  let counts: Record<string, number>;
  let connection: SqliteDatabase.Database | undefined;
  try {
    connection = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    problems = (connection.pragma("integrity_check") as { integrity_check: string }[]).map((row) => row.integrity_check);
    const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: connection }) });
    counts = problems.length === 1 && problems[0] === "ok" ? (await readSnapshotFacts(db, "sqlite")).tableRowCounts : {};
  } catch (error) {
    throw new BackupError(`The backup's database cannot be read as SQLite (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    connection?.close();
  }
  if (problems.length !== 1 || problems[0] !== "ok") {
    throw new BackupError(`The backup's database fails SQLite's integrity check: ${problems.slice(0, 3).join("; ")}`);
  }
  checkExactCounts(manifest, counts);
}

/** PostgreSQL: exact row counts and a checksum per table against the manifest, before the old schema goes. */
async function verifyRestoredPostgres(database: Database, manifest: BackupManifest): Promise<void> {
  const tables = await listTables(database.db, "postgres");
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = await countRows(database.db, table);
  checkExactCounts(manifest, counts);
  if (!manifest.tableChecksums)
    throw new BackupError("The backup's manifest has no table checksums to check the restored database against");
  const differing: string[] = [];
  for (const [table, checksum] of Object.entries(manifest.tableChecksums)) {
    if ((await tableChecksum(database.db, table)) !== checksum) differing.push(table);
  }
  if (differing.length > 0) {
    throw new BackupError(`The restored database does not match the backup's checksums for: ${differing.join(", ")}; nothing was replaced`);
  }
}

function checkExactCounts(manifest: BackupManifest, restored: Record<string, number>): void {
  const wrong = Object.entries(manifest.tableRowCounts).filter(([table, count]) => restored[table] !== count);
  if (wrong.length > 0) {
    const list = wrong.map(([table, count]) => `${table} (${restored[table] ?? "missing"} rows, the manifest says ${count})`).join(", ");
    throw new BackupError(`The backup's database does not hold the rows its manifest lists: ${list}`);
  }
}
