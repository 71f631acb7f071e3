import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { DiskBlobStore } from "../storage/blob-store.js";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from "./seed.js";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T09:00:00Z") });
  await seedDemo(app.db.database, app.clock, new DiskBlobStore(path.join(app.db.dataDir, "blobs")));
});
afterAll(async () => app.close());

describe("demo practice", () => {
  it("has practitioners in every role who can sign in", async () => {
    for (const login of DEMO_LOGINS) {
      const browser = app.browser();
      expect((await browser.signIn(login.email, DEMO_PASSWORD)).status).toBe(200);
      expect((await browser.get("/api/me")).json.practitioner.role).toBe(login.role);
    }
  });

  it("has about thirty clients with varied running backgrounds, led by the marathon trainee from the story", async () => {
    const browser = app.browser();
    await browser.signIn(DEMO_LOGINS[0].email, DEMO_PASSWORD);
    const list = (await browser.get("/api/clients?limit=500")).json;
    expect(list.total).toBe(30);
    const weeklyKm = new Set(list.clients.map((c: { weeklyKm: number }) => c.weeklyKm));
    expect(weeklyKm.size).toBeGreaterThan(10);
    const goals = new Set(list.clients.map((c: { goalEvent: { name: string } | null }) => c.goalEvent?.name ?? "none"));
    expect(goals.size).toBeGreaterThan(5);
    const maya = (await browser.get("/api/clients?q=maya%20lindqvist")).json.clients[0];
    const profile = (await browser.get(`/api/clients/${maya.id}`)).json.client;
    expect(profile.running.goalEvent.name).toBe("Valencia Marathon");
    expect(profile.injuries.some((i: { region: string }) => i.region === "Iliopsoas")).toBe(true);
    expect(profile.selfCare.map((s: { method: string }) => s.method)).toEqual(["rolling", "stretching", "percussion"]);
    expect(profile.consents.anonymisedCaseReports.granted).toBe(true);
  });

  it("gives the story's runner a marathon build of hill repeats, intervals, downhill trail and long runs", async () => {
    const browser = app.browser();
    await browser.signIn(DEMO_LOGINS[0].email, DEMO_PASSWORD);
    const maya = (await browser.get("/api/clients?q=maya%20lindqvist")).json.clients[0];
    const activities = (await browser.get(`/api/clients/${maya.id}/activities`)).json.activities as { labels: { kind: string }[] }[];
    expect(activities.length).toBeGreaterThanOrEqual(30);
    const kinds = new Set(activities.flatMap((a) => a.labels.map((l) => l.kind)));
    for (const kind of ["hill_repeats", "intervals", "downhill", "long_run"]) expect(kinds).toContain(kind);
    const weeks = (await browser.get(`/api/clients/${maya.id}/training/weeks?weeks=10`)).json.weeks as { distanceM: number }[];
    // The build: the last full week is longer than the first.
    expect(weeks.at(-2)?.distanceM).toBeGreaterThan(weeks[0]?.distanceM ?? Infinity);
  });

  it("refuses to load into a database that already has a practice", async () => {
    await expect(seedDemo(app.db.database, app.clock, new DiskBlobStore(path.join(app.db.dataDir, "blobs")))).rejects.toThrow(
      /already has a practice/,
    );
  });
});
