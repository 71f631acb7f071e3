import fs from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { loadAuthSecret } from "../auth/secret.js";
import type { AppConfig } from "../platform/config.js";
import type { Database } from "../db/database.js";
import type { DatabaseSchema } from "../db/schema.js";
import type { Clock } from "../shared/clock.js";
import { hashFile, writeArchive, type ArchiveSource } from "./archive.js";
import { BackupError } from "./errors.js";
import {
  AUTH_SECRET_ENTRY,
  BACKUP_FORMAT_VERSION,
  POSTGRES_ENTRY,
  SQLITE_ENTRY,
  blobEntryName,
  palpableVersion,
  type BackupManifest,
  type ManifestEntry,
} from "./manifest.js";
import { dumpPostgres } from "./postgres.js";
import { readSnapshotFacts, type SnapshotFacts } from "./repository.js";

export interface BackupResult {
  file: string;
  manifest: BackupManifest;
}

/**
 * Writes one archive holding a consistent snapshot of the database, every blob file that
 * snapshot refers to, the auth secret file (if there is one) and a manifest with a checksum per
 * entry. Runs beside a live server: it takes no data-dir lock and only reads.
 *
 * Blob files are named by their SHA-256 and never change once written, so the set referenced by
 * the snapshot is exactly the set of files that belongs to it; files uploaded after the snapshot
 * are not referenced by it and are left out, and each copied file is checked against its name.
 * On PostgreSQL, `database` must be open on the configured database.
 */
export async function createBackup(options: {
  config: AppConfig;
  target: string;
  clock: Clock;
  database?: Database;
}): Promise<BackupResult> {
  const { config, clock } = options;
  const target = path.resolve(options.target);
  if (fs.existsSync(target)) throw new BackupError(`${target} already exists; choose a new file name for the backup`);
  if (!fs.existsSync(path.dirname(target))) throw new BackupError(`The folder ${path.dirname(target)} does not exist`);
  const work = await fs.promises.mkdtemp(path.join(path.dirname(target), ".palpable-backup-"));
  try {
    const snapshot = await snapshotDatabase(config, options.database, work);
    const sources: ArchiveSource[] = [snapshot.source];
    for (const blob of snapshot.facts.blobs) {
      sources.push({
        name: blobEntryName(blob.practiceId, blob.sha256),
        file: path.join(config.dataDir, "blobs", blob.practiceId, blob.sha256.slice(0, 2), blob.sha256),
      });
    }
    // The installation's secret signs the manifest (made now if this data dir never had one).
    const secret = loadAuthSecret(config.dataDir, config.authSecret);
    const secretFile = path.join(config.dataDir, "auth-secret");
    if (fs.existsSync(secretFile)) sources.push({ name: AUTH_SECRET_ENTRY, file: secretFile });
    const entries: ManifestEntry[] = [];
    for (const source of sources) entries.push({ name: source.name, ...(await hashSource(source)) });
    const manifest: BackupManifest = {
      formatVersion: BACKUP_FORMAT_VERSION,
      palpableVersion: palpableVersion(),
      createdAt: clock.now().toISOString(),
      databaseKind: config.database.kind,
      ...snapshot.postgres,
      migrations: snapshot.facts.migrations,
      tableRowCounts: snapshot.facts.tableRowCounts,
      ...(snapshot.facts.tableChecksums ? { tableChecksums: snapshot.facts.tableChecksums } : {}),
      blobCount: snapshot.facts.blobs.length,
      entries,
    };
    await writeArchive(target, sources, manifest, secret);
    return { file: target, manifest };
  } finally {
    await fs.promises.rm(work, { recursive: true, force: true });
  }
}

async function hashSource(source: ArchiveSource): Promise<{ sha256: string; sizeBytes: number }> {
  let hashed;
  try {
    hashed = await hashFile(source.file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new BackupError(`The database refers to the file ${source.name}, but it is missing from the data directory`);
    }
    throw error;
  }
  const expected = path.basename(source.name);
  if (source.name.startsWith("blobs/") && hashed.sha256 !== expected) {
    throw new BackupError(`The stored file ${source.name} no longer matches its checksum: it is damaged on disk`);
  }
  return hashed;
}

interface DatabaseSnapshot {
  source: ArchiveSource;
  facts: SnapshotFacts;
  postgres?: { postgresSchema: string; postgresServerVersion: string };
}

async function snapshotDatabase(config: AppConfig, database: Database | undefined, work: string): Promise<DatabaseSnapshot> {
  if (config.database.kind === "sqlite") {
    const file = path.join(work, "palpable.sqlite");
    snapshotSqlite(config.database.file, file);
    return { source: { name: SQLITE_ENTRY, file }, facts: await readSqliteFacts(file) };
  }
  if (!database) throw new Error("createBackup needs the open PostgreSQL database");
  const file = path.join(work, "palpable.pgdump");
  const dumped = await dumpPostgres(database, config.database.url, file);
  return {
    source: { name: POSTGRES_ENTRY, file },
    facts: dumped,
    postgres: { postgresSchema: dumped.schema, postgresServerVersion: dumped.serverVersion },
  };
}

/**
 * VACUUM INTO on a separate connection copies one read transaction's view of the database, so
 * it is consistent while the server keeps writing (WAL lets the server commit meanwhile).
 */
function snapshotSqlite(source: string, target: string): void {
  if (!fs.existsSync(source)) throw new BackupError(`There is no database at ${source}`);
  const connection = new SqliteDatabase(source, { fileMustExist: true });
  try {
    connection.pragma("busy_timeout = 5000");
    connection.prepare("VACUUM INTO ?").run(target);
  } finally {
    connection.close();
  }
}

/** Counts, migrations and blob references read from the copied file, not the live database. */
async function readSqliteFacts(file: string): Promise<SnapshotFacts> {
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: new SqliteDatabase(file, { readonly: true }) }) });
  try {
    return await readSnapshotFacts(db, "sqlite");
  } finally {
    await db.destroy();
  }
}
