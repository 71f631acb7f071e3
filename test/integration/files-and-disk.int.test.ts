import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAuthSecret } from "../../src/auth/secret.js";
import { lockDataDir } from "../../src/db/data-dir-lock.js";
import { openDatabase } from "../../src/db/database.js";
import { DiskBlobStore } from "../../src/platform/storage/blob-store.js";
import { IMPORT_LIMITS } from "../../src/training/import/limits.js";
import { testDialect } from "../support/database.js";
import { buildClient, buildClientInput, buildPractice, signedIn } from "../support/factories.js";
import type { TestBrowser } from "../support/http.js";
import { buildFitRun } from "../support/runs.js";
import { startTestApp, type TestApp } from "../support/server.js";

const mode = (file: string) => fs.statSync(file).mode & 0o777;
const OCTETS = { "content-type": "application/octet-stream" };

describe("files on disk", () => {
  it("makes the data dir owner-only and the database, the secret and stored files owner read/write", async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "palpable-perms-")), "data");
    // What `palpable start` and `palpable demo` do first: lock, open the database, load the secret.
    const lock = lockDataDir(dataDir);
    const database = openDatabase({ kind: "sqlite", file: path.join(dataDir, "palpable.sqlite") });
    try {
      await sql`create table probe (x integer)`.execute(database.db);
      loadAuthSecret(dataDir, undefined);
      await new DiskBlobStore(path.join(dataDir, "blobs")).put({ practiceId: "p1" }, new Uint8Array([1, 2, 3]));
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(path.join(dataDir, "palpable.sqlite"))).toBe(0o600);
      expect(mode(path.join(dataDir, "palpable.sqlite-wal"))).toBe(0o600);
      expect(mode(path.join(dataDir, "auth-secret"))).toBe(0o600);
      expect(mode(path.join(dataDir, "blobs"))).toBe(0o700);
      const blobDir = path.join(dataDir, "blobs", "p1");
      const [shard] = fs.readdirSync(blobDir);
      const [blob] = fs.readdirSync(path.join(blobDir, shard ?? ""));
      expect(mode(path.join(blobDir, shard ?? ""))).toBe(0o700);
      expect(mode(path.join(blobDir, shard ?? "", blob ?? ""))).toBe(0o600);
    } finally {
      await database.close();
      lock.release();
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  });
});

