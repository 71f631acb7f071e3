import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { testDialect } from "../../test/support/database.js";
import { silentLogger } from "../shared/logger.js";
import { openDatabase, type Database } from "./database.js";
import { BACKSTOP_AUTOCHECKPOINT_PAGES, checkpointInBackground, SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES } from "./wal-checkpointer.js";

const autocheckpoint = async (database: Database) =>
  (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(database.db)).rows[0]!.wal_autocheckpoint;

describe.runIf(testDialect === "sqlite")("WAL checkpoints in a worker thread", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function fixture(): Promise<{ database: Database; file: string; dir: string }> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "palpable-wal-"));
    dirs.push(dir);
    const file = path.join(dir, "palpable.sqlite");
    const database = openDatabase({ kind: "sqlite", file });
    await sql`create table note (id integer primary key, body text not null)`.execute(database.db);
    return { database, file, dir };
  }

  it("copies committed pages into the database file while the server's connection stops checkpointing", async () => {
    const { database, file, dir } = await fixture();
    // A long interval: only the checkpoints asked for here run.
    const checkpointer = checkpointInBackground(database, file, silentLogger(), { everyMs: 3_600_000, startAfterMs: 0 })!;
    try {
      await checkpointer.checkpointNow();
      expect(await autocheckpoint(database)).toBe(BACKSTOP_AUTOCHECKPOINT_PAGES);
      // ~2,000 pages: past SQLite's own 1,000-page checkpoint, which no longer runs on this connection.
      await database.db.transaction().execute(async (tx) => {
        for (let i = 0; i < 2000; i++) await sql`insert into note (body) values (${"x".repeat(3000)})`.execute(tx);
      });
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(2000 * 3000);
      // The database file alone, copied without its log, does not hold the notes yet.
      const beforeCopy = path.join(dir, "before.sqlite");
      fs.copyFileSync(file, beforeCopy);
      expect((new SqliteDatabase(beforeCopy, { readonly: true }).prepare("select count(*) as n from note").get() as { n: number }).n).toBe(
        0,
      );

      const report = await checkpointer.checkpointNow();
      expect(report.busy).toBe(false);
      expect(report.logPages).toBeGreaterThan(1000);
      expect(report.checkpointedPages).toBe(report.logPages);
      // Now it does: the pages reached the database file.
      const afterCopy = path.join(dir, "after.sqlite");
      fs.copyFileSync(file, afterCopy);
      expect((new SqliteDatabase(afterCopy, { readonly: true }).prepare("select count(*) as n from note").get() as { n: number }).n).toBe(
        2000,
      );
    } finally {
      await checkpointer.close();
    }
    // Stopped, the server's connection checkpoints on its own again.
    expect(await autocheckpoint(database)).toBe(SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES);
    await database.close();
  });

  it("lets the server read and write while a checkpoint runs", async () => {
    const { database, file } = await fixture();
    const checkpointer = checkpointInBackground(database, file, silentLogger(), { everyMs: 1, startAfterMs: 0 })!;
    try {
      await checkpointer.checkpointNow();
      // Checkpoints every millisecond in the other thread, commits here: none waits for the other.
      for (let i = 0; i < 300; i++) await sql`insert into note (body) values (${`note ${i}`})`.execute(database.db);
      const { rows } = await sql<{ n: number }>`select count(*) as n from note`.execute(database.db);
      expect(rows[0]!.n).toBe(300);
      const report = await checkpointer.checkpointNow();
      expect(report.error).toBeUndefined();
      expect(report.checkpointedPages).toBe(report.logPages);
    } finally {
      await checkpointer.close();
      await database.close();
    }
  });

  it("is not started for an in-memory database, which has no log", () => {
    const database = openDatabase({ kind: "sqlite", file: ":memory:" });
    expect(checkpointInBackground(database, ":memory:", silentLogger())).toBeUndefined();
    return database.close();
  });
});
