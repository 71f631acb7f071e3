import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import yauzl from "yauzl";
import yazl from "yazl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, buildPractice, buildSession, signedIn } from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { configFromEnv, type AppConfig } from "../platform/config.js";
import { openDatabase, type Database } from "../db/database.js";
import { createBackup } from "./backup.js";
import { MANIFEST_NAME, POSTGRES_ENTRY, SIGNATURE_NAME, SQLITE_ENTRY, type BackupManifest } from "./manifest.js";
import { listTables } from "./repository.js";
import { restoreBackup } from "./restore.js";
import { signManifest } from "./signature.js";

const BASE_URL = process.env.DATABASE_URL;
let app: TestApp;
let owner: TestBrowser;
let work: string;
let before: string;
let after: string;
const databases: string[] = [];
const openTargets: Database[] = [];

function sourceConfig(): AppConfig {
  return { ...configFromEnv({ PALPABLE_DATA_DIR: app.db.dataDir }, work), database: app.db.config };
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

/** An empty data dir (and, on PostgreSQL, an empty database) to restore into. */
async function freshTarget(): Promise<{ config: AppConfig; database?: Database }> {
  const dataDir = path.join(work, `target-${randomBytes(4).toString("hex")}`);
  if (!BASE_URL) return { config: configFromEnv({ PALPABLE_DATA_DIR: dataDir }, work) };
  const name = `palpable_checks_${randomBytes(4).toString("hex")}`;
  await adminQuery(`create database ${name}`);
  databases.push(name);
  const url = new URL(BASE_URL);
  url.pathname = `/${name}`;
  const config = configFromEnv({ PALPABLE_DATA_DIR: dataDir, DATABASE_URL: url.toString() }, work);
  const database = openDatabase({ kind: "postgres", url: url.toString() });
  openTargets.push(database);
  return { config, database };
}

async function readEntries(file: string): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (error, opened) => (error ? reject(error) : resolve(opened))),
  );
  await new Promise<void>((resolve, reject) => {
    zip.on("end", () => resolve());
    zip.on("error", reject);
    zip.on("entry", (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          entries.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  zip.close();
  return entries;
}

async function writeEntries(file: string, entries: Map<string, Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of entries) zip.addBuffer(bytes, name);
  zip.end();
  await pipeline(zip.outputStream, fs.createWriteStream(file));
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** Rewrites an archive: `change` edits the entries and the manifest; the manifest's checksums are recomputed to match. */
async function tamper(
  source: string,
  change: (entries: Map<string, Buffer>, manifest: BackupManifest) => void,
  resignWith?: string,
): Promise<string> {
  const entries = await readEntries(source);
  const manifest = JSON.parse(entries.get(MANIFEST_NAME)?.toString("utf8") ?? "{}") as BackupManifest;
  change(entries, manifest);
  manifest.entries = manifest.entries.map((entry) => {
    const bytes = entries.get(entry.name);
    return bytes ? { ...entry, sha256: sha256(bytes), sizeBytes: bytes.byteLength } : entry;
  });
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  entries.set(MANIFEST_NAME, Buffer.from(text));
  if (resignWith) entries.set(SIGNATURE_NAME, Buffer.from(JSON.stringify(signManifest(text, resignWith))));
  const target = path.join(work, `tampered-${randomBytes(4).toString("hex")}.zip`);
  await writeEntries(target, entries);
  return target;
}

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T12:00:00Z") });
  owner = await signedIn(app, (await buildPractice(app)).ownerEmail);
  work = fs.mkdtempSync(path.join(os.tmpdir(), "palpable-restore-checks-"));
  await buildSession(owner, await buildClient(owner, { firstName: "Ada" }));
  before = path.join(work, "before.zip");
  await createBackup({ config: sourceConfig(), target: before, clock: app.clock, database: app.db.database });
  await buildClient(owner, { firstName: "Planted" });
  after = path.join(work, "after.zip");
  await createBackup({ config: sourceConfig(), target: after, clock: app.clock, database: app.db.database });
});

afterAll(async () => {
  for (const database of openTargets) await database.close();
  await app.close();
  fs.rmSync(work, { recursive: true, force: true });
  for (const name of databases) await adminQuery(`drop database if exists ${name} with (force)`);
});

const databaseEntry = BASE_URL ? POSTGRES_ENTRY : SQLITE_ENTRY;
const secretOfSource = () => fs.readFileSync(path.join(app.db.dataDir, "auth-secret"), "utf8").trim();

describe("restore checks the backup before it replaces anything", () => {
  it("restores an untouched, signed backup", async () => {
    const target = await freshTarget();
    const result = await restoreBackup({
      config: target.config,
      source: before,
      force: false,
      ...(target.database ? { database: target.database } : {}),
    });
    expect(result.signatureKey).toBe("archive");
    expect(result.tableRowCounts.client).toBe(1);
  });

  it("refuses a backup whose database was swapped and whose manifest was recomputed to match", async () => {
    const swapped = await readEntries(after);
    const forged = await tamper(before, (entries, manifest) => {
      entries.set(databaseEntry, swapped.get(databaseEntry) as Buffer);
      manifest.tableRowCounts = { ...manifest.tableRowCounts, client: 2 };
    });
    const target = await freshTarget();
    await expect(
      restoreBackup({ config: target.config, source: forged, force: false, ...(target.database ? { database: target.database } : {}) }),
    ).rejects.toThrow("The backup's manifest does not match its signature");
    expect(fs.existsSync(path.join(target.config.dataDir, "blobs"))).toBe(false);
  });

  it("refuses a backup signed by another installation's key when restoring over this one", async () => {
    const foreign = await tamper(before, () => undefined, "another-installation-secret-0123456789abcdef");
    const target = await freshTarget();
    fs.mkdirSync(target.config.dataDir, { recursive: true });
    fs.writeFileSync(path.join(target.config.dataDir, "auth-secret"), `${secretOfSource()}\n`);
    await expect(
      restoreBackup({ config: target.config, source: foreign, force: true, ...(target.database ? { database: target.database } : {}) }),
    ).rejects.toThrow(/signed with another key/);
  });

  it.skipIf(BASE_URL !== undefined)("refuses a SQLite database that fails PRAGMA integrity_check, even when signed", async () => {
    const corrupt = await tamper(
      before,
      (entries) => {
        const bytes = Buffer.from(entries.get(SQLITE_ENTRY) as Buffer);
        const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
        // Scribble over the b-tree page headers of a few pages past the schema page.
        for (let page = 3; page < Math.min(8, bytes.length / pageSize); page += 1) bytes.fill(0x07, page * pageSize, page * pageSize + 12);
        entries.set(SQLITE_ENTRY, bytes);
      },
      secretOfSource(),
    );
    const target = await freshTarget();
    await expect(restoreBackup({ config: target.config, source: corrupt, force: false })).rejects.toThrow(
      /fails SQLite's integrity check|cannot be read as SQLite/,
    );
    expect(fs.existsSync(path.join(target.config.dataDir, "palpable.sqlite"))).toBe(false);
  });

  it.skipIf(BASE_URL === undefined)(
    "refuses a PostgreSQL restore whose tables do not match the manifest's checksums, and keeps nothing",
    async () => {
      const wrong = await tamper(
        before,
        (_entries, manifest) => {
          manifest.tableChecksums = { ...manifest.tableChecksums, client: "0".repeat(32) };
        },
        secretOfSource(),
      );
      const target = await freshTarget();
      const database = target.database as Database;
      await expect(restoreBackup({ config: target.config, source: wrong, force: false, database })).rejects.toThrow(
        "does not match the backup's checksums for: client",
      );
      expect(await listTables(database.db, "postgres")).toEqual([]);
    },
  );
});
