/** The measured half of bench/import.ts: imports one export zip into a fresh data dir. */
import path from "node:path";
import { createPracticeWithOwner } from "../src/practices/service.js";
import { createClient } from "../src/clients/service.js";
import { openDatabase } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { systemClock } from "../src/shared/clock.js";
import { DiskBlobStore } from "../src/platform/storage/blob-store.js";
import { importUpload } from "../src/training/import-upload.js";

const [zipPath, dataDir] = process.argv.slice(2);
if (!zipPath || !dataDir) throw new Error("usage: import-child.ts <zip> <dataDir>");
const database = openDatabase({ kind: "sqlite", file: path.join(dataDir, "palpable.sqlite") });
await migrateToLatest(database);
const { practiceId } = await createPracticeWithOwner(database, systemClock, {
  practiceName: "Bench",
  owner: { name: "Bench", email: "bench@example.test", role: "owner", password: "five-years-of-running-42" },
  onlyIfFirst: true,
});
const scope = { practiceId };
const client = await createClient({ database, clock: systemClock }, scope, {
  firstName: "Five",
  lastName: "Years",
  email: undefined,
  phone: undefined,
  notes: undefined,
});
const deps = { database, clock: systemClock, blobs: new DiskBlobStore(path.join(dataDir, "blobs")) };
const started = performance.now();
const cpuBefore = process.cpuUsage();
const report = await importUpload(deps, scope, client.id, { path: zipPath, name: path.basename(zipPath) });
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
await database.close();
process.send?.({
  ms,
  imported: report.imported,
  rejected: report.rejected,
  duplicates: report.duplicates,
  maxRssKb: process.resourceUsage().maxRSS,
  cpuMs: (cpu.user + cpu.system) / 1000,
});
