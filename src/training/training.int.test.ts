import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, buildPractice, signedIn } from "../../test/support/factories.js";
import type { TestBrowser, TestResponse } from "../../test/support/http.js";
import { buildFitRun, DOWNHILL_TRAIL } from "../../test/support/runs.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { buildZip, gzip, renameZipEntry } from "../../test/support/zip.js";
import { WORKOUTS } from "./synthetic-run.js";

let app: TestApp;
let owner: TestBrowser;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T12:00:00Z") });
  owner = await signedIn(app, (await buildPractice(app)).ownerEmail);
});
afterAll(async () => app.close());

function send(clientId: string, name: string, bytes: Uint8Array | string): Promise<TestResponse> {
  return owner.request("POST", `/api/clients/${clientId}/training/uploads?name=${encodeURIComponent(name)}`, bytes, {
    "content-type": "application/octet-stream",
  });
}

describe("importing training files", () => {
  it("imports a FIT run, labels its long steep descent, and skips the same file the second time", async () => {
    const client = await buildClient(owner);
    const bytes = buildFitRun({ start: "2026-11-20T07:00:00Z", segments: DOWNHILL_TRAIL, subSport: "trail" });
    const first = await send(client, "trail.fit", bytes);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ imported: 1, duplicates: 0, rejected: 0 });
    expect(first.json.results[0]).toMatchObject({ file: "trail.fit", status: "imported" });

    const again = await send(client, "trail-copy.fit", bytes);
    expect(again.json.results).toEqual([{ file: "trail-copy.fit", status: "duplicate" }]);

    const list = (await owner.get(`/api/clients/${client}/activities`)).json.activities;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ sport: "trail_running", startTime: "2026-11-20T07:00:01.000Z" });
    expect(list[0].distanceM).toBeGreaterThan(7900);
    expect(list[0].elevationLossM).toBeGreaterThan(200);
    expect(list[0].labels.map((l: { kind: string }) => l.kind)).toContain("downhill");

    const detail = (await owner.get(`/api/activities/${list[0].id}`)).json.activity;
    expect(detail.file).toMatchObject({ name: "trail.fit", format: "fit" });
    expect(detail.stream.tS.length).toBeGreaterThan(100);
  });

  it("reads gzipped files and zips of files, and reports each file", async () => {
    const client = await buildClient(owner);
    const zip = await buildZip({
      "runs/a.fit": buildFitRun({ start: "2026-11-01T07:00:00Z", seed: 2 }),
      "runs/b.fit.gz": gzip(buildFitRun({ start: "2026-11-03T07:00:00Z", seed: 3 })),
      "runs/notes.txt": "not an activity",
      "runs/broken.fit": new Uint8Array([14, 16, 0, 0, 9, 9, 9, 9, 0x2e, 0x46, 0x49, 0x54, 0, 0, 1, 2, 3]),
    });
    const response = await send(client, "runs.zip", zip);
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ imported: 2, rejected: 1, skipped: 1 });
    const broken = response.json.results.find((r: { file: string }) => r.file === "runs.zip/runs/broken.fit");
    expect(broken).toMatchObject({ status: "rejected", reason: "corrupt" });
    expect(broken.message).toBeTruthy();
  });

  it("imports a Strava bulk export, naming activities from activities.csv whatever its language", async () => {
    const client = await buildClient(owner);
    const csv = [
      "Aktivitäts-ID,Aktivitätsdatum,Aktivitätsname,Aktivitätsart,Beschreibung,Verstrichene Zeit,Distanz,Distanz,Dateiname",
      '101,"Oct 7, 2026, 2:43:11 PM",Hill reps on the quarry road,Lauf,,3600,10.2,10200.5,activities/101.fit.gz',
    ].join("\n");
    const zip = await buildZip({
      "activities.csv": csv,
      "activities/101.fit.gz": gzip(buildFitRun({ start: "2026-10-07T13:43:11Z", segments: WORKOUTS.hillRepeats(6), seed: 4 })),
      "profile.csv": "a,b\n1,2",
    });
    const response = await send(client, "export_123.zip", zip);
    expect(response.json).toMatchObject({ imported: 1, rejected: 0, skipped: 1 });
    const [activity] = (await owner.get(`/api/clients/${client}/activities`)).json.activities;
    expect(activity).toMatchObject({ name: "Hill reps on the quarry road", sportLabel: "Lauf" });
  });

  it("imports a Garmin Connect export whose FIT files sit in nested zips", async () => {
    const client = await buildClient(owner);
    const inner = await buildZip({
      "12345_ACTIVITY.fit": buildFitRun({ start: "2026-09-01T06:00:00Z", seed: 5 }),
      "12346_ACTIVITY.fit": buildFitRun({ start: "2026-09-02T06:00:00Z", seed: 6 }),
    });
    const outer = await buildZip({
      "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip": inner,
      "DI_CONNECT/DI-Connect-Fitness/summarizedActivities.json": "[]",
    });
    const response = await send(client, "garmin-export.zip", outer);
    expect(response.json).toMatchObject({ imported: 2, rejected: 0 });
  });

  it("rejects what is not an activity, one file at a time, and goes on", async () => {
    const client = await buildClient(owner);
    const built = await buildZip({
      "aa/aa/escape.fit": buildFitRun({ start: "2026-08-01T06:00:00Z", seed: 7 }),
      "ok.fit": buildFitRun({ start: "2026-08-02T06:00:00Z", seed: 8 }),
      "route.gpx": "<?xml version='1.0'?><gpx version='1.1'></gpx>",
    });
    const zip = renameZipEntry(built, "aa/aa/escape.fit", "../../escape.fit");
    const response = await send(client, "mixed.zip", zip);
    const byName = Object.fromEntries(response.json.results.map((r: { file: string }) => [r.file, r]));
    expect(byName["mixed.zip/../../escape.fit"]).toMatchObject({ status: "rejected", reason: "path_traversal" });
    expect(byName["mixed.zip/ok.fit"]).toMatchObject({ status: "imported" });
    expect(byName["mixed.zip/route.gpx"]).toMatchObject({ status: "rejected", reason: "not_an_activity" });

    const text = await send(client, "notes.txt", "hello");
    expect(text.json.results[0]).toMatchObject({ status: "rejected", reason: "unsupported_format" });
    const empty = await send(client, "empty.fit", "");
    expect(empty.status).toBe(400);
    expect(empty.json.error.code).toBe("empty_upload");
    const noName = await owner.request("POST", `/api/clients/${client}/training/uploads`, "x", {
      "content-type": "application/octet-stream",
    });
    expect(noName.status).toBe(400);
    expect(noName.json.error.fields.name).toMatch(/required/);
  });

  it("shows weekly load with label counts and a ramp", async () => {
    const client = await buildClient(owner);
    const weeks = ["2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"];
    let seed = 20;
    for (const [i, monday] of weeks.entries()) {
      const km = 6 + i;
      await send(client, `w${i}a.fit`, buildFitRun({ start: `${monday}T07:00:00Z`, segments: WORKOUTS.easy(km), seed: seed++ }));
      await send(
        client,
        `w${i}b.fit`,
        buildFitRun({
          start: `${monday.slice(0, 8)}${String(Number(monday.slice(8)) + 2).padStart(2, "0")}T07:00:00Z`,
          segments: WORKOUTS.intervals(6),
          seed: seed++,
        }),
      );
    }
    const response = await owner.get(`/api/clients/${client}/training/weeks?weeks=8`);
    expect(response.status).toBe(200);
    const loads = response.json.weeks;
    expect(loads).toHaveLength(8);
    expect(loads.at(-1).weekStart).toBe("2026-11-23");
    expect(loads.at(-1).activities).toBe(2);
    expect(loads.at(-1).labelCounts.intervals).toBe(1);
    expect(loads.at(-1).rampPct).toBeGreaterThan(0);
    expect(loads.at(-1).caveat).toBeTruthy();
  });

  it("covers the whole training history with weeks=all, back to the first run", async () => {
    const client = await buildClient(owner);
    expect((await owner.get(`/api/clients/${client}/training/weeks?weeks=all`)).json.weeks).toEqual([]);
    // Two years before "now" (2026-11-28): far beyond the default 26 weeks.
    await send(client, "old.fit", buildFitRun({ start: "2024-11-26T07:00:00Z", seed: 71 }));
    await send(client, "recent.fit", buildFitRun({ start: "2026-11-24T07:00:00Z", seed: 72 }));
    const recent = (await owner.get(`/api/clients/${client}/training/weeks`)).json.weeks;
    expect(recent.some((week: { weekStart: string }) => week.weekStart === "2024-11-25")).toBe(false);
    const all = (await owner.get(`/api/clients/${client}/training/weeks?weeks=all`)).json.weeks;
    expect(all[0]).toMatchObject({ weekStart: "2024-11-25", activities: 1 });
    expect(all.at(-1)).toMatchObject({ weekStart: "2026-11-23", activities: 1 });
    expect(all).toHaveLength(105);
    const bad = await owner.get(`/api/clients/${client}/training/weeks?weeks=some`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.weeks).toBeTruthy();
  });

  it("answers 404 for an unknown client or activity", async () => {
    expect((await send("00000000-0000-0000-0000-000000000000", "a.fit", "x")).status).toBe(404);
    expect((await owner.get("/api/activities/nope")).status).toBe(404);
    expect((await owner.get("/api/clients/nope/activities")).status).toBe(404);
    expect((await owner.get("/api/clients/nope/training/weeks")).status).toBe(404);
  });
});

