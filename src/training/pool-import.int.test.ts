import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, buildPractice, signedIn } from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { buildFitRun } from "../../test/support/runs.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { buildZip, gzip } from "../../test/support/zip.js";
import { DiskBlobStore } from "../platform/storage/blob-store.js";
import { IN_THREAD_FIRST_FILES } from "./import/analysis-pool.js";
import { reprocessPractice } from "./reprocess.js";
import { WORKOUTS } from "./synthetic-run.js";

let app: TestApp;
let owner: TestBrowser;
let practiceId: string;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T12:00:00Z") });
  const practice = await buildPractice(app);
  practiceId = practice.practiceId;
  owner = await signedIn(app, practice.ownerEmail);
});
afterAll(async () => app.close());

const WEEKS = [WORKOUTS.easy(8), WORKOUTS.intervals(6), WORKOUTS.hillRepeats(5), WORKOUTS.easy(6), WORKOUTS.long(20)];
/** Enough runs that a zip of them goes past the files analysed on the main thread, onto the workers. */
const RUNS = Array.from({ length: IN_THREAD_FIRST_FILES + 7 }, (_, i) => ({
  name: `activities/${100 + i}.fit.gz`,
  bytes: buildFitRun({ start: `2026-10-${String(i * 2 + 1).padStart(2, "0")}T07:00:00Z`, segments: WEEKS[i % WEEKS.length], seed: 60 + i }),
}));
const BROKEN = new Uint8Array([14, 16, 0, 0, 9, 9, 9, 9, 0x2e, 0x46, 0x49, 0x54, 0, 0, 1, 2, 3]);

function upload(clientId: string, name: string, bytes: Uint8Array) {
  return owner.request("POST", `/api/clients/${clientId}/training/uploads?name=${encodeURIComponent(name)}`, bytes, {
    "content-type": "application/octet-stream",
  });
}

/** What a practitioner sees of each activity, oldest first, without ids. */
async function activities(clientId: string): Promise<unknown[]> {
  const list = (await owner.get(`/api/clients/${clientId}/activities?limit=100`)).json.activities as Record<string, unknown>[];
  return list
    .map(({ id: _id, recordingId: _recording, fileName: _file, name: _name, ...rest }) => rest)
    .sort((a, b) => String(a.startTime).localeCompare(String(b.startTime)));
}

describe("bulk import on worker threads", () => {
  it("stores a zip's files in order with the same figures and labels as importing them one by one; duplicates skipped, bad files explained", async () => {
    const firstGz = gzip(RUNS[0]!.bytes);
    const zipped = await buildZip({
      [RUNS[0]!.name]: firstGz,
      ...Object.fromEntries(RUNS.slice(1, 6).map((run) => [run.name, gzip(run.bytes)])),
      "activities/broken.fit": BROKEN,
      ...Object.fromEntries(RUNS.slice(6).map((run) => [run.name, gzip(run.bytes)])),
      "activities/copy-of-100.fit.gz": firstGz,
    });
    const bulk = await buildClient(owner);
    const response = await upload(bulk, "export.zip", zipped);
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ imported: RUNS.length, duplicates: 1, rejected: 1 });
    const results = response.json.results as { file: string; status: string; reason?: string }[];
    expect(results.map((r) => r.file)).toEqual([
      ...RUNS.slice(0, 6).map((run) => `export.zip/${run.name}`),
      "export.zip/activities/broken.fit",
      ...RUNS.slice(6).map((run) => `export.zip/${run.name}`),
      "export.zip/activities/copy-of-100.fit.gz",
    ]);
    expect(results.find((r) => r.file.endsWith("broken.fit"))).toMatchObject({ status: "rejected", reason: "corrupt" });
    expect(results.at(-1)).toMatchObject({ status: "duplicate" });

    const oneByOne = await buildClient(owner);
    for (const run of RUNS) expect((await upload(oneByOne, path.basename(run.name, ".gz"), run.bytes)).json.imported).toBe(1);

    const fromZip = await activities(bulk);
    expect(fromZip).toHaveLength(RUNS.length);
    expect(fromZip).toEqual(await activities(oneByOne));

    // Importing the same export again finds every file already there.
    const again = await upload(bulk, "export.zip", zipped);
    expect(again.json).toMatchObject({ imported: 0, duplicates: RUNS.length + 1, rejected: 1 });
  }, 120_000);

  it("reprocesses a practice's files on worker threads and finds nothing changed", async () => {
    const client = await buildClient(owner);
    const zipped = await buildZip(Object.fromEntries(RUNS.map((run) => [run.name, gzip(run.bytes)])));
    expect((await upload(client, "again.zip", zipped)).json.imported).toBe(RUNS.length);
    const stored = await activities(client);
    const blobs = new DiskBlobStore(path.join(app.db.dataDir, "blobs"));
    const result = await reprocessPractice({ database: app.db.database, clock: app.clock, blobs }, { practiceId });
    expect(result.failed).toEqual([]);
    expect(result.labelsChanged).toBe(0);
    expect(result.reprocessed).toBeGreaterThanOrEqual(RUNS.length);
    expect(await activities(client)).toEqual(stored);
  }, 120_000);
});
