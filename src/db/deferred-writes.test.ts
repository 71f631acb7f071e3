import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./database.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "palpable-deferred-"));
  dirs.push(dir);
  return path.join(dir, "db.sqlite");
}

describe("deferred writes (SQLite)", () => {
  it("writes each key once, together, right after the current turn, and what waits when the database closes", async () => {
    const file = tempFile();
    const database = openDatabase({ kind: "sqlite", file });
    await sql`create table mark (k text not null)`.execute(database.db);
    const add = (key: string) =>
      database.deferred!.add(key, async (tx) => void (await sql`insert into mark (k) values (${key})`.execute(tx)));
    add("a");
    add("a");
    add("b");
    expect((await sql<{ n: number }>`select count(*) as n from mark`.execute(database.db)).rows[0]!.n).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect((await sql<{ k: string }>`select k from mark order by k`.execute(database.db)).rows.map((r) => r.k)).toEqual(["a", "b"]);

    add("c");
    await database.close();
    const reopened = openDatabase({ kind: "sqlite", file });
    expect((await sql<{ k: string }>`select k from mark order by k`.execute(reopened.db)).rows.map((r) => r.k)).toEqual(["a", "b", "c"]);
    await reopened.close();
  });
});