describe("an import that dies part-way", () => {
  it("leaves only whole activities behind, and a re-run completes it, skipping what is done", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const { DiskBlobStore } = await import("../platform/storage/blob-store.js");
    const { importUpload } = await import("./import-upload.js");
    const practice = await buildPractice(app);
    const browser = await signedIn(app, practice.ownerEmail);
    const clientId = await buildClient(browser);
    const zip = await buildZip(
      Object.fromEntries(
        Array.from({ length: 5 }, (_, i) => [`${i}.fit`, buildFitRun({ start: `2026-10-0${i + 1}T07:00:00Z`, seed: 40 + i })]),
      ),
    );
    const file = path.join(app.db.dataDir, "export.zip");
    fs.writeFileSync(file, zip);
    const disk = new DiskBlobStore(path.join(app.db.dataDir, "blobs"));
    let puts = 0;
    // The process "dies" while storing the third file: after its raw bytes, before its rows.
    const dying = {
      ...disk,
      get: disk.get.bind(disk),
      has: disk.has.bind(disk),
      delete: disk.delete.bind(disk),
      put: async (scope: { practiceId: string }, bytes: Uint8Array) => {
        const stored = await disk.put(scope, bytes);
        if (++puts === 3) throw new Error("power cut");
        return stored;
      },
    };
    const scope = { practiceId: practice.practiceId };
    await expect(
      importUpload({ database: app.db.database, clock: app.clock, blobs: dying }, scope, clientId, { path: file, name: "export.zip" }),
    ).rejects.toThrow("power cut");
    expect((await browser.get(`/api/clients/${clientId}/activities`)).json.activities).toHaveLength(2);

    const rerun = await importUpload({ database: app.db.database, clock: app.clock, blobs: disk }, scope, clientId, {
      path: file,
      name: "export.zip",
    });
    expect(rerun).toMatchObject({ imported: 3, duplicates: 2, rejected: 0 });
    expect((await browser.get(`/api/clients/${clientId}/activities`)).json.activities).toHaveLength(5);
  });
});

