import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../db/database.js";
import { migrations } from "../db/migrations/index.js";
import type { TestBrowser } from "../../test/support/http.js";
import {
  buildCheckinPlan,
  buildClient,
  buildPractice,
  buildSession,
  giveCheckinConsent,
  scheduleCheckins,
  signedIn,
} from "../../test/support/factories.js";
import { buildFitRun } from "../../test/support/runs.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { PALPABLE_BIN } from "../../test/support/cli.js";
import { MANIFEST_NAME, manifestSchema, type BackupManifest } from "./manifest.js";
import { listTables, countRows } from "./repository.js";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";

const run = promisify(execFile);
const BASE_URL = process.env.DATABASE_URL;

let app: TestApp;
let owner: TestBrowser;
let work: string;
const targetDatabases: string[] = [];

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T12:00:00Z") });
  owner = await signedIn(app, (await buildPractice(app)).ownerEmail);
  work = fs.mkdtempSync(path.join(os.tmpdir(), "palpable-backup-test-"));
  const planId = await buildCheckinPlan(owner);
  for (const [index, name] of ["Ada", "Bram"].entries()) {
    const clientId = await buildClient(owner, { firstName: name });
    await giveCheckinConsent(owner, clientId);
    const sessionId = await buildSession(owner, clientId);
    await scheduleCheckins(owner, sessionId, planId);
    for (const day of [20, 22])
      await upload(clientId, `run-${day}.fit`, buildFitRun({ start: `2026-11-${day}T07:00:00Z`, seed: index * 10 + day }));
  }
});

afterAll(async () => {
  await app.close();
  fs.rmSync(work, { recursive: true, force: true });
  for (const name of targetDatabases) await adminQuery(`drop database if exists ${name} with (force)`);
});

async function upload(clientId: string, name: string, bytes: Uint8Array): Promise<void> {
  const response = await owner.request("POST", `/api/clients/${clientId}/training/uploads?name=${encodeURIComponent(name)}`, bytes, {
    "content-type": "application/octet-stream",
  });
  if (response.status !== 200 || response.json.imported !== 1) throw new Error(`upload failed: ${response.status} ${response.text}`);
}

/** Runs the real CLI against a data dir (and database URL) and returns its exit code and output. */
async function palpable(target: { dataDir: string; databaseUrl?: string }, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, PALPABLE_DATA_DIR: target.dataDir, LOG_LEVEL: "silent" };
  if (target.databaseUrl) env.DATABASE_URL = target.databaseUrl;
  else delete env.DATABASE_URL;
  try {
    const { stdout, stderr } = await run(process.execPath, [PALPABLE_BIN, ...args], { env, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function source(): { dataDir: string; databaseUrl?: string } {
  const config = app.db.config;
  return { dataDir: app.db.dataDir, ...(config.kind === "postgres" ? { databaseUrl: config.url } : {}) };
}

/** A data dir nobody has used; on PostgreSQL also a new database, restored into a schema named differently from the source's. */
async function freshTarget(): Promise<{ dataDir: string; databaseUrl?: string }> {
  const dataDir = path.join(work, `target-${randomBytes(4).toString("hex")}`);
  if (!BASE_URL) return { dataDir };
  const name = `palpable_restore_${randomBytes(4).toString("hex")}`;
  await adminQuery(`create database ${name}`);
  targetDatabases.push(name);
  const url = new URL(BASE_URL);
  url.pathname = `/${name}`;
  url.searchParams.set("options", "-c search_path=restored");
  return { dataDir, databaseUrl: url.toString() };
}

async function adminQuery(statement: string): Promise<void> {
  if (!BASE_URL) return;
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function openTarget(target: { dataDir: string; databaseUrl?: string }): Database {
  return target.databaseUrl
    ? openDatabase({ kind: "postgres", url: target.databaseUrl })
    : openDatabase({ kind: "sqlite", file: path.join(target.dataDir, "palpable.sqlite") });
}

async function rowCounts(database: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await listTables(database.db, database.dialect)) counts[table] = await countRows(database.db, table);
  return counts;
}

/** Every file under blobs/, by its path relative to the data dir, with the SHA-256 of its bytes. */
function blobFiles(dataDir: string): Record<string, string> {
  const root = path.join(dataDir, "blobs");
  if (!fs.existsSync(root)) return {};
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dataDir, full).split(path.sep).join("/")] = createHash("sha256").update(fs.readFileSync(full)).digest("hex");
  }
  return files;
}

