import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { openDatabase, type Database } from "../../src/db/database.js";
import { migrateToLatest } from "../../src/db/migrate.js";
import { DiskBlobStore } from "../../src/platform/storage/blob-store.js";
import { hashLinkToken } from "../../src/platform/link-token.js";
import { benchPracticeName, benchToken, generatePractice } from "./generate.js";
import { databaseUrl, flag, key, log, option, sizes } from "./options.js";

async function adminQuery(url: string, statement: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
}

function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("options", `-c search_path=${schema}`);
  return parsed.toString();
}

/**
 * Makes the benchmark's link check-ins new again, so every run measures the same work: each GET
 * is a first opening (it writes `opened_at`) and each POST stores a first answer. A reused
 * practice would otherwise serve links opened and answered by an earlier run, which write nothing.
 * On PostgreSQL the tables are then vacuumed and analysed, as autovacuum would have done to a
 * database that grew over years rather than in minutes.
 */
async function rearmLinks(database: Database): Promise<void> {
  const db = database.db;
  const expiresAt = new Date(Date.now() + 14 * 86_400_000).toISOString();
  for (let from = 0; from < sizes.openCheckins; from += 500) {
    const hashes = Array.from({ length: Math.min(500, sizes.openCheckins - from) }, (_, k) => hashLinkToken(benchToken(from + k)));
    const ids = (await db.selectFrom("checkin").select("id").where("token_sha256", "in", hashes).execute()).map((r) => r.id);
    if (ids.length === 0) continue;
    await db.transaction().execute(async (tx) => {
      await tx.deleteFrom("checkin_answer").where("checkin_id", "in", ids).execute();
      await tx.updateTable("checkin").set({ opened_at: null, answered_at: null, expires_at: expiresAt }).where("id", "in", ids).execute();
    });
  }
  if (database.dialect === "postgres") await sql`vacuum analyze`.execute(db);
}

/** Opens (generating when needed) the benchmark practice; returns what the server needs. */
export async function preparePractice(): Promise<{ dataDir: string; env: Record<string, string>; generated: number | undefined }> {
  const dataDir = option("data-dir") ?? path.join(os.tmpdir(), `palpable-bench-practice-${databaseUrl ? "pg" : "sqlite"}-${key}`);
  const schema = option("schema") ?? `bench_practice_${key}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`--schema must be a lower-case SQL name, got "${schema}"`);
  const regenerate = flag("regenerate");
  let database: Database;
  if (databaseUrl) {
    if (regenerate) await adminQuery(databaseUrl, `drop schema if exists ${schema} cascade`);
    await adminQuery(databaseUrl, `create schema if not exists ${schema}`);
    database = openDatabase({ kind: "postgres", url: databaseUrl }, { searchPath: schema });
  } else {
    if (regenerate) fs.rmSync(dataDir, { recursive: true, force: true });
    database = openDatabase({ kind: "sqlite", file: path.join(dataDir, "palpable.sqlite") });
  }
  let generated: number | undefined;
  try {
    await migrateToLatest(database);
    const practices = await database.db.selectFrom("practice").select("name").execute();
    const ready = practices.length === 1 && practices[0]!.name === benchPracticeName(sizes);
    if (!ready) {
      if (practices.length > 0) {
        await database.close();
        throw new Error(`A half-generated benchmark practice is in the way; run again with --regenerate`);
      }
      log(`generating the practice (${JSON.stringify(sizes)})…`);
      const result = await generatePractice(database, new DiskBlobStore(path.join(dataDir, "blobs")), sizes, log);
      generated = result.seconds;
      log(`generated in ${result.seconds.toFixed(1)} s`);
    } else {
      log(`reusing the practice in ${databaseUrl ? `schema ${schema}` : dataDir}`);
    }
    await rearmLinks(database);
  } finally {
    await database.close().catch(() => undefined);
  }
  const env: Record<string, string> = { PALPABLE_DATA_DIR: dataDir };
  if (databaseUrl) env.DATABASE_URL = withSearchPath(databaseUrl, schema);
  return { dataDir, env, generated };
}

/** The busiest client, one of its sessions and activities, and the benchmark experiments. */
export async function pickIds(
  env: Record<string, string>,
): Promise<{ busyClient: string; session: string; activity: string; protocol: string; plan: string; experiments: [number, string][] }> {
  const database = env.DATABASE_URL
    ? openDatabase({ kind: "postgres", url: env.DATABASE_URL })
    : openDatabase({ kind: "sqlite", file: path.join(env.PALPABLE_DATA_DIR!, "palpable.sqlite") });
  try {
    const db = database.db;
    const busy = await db
      .selectFrom("treatment_session")
      .select(["client_id", db.fn.countAll<number>().as("n")])
      .groupBy("client_id")
      .orderBy("n", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    const session = await db
      .selectFrom("treatment_session")
      .select("id")
      .where("client_id", "=", busy.client_id)
      .orderBy("started_at", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    const activity = await db
      .selectFrom("activity")
      .select("id")
      .where("client_id", "=", busy.client_id)
      .orderBy("start_time", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    const experiments = await db.selectFrom("experiment").select(["id", "title"]).where("title", "like", "%enrolled, copy%").execute();
    const protocol = await db.selectFrom("protocol").select("id").orderBy("id").limit(1).executeTakeFirstOrThrow();
    const plan = await db.selectFrom("checkin_plan").select("id").orderBy("id").limit(1).executeTakeFirstOrThrow();
    return {
      busyClient: busy.client_id,
      session: session.id,
      activity: activity.id,
      protocol: protocol.id,
      plan: plan.id,
      experiments: experiments
        .map((e): [number, string] => [Number(/\((\d+) enrolled/.exec(e.title)?.[1] ?? 0), e.id])
        .sort((a, b) => a[0] - b[0]),
    };
  } finally {
    await database.close();
  }
}
