import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { DatabaseConfig } from "../../src/platform/config.js";
import { openDatabase, type Database } from "../../src/db/database.js";
import { migrateToLatest } from "../../src/db/migrate.js";

/** Which database the integration suite runs on: PostgreSQL when DATABASE_URL is set, else SQLite. */
export const testDialect: "sqlite" | "postgres" = process.env.DATABASE_URL ? "postgres" : "sqlite";

export interface TestDatabase {
  database: Database;
  dataDir: string;
  /** The configuration a separate process (the CLI) needs to open this same database. */
  config: DatabaseConfig;
  cleanup(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a new SQLite file in a temp dir, or a new schema
 * in the PostgreSQL database named by DATABASE_URL (dropped afterwards).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "palpable-test-"));
  const url = process.env.DATABASE_URL;
  if (!url) {
    const config: DatabaseConfig = { kind: "sqlite", file: path.join(dataDir, "palpable.sqlite") };
    const database = openDatabase(config);
    await migrateToLatest(database);
    return {
      database,
      dataDir,
      config,
      cleanup: async () => {
        await database.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const schema = `test_${randomBytes(6).toString("hex")}`;
  await adminQuery(url, `create schema ${schema}`);
  const config: DatabaseConfig = { kind: "postgres", url: withSearchPath(url, schema) };
  const database = openDatabase({ kind: "postgres", url }, { searchPath: schema });
  await migrateToLatest(database);
  return {
    database,
    dataDir,
    config,
    cleanup: async () => {
      await database.close();
      await adminQuery(url, `drop schema ${schema} cascade`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("options", `-c search_path=${schema}`);
  return parsed.toString();
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