describe("uploads", () => {
  let app: TestApp;
  let owner: TestBrowser;
  let clientId: string;
  beforeAll(async () => {
    app = await startTestApp();
    owner = await signedIn(app, (await buildPractice(app)).ownerEmail);
    clientId = await buildClient(owner);
  });
  afterAll(async () => app.close());

  it("refuses a single file past the per-file limit while it streams (413 naming the limit), keeping nothing", async () => {
    const cookie = owner
      .cookieNames()
      .map((name) => `${name}=${owner.cookie(name) ?? ""}`)
      .join("; ");
    const url = new URL(`/api/clients/${clientId}/training/uploads?name=huge.gpx`, app.url);
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(url, {
        method: "POST",
        headers: { ...OCTETS, origin: app.url, cookie },
      });
      request.on("response", (response) => {
        let body = "";
        response.on("data", (data: Buffer) => (body += data.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on("error", reject);
      // Up to twice the limit; the server answers (and stops reading) long before that.
      const write = () => {
        while (sent < 2 * IMPORT_LIMITS.maxFileBytes) {
          sent += chunk.byteLength;
          if (!request.write(chunk)) return void request.once("drain", write);
        }
        request.end();
      };
      write();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.message).toBe(
      "The file is larger than 128 MB, the limit for a single activity file (send a zip for more)",
    );
    expect(fs.readdirSync(path.join(app.db.dataDir, "tmp"))).toEqual([]);
    expect((await owner.get(`/api/clients/${clientId}/activities`)).json.activities).toEqual([]);
  });
});

/** A small tmpfs over a data-dir folder: a real full disk. Needs root (mount); skipped with a message otherwise. */
function mountFullDisk(dir: string, size: string): boolean {
  fs.mkdirSync(dir, { recursive: true });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
const canMount = process.getuid?.() === 0;
if (!canMount) console.warn("files-and-disk: not root, so the full-disk (tmpfs) tests are skipped");

describe("a full disk", () => {
  let app: TestApp;
  let owner: TestBrowser;
  let clientId: string;
  const mounted: string[] = [];
  beforeAll(async () => {
    app = await startTestApp();
    owner = await signedIn(app, (await buildPractice(app)).ownerEmail);
    clientId = await buildClient(owner);
  });
  afterAll(async () => {
    for (const dir of mounted) execFileSync("umount", [dir]);
    await app.close();
  });

  it.runIf(canMount)("answers 507 disk full for a stored file that does not fit, and leaves no partial blob", async () => {
    const blobs = path.join(app.db.dataDir, "blobs");
    expect(mountFullDisk(blobs, "16k")).toBe(true);
    mounted.push(blobs);
    const run = buildFitRun({ start: "2026-11-01T07:00:00Z" });
    expect(run.byteLength).toBeGreaterThan(16 * 1024);
    const response = await owner.request("POST", `/api/clients/${clientId}/training/uploads?name=long.fit`, run, OCTETS);
    expect(response.status).toBe(507);
    expect(response.json.error).toMatchObject({ code: "disk_full" });
    const left = fs.readdirSync(blobs, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(left).toEqual([]);
    expect((await owner.get(`/api/clients/${clientId}/activities`)).json.activities).toEqual([]);
  });

  it.runIf(canMount)("answers 507 (not 'interrupted') when the upload itself cannot be written, and keeps no partial file", async () => {
    const tmp = path.join(app.db.dataDir, "tmp");
    expect(mountFullDisk(tmp, "16k")).toBe(true);
    mounted.push(tmp);
    const response = await owner.request(
      "POST",
      `/api/clients/${clientId}/training/uploads?name=long.fit`,
      buildFitRun({ start: "2026-11-02T07:00:00Z" }),
      OCTETS,
    );
    expect(response.status).toBe(507);
    expect(response.json.error.code).toBe("disk_full");
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});

describe("when the audit log cannot be written", () => {
  let app: TestApp;
  let owner: TestBrowser;
  beforeAll(async () => {
    app = await startTestApp();
    owner = await signedIn(app, (await buildPractice(app)).ownerEmail);
  });
  afterAll(async () => app.close());

  it("refuses a read rather than serving it unaudited", async () => {
    const clientId = await buildClient(owner);
    const db = app.db.database.db;
    if (testDialect === "sqlite") {
      await sql`create trigger audit_down before insert on audit_events begin select raise(abort, 'audit log unavailable'); end`.execute(
        db,
      );
    } else {
      await sql`create function audit_down() returns trigger language plpgsql as $$ begin raise exception 'audit log unavailable'; end $$`.execute(
        db,
      );
      await sql`create trigger audit_down before insert on audit_events for each row execute function audit_down()`.execute(db);
    }
    try {
      const read = await owner.get(`/api/clients/${clientId}`);
      expect(read.status).toBe(503);
      expect(read.json.error.code).toBe("audit_unavailable");
      expect(read.text).not.toContain("Maya");
    } finally {
      await sql`drop trigger audit_down${testDialect === "postgres" ? sql` on audit_events` : sql``}`.execute(db);
    }
    expect((await owner.get(`/api/clients/${clientId}`)).status).toBe(200);
  });

  it.runIf(testDialect === "sqlite")("answers 507 disk full when SQLite is full, for writes and for audited reads", async () => {
    const clientId = await buildClient(owner);
    const db = app.db.database.db;
    const pages = await sql<{ page_count: number }>`pragma page_count`.execute(db);
    await sql.raw(`pragma max_page_count = ${pages.rows[0]?.page_count ?? 1}`).execute(db);
    try {
      // Until a write needs a page the file may no longer grow by.
      let write = await owner.post("/api/clients", buildClientInput({ notes: "x".repeat(3000) }));
      for (let i = 0; i < 20 && write.status === 201; i += 1)
        write = await owner.post("/api/clients", buildClientInput({ notes: "x".repeat(3000) }));
      expect(write.status).toBe(507);
      expect(write.json.error.code).toBe("disk_full");
      // Reads are served while their small audit rows still fit in the file's free space, then refused.
      let read = await owner.get(`/api/clients/${clientId}`);
      for (let i = 0; i < 500 && read.status === 200; i += 1) read = await owner.get(`/api/clients/${clientId}`);
      expect(read.status).toBe(507);
      expect(read.json.error.code).toBe("disk_full");
    } finally {
      await sql.raw("pragma max_page_count = 1073741823").execute(db);
    }
  });
});