function readManifest(file: string): Promise<BackupManifest> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName !== MANIFEST_NAME) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            zip.close();
            resolve(manifestSchema.parse(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
          });
        });
      });
      zip.readEntry();
    }),
  );
}

/** Flips one byte in the middle of an entry's stored data, found through its local file header. */
function flipByteInEntry(archive: string, entryName: string, copy: string): void {
  const bytes = fs.readFileSync(archive);
  const namePosition = bytes.indexOf(Buffer.from(entryName));
  const header = namePosition - 30;
  expect(bytes.readUInt32LE(header)).toBe(0x04034b50);
  const dataStart = namePosition + bytes.readUInt16LE(header + 26) + bytes.readUInt16LE(header + 28);
  const stored = bytes.readUInt32LE(header + 18);
  const at = dataStart + Math.floor(stored / 2);
  bytes[at] = (bytes[at] ?? 0) ^ 0xff;
  fs.writeFileSync(copy, bytes);
}

describe("palpable backup and restore", () => {
  let archive: string;
  let manifest: BackupManifest;
  let snapshotCounts: Record<string, number>;
  let restored: { dataDir: string; databaseUrl?: string };

  it("backs up while the server runs and takes a write, then restores every row and file into a fresh data dir", async () => {
    const before = await rowCounts(app.server.database);
    archive = path.join(work, "palpable-backup.zip");
    const lateClient = await buildClient(owner, { firstName: "Cleo" });
    // Uploads keep arriving for as long as the backup runs in its own process.
    let backupDone = false;
    let uploaded = 0;
    const writes = (async () => {
      while (!backupDone) {
        uploaded += 1;
        await upload(lateClient, `late-${uploaded}.fit`, buildFitRun({ start: "2026-11-25T07:00:00Z", seed: 100 + uploaded }));
      }
    })();
    const backup = await palpable(source(), "backup", archive).finally(() => {
      backupDone = true;
    });
    await writes;
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`Backup written to ${archive}`);
    const after = await rowCounts(app.server.database);
    expect(after.training_file).toBe((before.training_file ?? 0) + uploaded);

    manifest = await readManifest(archive);
    expect(manifest).toMatchObject({ formatVersion: 1, palpableVersion: "0.1.0", databaseKind: app.server.database.dialect });
    expect(manifest.migrations).toEqual(Object.keys(migrations).sort());
    snapshotCounts = manifest.tableRowCounts;
    expect(Object.keys(snapshotCounts).sort()).toEqual(Object.keys(after).sort());
    for (const [table, count] of Object.entries(snapshotCounts)) {
      expect(count).toBeGreaterThanOrEqual(before[table] ?? 0);
      expect(count).toBeLessThanOrEqual(after[table] ?? 0);
    }
    // Each upload writes its file row and its activity in one transaction: the snapshot holds both or neither.
    expect(snapshotCounts.activity).toBe(snapshotCounts.training_file);
    expect(manifest.blobCount).toBe(snapshotCounts.training_file);
    for (const entry of manifest.entries) expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.entries.map((e) => e.name)).toContain(
      app.server.database.dialect === "sqlite" ? "database/palpable.sqlite" : "database/palpable.pgdump",
    );

    restored = await freshTarget();
    const restore = await palpable(restored, "restore", archive);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`${manifest.blobCount} stored files restored`);
    expect(restore.stdout).toMatch(new RegExp(`treatment_session\\s+${snapshotCounts.treatment_session}\\n`));

    const target = openTarget(restored);
    try {
      expect(await rowCounts(target)).toEqual(snapshotCounts);
      expect((await target.db.selectFrom("client").select("first_name").orderBy("first_name").execute()).map((c) => c.first_name)).toEqual([
        "Ada",
        "Bram",
        "Cleo",
      ]);
    } finally {
      await target.close();
    }
    const sourceFiles = blobFiles(app.db.dataDir);
    const restoredFiles = blobFiles(restored.dataDir);
    expect(Object.keys(restoredFiles)).toHaveLength(manifest.blobCount);
    for (const [name, sha256] of Object.entries(restoredFiles)) {
      expect(sha256).toBe(path.basename(name));
      expect(sourceFiles[name]).toBe(sha256);
    }
    // Files uploaded after the snapshot stay out of the backup.
    expect(Object.keys(sourceFiles)).toHaveLength(after.training_file ?? 0);
  });

  it("refuses an archive with one byte changed, naming the entry, and writes nothing", async () => {
    const blob = manifest.entries.find((e) => e.name.startsWith("blobs/"));
    if (!blob) throw new Error("the backup holds no blob entry");
    const tampered = path.join(work, "tampered.zip");
    flipByteInEntry(archive, blob.name, tampered);
    const target = await freshTarget();
    const result = await palpable(target, "restore", tampered);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`palpable: The backup entry ${blob.name}`);
    expect(fs.existsSync(target.dataDir)).toBe(false);
    if (target.databaseUrl) {
      const database = openTarget(target);
      try {
        expect(await listTables(database.db, "postgres")).toEqual([]);
      } finally {
        await database.close();
      }
    }
  });

  it("refuses an archive whose manifest lists no database, so an empty database can never replace a real one", async () => {
    const hollow = path.join(work, "hollow.zip");
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(JSON.stringify({ ...manifest, entries: [] })), "manifest.json");
    zip.end();
    await pipeline(zip.outputStream, fs.createWriteStream(hollow));
    const target = await freshTarget();
    const result = await palpable(target, "restore", hollow);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("The backup holds no database");
    expect(fs.existsSync(target.dataDir)).toBe(false);
  });

  it("refuses a truncated archive", async () => {
    const truncated = path.join(work, "truncated.zip");
    const bytes = fs.readFileSync(archive);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const target = await freshTarget();
    const result = await palpable(target, "restore", truncated);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("is not a complete backup archive");
    expect(fs.existsSync(target.dataDir)).toBe(false);
  });

  it("refuses to restore over a database without --force, and replaces it with --force", async () => {
    const refused = await palpable(restored, "restore", archive);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("already has a database");
    expect(refused.stderr).toContain("--force");

    const target = openTarget(restored);
    try {
      await target.db.deleteFrom("checkin_delivery").execute();
      await target.db.deleteFrom("checkin").execute();
    } finally {
      await target.close();
    }
    const forced = await palpable(restored, "restore", archive, "--force");
    expect(forced.stderr).toBe("");
    expect(forced.code).toBe(0);
    const again = openTarget(restored);
    try {
      expect(await rowCounts(again)).toEqual(snapshotCounts);
    } finally {
      await again.close();
    }
    expect(Object.keys(blobFiles(restored.dataDir))).toHaveLength(manifest.blobCount);
    expect(fs.readdirSync(restored.dataDir).filter((name) => name.startsWith(".restore-"))).toEqual([]);
  });

  it.skipIf(BASE_URL !== undefined)("refuses to restore into a data dir a running server holds", async () => {
    const result = await palpable(source(), "restore", archive, "--force");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("stop the server before restoring");
  });

  it("names the file when none is given and explains its options", async () => {
    const missing = await palpable(source(), "backup");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Name the backup file");
    const help = await palpable(source(), "restore", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: palpable restore <file> \[--force\]/);
  });
});
