import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";
import type { Database } from "./database.js";
import { migrations } from "./migrations/index.js";
import { columnTypes } from "./migrations/types.js";

/** Brings the schema up to date. Runs at start-up and in test setup; forward-only. */
export async function migrateToLatest(database: Database): Promise<{ applied: string[] }> {
  const types = columnTypes(database.dialect);
  const provider: MigrationProvider = {
    getMigrations: () =>
      Promise.resolve(
        Object.fromEntries(
          Object.entries(migrations).map(([name, m]): [string, Migration] => [name, { up: (db: Kysely<unknown>) => m.up(db, types) }]),
        ),
      ),
  };
  const migrator = new Migrator({
    db: database.db,
    provider,
    migrationTableName: "schema_migration",
    migrationLockTableName: "schema_migration_lock",
    // Migrations are independent of each other's order within a day's work; one that sorts before
    // an applied one (written at the same time on another line of work) still runs, once.
    allowUnorderedMigrations: true,
    // Kysely looks for its own tables in any schema unless told which one is ours.
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`Database migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName) };
}