describe("objective outcomes around a session", () => {
  it("shows cadence at matched pace before and after, with run counts, and no number when runs are too few", async () => {
    const { encodeFitActivity } = await import("./fit/encode.js");
    const { synthesiseRun } = await import("./synthetic-run.js");
    const { seededRandom } = await import("../demo/random.js");
    const client = await buildClient(owner);
    const session = Date.parse("2026-11-10T12:00:00Z");
    const runAt = (days: number, cadence: number, seed: number) =>
      encodeFitActivity(
        synthesiseRun({
          start: session + days * 86_400_000,
          segments: [
            { distanceM: 2000, paceSPerKm: 360 },
            { distanceM: 2000, paceSPerKm: 320 },
            { distanceM: 2000, paceSPerKm: 290 },
          ],
          random: seededRandom(seed),
          easyCadenceSpm: cadence,
        }),
      );
    for (const [i, days] of [-9, -6, -3].entries()) await send(client, `before${i}.fit`, runAt(days, 160, 70 + i));
    for (const [i, days] of [2, 5, 8].entries()) await send(client, `after${i}.fit`, runAt(days, 166, 80 + i));
    const response = await owner.get(`/api/clients/${client}/outcomes?at=${encodeURIComponent(new Date(session).toISOString())}`);
    expect(response.status).toBe(200);
    const cadence = response.json.outcomes.cadenceAtMatchedPace;
    expect(cadence).toMatchObject({ runsBefore: 3, runsAfter: 3, enough: true, unit: "spm" });
    expect(cadence.change).toBeGreaterThan(5);
    expect(cadence.change).toBeLessThan(7);
    expect(cadence.caveat).toMatch(/training/i);

    const narrow = await owner.get(
      `/api/clients/${client}/outcomes?at=${encodeURIComponent(new Date(session).toISOString())}&windowDays=4`,
    );
    expect(narrow.json.outcomes.cadenceAtMatchedPace).toMatchObject({ enough: false, before: null, after: null, change: null });
    expect(narrow.json.outcomes.cadenceAtMatchedPace.missing).toMatch(/at least 2 runs/);

    const bad = await owner.get(`/api/clients/${client}/outcomes?at=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.at).toMatch(/ISO date-time/);
  });
});
