import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Migrator, type Kysely, type Migration } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configFromEnv } from "../platform/config.js";
import { openDatabase } from "../db/database.js";
import { migrations } from "../db/migrations/index.js";
import { columnTypes } from "../db/migrations/types.js";
import { fixedClock } from "../shared/clock.js";
import { createBackup } from "./backup.js";
import { BackupError } from "./errors.js";
import { restoreBackup } from "./restore.js";

/** The first migrations only: the database as an older release of Palpable left it. */
const OLDER = Object.keys(migrations).sort().slice(0, 5);

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "palpable-backup-older-"));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function migration(name: string) {
  const found = migrations[name];
  if (!found) throw new Error(`no migration ${name}`);
  return found;
}

function sqliteConfig(dataDir: string) {
  return configFromEnv({ PALPABLE_DATA_DIR: dataDir }, work);
}

describe("restoring a backup made by an older version", () => {
  it("migrates the restored database forward and reports the migrations it ran", async () => {
    const olderDir = path.join(work, "older");
    const config = sqliteConfig(olderDir);
    const database = openDatabase(config.database);
    try {
      const types = columnTypes("sqlite");
      const migrator = new Migrator({
        db: database.db,
        migrationTableName: "schema_migration",
        migrationLockTableName: "schema_migration_lock",
        provider: {
          getMigrations: () =>
            Promise.resolve(
              Object.fromEntries(
                OLDER.map((name): [string, Migration] => [name, { up: (db: Kysely<unknown>) => migration(name).up(db, types) }]),
              ),
            ),
        },
      });
      const { error } = await migrator.migrateToLatest();
      expect(error).toBeUndefined();
    } finally {
      await database.close();
    }

    const archive = path.join(work, "older.zip");
    const { manifest } = await createBackup({ config, target: archive, clock: fixedClock(new Date("2026-11-28T12:00:00Z")) });
    expect(manifest.migrations).toEqual(OLDER);
    expect(manifest.createdAt).toBe("2026-11-28T12:00:00.000Z");
    expect(manifest.tableRowCounts.schema_migration).toBe(OLDER.length);

    const restored = await restoreBackup({ config: sqliteConfig(path.join(work, "restored")), source: archive, force: false });
    expect(restored.migrated).toEqual(Object.keys(migrations).sort().slice(OLDER.length));
    expect(restored.tableRowCounts.schema_migration).toBe(Object.keys(migrations).length);
    expect(restored.tableRowCounts).toHaveProperty("treatment_session", 0);
    expect(restored.filesRestored).toBe(0);
  });

  it("refuses a backup of the other kind of database, before writing anything", async () => {
    const dataDir = path.join(work, "newer");
    const config = sqliteConfig(path.join(work, "older"));
    const archive = path.join(work, "again.zip");
    await createBackup({ config, target: archive, clock: fixedClock(new Date("2026-11-28T12:00:00Z")) });
    const postgresConfig = { ...sqliteConfig(dataDir), database: { kind: "postgres" as const, url: "postgres://nobody@127.0.0.1:1/none" } };
    await expect(restoreBackup({ config: postgresConfig, source: archive, force: false })).rejects.toThrow(BackupError);
    await expect(restoreBackup({ config: postgresConfig, source: archive, force: false })).rejects.toThrow(
      "This backup holds a sqlite database but Palpable is configured for postgres",
    );
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
