import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, buildPractice, signedIn } from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { buildZip } from "../../test/support/zip.js";
import { seededRandom } from "../demo/random.js";
import { encodeFitActivity, type FitActivityInput } from "./fit/encode.js";
import { synthesiseRun, WORKOUTS } from "./synthetic-run.js";

let app: TestApp;
let owner: TestBrowser;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T12:00:00Z") });
  owner = await signedIn(app, (await buildPractice(app)).ownerEmail);
});
afterAll(async () => app.close());

/**
 * One 8 km run on two devices: the watch records every second with heart rate and cadence; the
 * phone was started 45 s later, records every other second and has neither.
 */
function twoDevices(start: string): { watch: Uint8Array; phone: Uint8Array } {
  const run = synthesiseRun({ start: Date.parse(start), segments: WORKOUTS.easy(8), random: seededRandom(3), localOffsetMinutes: 0 });
  const phone: FitActivityInput = {
    ...run,
    serialNumber: 2,
    records: run.records
      .slice(45)
      .filter((_, i) => i % 2 === 0)
      .map(({ heartRate: _hr, cadenceSpm: _cadence, ...rest }) => rest),
  };
  return { watch: encodeFitActivity({ ...run, serialNumber: 1 }), phone: encodeFitActivity(phone) };
}

interface Listed {
  id: string;
  distanceM: number;
  duplicateOf: string | null;
  alsoRecordedBy: { activityId: string; fileName: string; counted: boolean }[];
}

async function upload(client: string, name: string, bytes: Uint8Array): Promise<string> {
  const response = await owner.request("POST", `/api/clients/${client}/training/uploads?name=${name}`, bytes, {
    "content-type": "application/octet-stream",
  });
  expect(response.json).toMatchObject({ imported: 1 });
  return response.json.results[0].activityId as string;
}

async function weekTotals(client: string): Promise<{ distanceM: number; activities: number }> {
  const weeks = (await owner.get(`/api/clients/${client}/training/weeks?weeks=4`)).json.weeks as {
    distanceM: number;
    activities: number;
  }[];
  return {
    distanceM: weeks.reduce((sum, w) => sum + w.distanceM, 0),
    activities: weeks.reduce((sum, w) => sum + w.activities, 0),
  };
}

describe("the same run from two devices", () => {
  for (const order of ["richer first", "richer second"] as const) {
    it(`links the recordings, counts only the richer one in weekly load, and shows the link (${order})`, async () => {
      const client = await buildClient(owner);
      const { watch, phone } = twoDevices("2026-11-24T07:00:00Z");
      const files: [string, Uint8Array][] = [
        ["watch", watch],
        ["phone", phone],
      ];
      const ids = new Map<string, string>();
      for (const [name, bytes] of order === "richer first" ? files : files.reverse())
        ids.set(name, await upload(client, `${name}.fit`, bytes));
      const watchId = ids.get("watch") ?? "";
      const phoneId = ids.get("phone") ?? "";

      const list = (await owner.get(`/api/clients/${client}/activities`)).json.activities as Listed[];
      expect(list).toHaveLength(2);
      const byId = new Map(list.map((a) => [a.id, a]));
      expect(byId.get(watchId)).toMatchObject({
        duplicateOf: null,
        alsoRecordedBy: [{ activityId: phoneId, fileName: "phone.fit", counted: false }],
      });
      expect(byId.get(phoneId)).toMatchObject({
        duplicateOf: watchId,
        alsoRecordedBy: [{ activityId: watchId, fileName: "watch.fit", counted: true }],
      });

      const detail = (await owner.get(`/api/activities/${phoneId}`)).json.activity as Listed;
      expect(detail.alsoRecordedBy).toEqual([expect.objectContaining({ activityId: watchId, fileName: "watch.fit", counted: true })]);

      const totals = await weekTotals(client);
      expect(totals.activities).toBe(1);
      expect(totals.distanceM).toBeCloseTo(byId.get(watchId)?.distanceM ?? 0, 3);
    });
  }

  it("links the recordings when two uploads for the client arrive at once, and stores a file they share once", async () => {
    const client = await buildClient(owner);
    const { watch, phone } = twoDevices("2026-11-23T07:00:00Z");
    const shared = twoDevices("2026-11-20T07:00:00Z").watch;
    const send = async (name: string, entries: Record<string, Uint8Array>) =>
      (
        await owner.request("POST", `/api/clients/${client}/training/uploads?name=${name}`, await buildZip(entries), {
          "content-type": "application/octet-stream",
        })
      ).json as { imported: number; duplicates: number; rejected: number };
    const reports = await Promise.all([
      send("a.zip", { "watch.fit": watch, "shared.fit": shared }),
      send("b.zip", { "phone.fit": phone, "shared.fit": shared }),
    ]);
    expect(reports.reduce((sum, r) => sum + r.imported, 0)).toBe(3);
    expect(reports.reduce((sum, r) => sum + r.duplicates, 0)).toBe(1);
    const list = (await owner.get(`/api/clients/${client}/activities`)).json.activities as Listed[];
    expect(list).toHaveLength(3);
    const second = list.find((a) => a.duplicateOf !== null);
    expect(second?.alsoRecordedBy).toEqual([expect.objectContaining({ fileName: "a.zip/watch.fit", counted: true })]);
    expect(list.find((a) => a.id === second?.duplicateOf)?.alsoRecordedBy).toEqual([
      expect.objectContaining({ fileName: "b.zip/phone.fit", counted: false }),
    ]);
    expect((await weekTotals(client)).activities).toBe(2);
  });

  it("keeps runs that start minutes apart separate", async () => {
    const client = await buildClient(owner);
    const morning = twoDevices("2026-11-25T07:00:00Z");
    const later = twoDevices("2026-11-25T07:05:00Z");
    await upload(client, "first.fit", morning.watch);
    // Started 5 minutes later: not the same run.
    await upload(client, "second.fit", later.phone);
    const list = (await owner.get(`/api/clients/${client}/activities`)).json.activities as Listed[];
    expect(list.map((a) => a.duplicateOf)).toEqual([null, null]);
    expect((await weekTotals(client)).activities).toBe(2);
  });

  it("relinks when the sport is corrected: another sport is not the same run, the same sport again is", async () => {
    const client = await buildClient(owner);
    const { watch, phone } = twoDevices("2026-11-26T07:00:00Z");
    const watchId = await upload(client, "watch.fit", watch);
    const phoneId = await upload(client, "phone.fit", phone);
    const put = (sport: string) => owner.request("PUT", `/api/activities/${watchId}/sport`, { sport });
    expect((await put("cycling")).status).toBe(200);
    let phoneNow = (await owner.get(`/api/activities/${phoneId}`)).json.activity as Listed;
    expect(phoneNow.duplicateOf).toBeNull();
    expect((await put("trail_running")).status).toBe(200);
    phoneNow = (await owner.get(`/api/activities/${phoneId}`)).json.activity as Listed;
    expect(phoneNow.duplicateOf).toBe(watchId);
  });
});
