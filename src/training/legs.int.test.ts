import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, buildPractice, signedIn } from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { seededRandom } from "../demo/random.js";
import { encodeFitActivity } from "./fit/encode.js";
import { buildPoolSwim } from "../../test/support/training/fit-fixtures.js";
import { synthesiseRun, WORKOUTS } from "./synthetic-run.js";

let app: TestApp;
let owner: TestBrowser;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T12:00:00Z") });
  owner = await signedIn(app, (await buildPractice(app)).ownerEmail);
});
afterAll(async () => app.close());

/** Run 4.5 km, ride ~23 km, run 2 km: three sessions in one FIT file. */
function duathlon(): Uint8Array {
  const random = seededRandom(9);
  const start = Date.parse("2026-11-22T08:00:00Z");
  const run1 = synthesiseRun({ start, segments: WORKOUTS.easy(4.5), random });
  const t1 = run1.records.at(-1)?.time ?? start;
  const bike = synthesiseRun({ start: t1 + 60_000, segments: [{ distanceM: 23_000, paceSPerKm: 120 }], random });
  const t2 = bike.records.at(-1)?.time ?? start;
  const run2 = synthesiseRun({ start: t2 + 60_000, segments: WORKOUTS.easy(2), random });
  const end = run2.records.at(-1)?.time ?? start;
  return encodeFitActivity({
    sport: "running",
    records: [...run1.records, ...bike.records, ...run2.records],
    sessions: [
      { sport: "running", startTime: start, endTime: t1, distanceM: 4500 },
      { sport: "cycling", startTime: bike.records[0]?.time ?? 0, endTime: t2, distanceM: 23_000 },
      { sport: "running", startTime: run2.records[0]?.time ?? 0, endTime: end, distanceM: 2000 },
    ],
  });
}

describe("files with several legs", () => {
  it("stores a duathlon as three activities of one recording, counts only the running legs as running load, and never duplicates them", async () => {
    const client = await buildClient(owner);
    const bytes = duathlon();
    const send = (name: string) =>
      owner.request("POST", `/api/clients/${client}/training/uploads?name=${name}`, bytes, { "content-type": "application/octet-stream" });
    const first = await send("duathlon.fit");
    expect(first.json).toMatchObject({ imported: 1, rejected: 0 });
    expect(first.json.results[0].activityIds).toHaveLength(3);
    expect((await send("again.fit")).json.results).toEqual([{ file: "again.fit", status: "duplicate" }]);

    const list = (await owner.get(`/api/clients/${client}/activities`)).json.activities as {
      sport: string;
      distanceM: number;
      elapsedS: number;
      recordingId: string;
      leg: number;
    }[];
    const legs = [...list].sort((a, b) => a.leg - b.leg);
    expect(legs.map((l) => [l.leg, l.sport])).toEqual([
      [1, "running"],
      [2, "cycling"],
      [3, "running"],
    ]);
    expect(new Set(legs.map((l) => l.recordingId)).size).toBe(1);
    expect(legs[0]?.distanceM).toBeGreaterThan(4300);
    expect(legs[0]?.distanceM).toBeLessThan(4700);
    expect(legs[1]?.distanceM).toBeGreaterThan(22_000);
    expect(legs[2]?.distanceM).toBeLessThan(2200);
  });

  it("stores a pool swim with the device's distance, never 0 m", async () => {
    const client = await buildClient(owner);
    const response = await owner.request("POST", `/api/clients/${client}/training/uploads?name=swim.fit`, buildPoolSwim({ lengths: 39 }), {
      "content-type": "application/octet-stream",
    });
    expect(response.json).toMatchObject({ imported: 1 });
    const [swim] = (await owner.get(`/api/clients/${client}/activities`)).json.activities;
    expect(swim).toMatchObject({ sport: "swimming", distanceM: 1950 });
    const detail = (await owner.get(`/api/activities/${swim.id}`)).json.activity;
    expect(detail.summary.figures.distanceM).toEqual({ value: 1950, source: "lengths" });
    expect(detail.summary.figures.device.distanceM).toBe(1950);
  });

  it("lets a practitioner correct the sport; the activity is recomputed as that sport", async () => {
    const client = await buildClient(owner);
    await owner.request("POST", `/api/clients/${client}/training/uploads?name=run.fit`, duathlon(), {
      "content-type": "application/octet-stream",
    });
    const [latest] = (await owner.get(`/api/clients/${client}/activities`)).json.activities;
    const corrected = await owner.request("PUT", `/api/activities/${latest.id}/sport`, { sport: "walking" });
    expect(corrected.status).toBe(200);
    expect(corrected.json.activity).toMatchObject({ sport: "walking", sportSource: "practitioner" });
    const bad = await owner.request("PUT", `/api/activities/${latest.id}/sport`, { sport: "flying" });
    expect(bad.status).toBe(400);
    expect((await owner.request("PUT", `/api/activities/unknown/sport`, { sport: "walking" })).status).toBe(404);
  });
});
