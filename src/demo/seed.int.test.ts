import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { DiskBlobStore } from "../platform/storage/blob-store.js";
import { DEMO_EXPERIMENT_TITLE } from "./experiments.js";
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

  it("has forty clients with varied running backgrounds, led by the marathon trainee from the story", async () => {
    const browser = app.browser();
    await browser.signIn(DEMO_LOGINS[0].email, DEMO_PASSWORD);
    const list = (await browser.get("/api/clients?limit=500")).json;
    expect(list.total).toBe(40);
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

  it("gives the story's runner a hip-flexor complaint, two protocols and sessions that show distal quad release working", async () => {
    const browser = app.browser();
    await browser.signIn(DEMO_LOGINS[0].email, DEMO_PASSWORD);
    const maya = (await browser.get("/api/clients?q=maya%20lindqvist")).json.clients[0];
    const complaints = (await browser.get(`/api/clients/${maya.id}/complaints`)).json.complaints;
    expect(complaints).toHaveLength(1);
    expect(complaints[0]).toMatchObject({
      title: "Tight right hip flexor",
      side: "right",
      triggers: expect.arrayContaining(["hill sprint"]),
    });

    const protocols = (await browser.get("/api/protocols")).json.protocols as { id: string; name: string; current: { version: number } }[];
    expect(protocols.map((p) => p.name).sort()).toEqual(["Direct hip-flexor work", "Distal quad release"]);
    const distal = protocols.find((p) => p.name === "Distal quad release");
    expect(distal?.current.version).toBe(2);
    const versions = (await browser.get(`/api/protocols/${distal?.id}`)).json.versions;
    expect(versions[0].steps).not.toEqual(versions[1].steps);

    const sessions = (await browser.get(`/api/clients/${maya.id}/sessions`)).json.sessions as {
      startedAt: string;
      status: string;
      protocol: { name: string; version: number } | null;
      deviation: string[];
      measures: { post: { tightness: number } };
      findings: { regionCode: string; textureDescriptor: string | null }[];
    }[];
    expect(sessions).toHaveLength(5);
    const oldestFirst = [...sessions].reverse();
    expect(oldestFirst.map((s) => s.protocol?.name)).toEqual([
      "Direct hip-flexor work",
      "Direct hip-flexor work",
      "Distal quad release",
      "Distal quad release",
      "Distal quad release",
    ]);
    const distalTightness = oldestFirst.slice(2).map((s) => s.measures.post.tightness);
    expect(distalTightness).toEqual([...distalTightness].sort((a, b) => b - a));
    expect(new Set(distalTightness).size).toBe(3);
    expect(sessions.filter((s) => s.status === "signed").length).toBeGreaterThanOrEqual(3);
    expect(sessions.every((s) => s.deviation.length === 0)).toBe(true);
    expect(oldestFirst[0]?.findings[0]).toMatchObject({ regionCode: "rectus_femoris_distal", textureDescriptor: "crunchy" });
    const sixWeeksAgo = new Date("2026-11-28T09:00:00Z").getTime() - 42 * 86_400_000;
    expect(sessions.every((s) => Date.parse(s.startedAt) >= sixWeeksAgo)).toBe(true);

    const timeline = (await browser.get(`/api/clients/${maya.id}/timeline`)).json.items as { kind: string }[];
    const kinds = new Set(timeline.map((i) => i.kind));
    for (const kind of ["session", "complaint_onset", "training_week"]) expect(kinds).toContain(kind);
  });

  it("gives the story's runner answered next-day check-ins whose tightness falls after the distal quad sessions", async () => {
    const browser = app.browser();
    await browser.signIn(DEMO_LOGINS[0].email, DEMO_PASSWORD);
    const maya = (await browser.get("/api/clients?q=maya%20lindqvist")).json.clients[0];
    const checkins = (await browser.get(`/api/clients/${maya.id}/checkins`)).json.checkins as {
      state: string;
      versions: { answers: Record<string, { score?: number | null }> }[];
    }[];
    expect(checkins).toHaveLength(5);
    expect(checkins.every((c) => c.state === "answered")).toBe(true);
    const tightness = checkins.map((c) => c.versions[0]?.answers["tightness-nrs"]?.score);
    expect(tightness).toEqual([7, 8, 5, 3, 2]);
  });

  it("gives other clients a complaint and a session or two: five of the first thirty, and the ten in the experiment", async () => {
    const browser = app.browser();
    await browser.signIn(DEMO_LOGINS[0].email, DEMO_PASSWORD);
    const clients = (await browser.get("/api/clients?limit=500")).json.clients as { id: string }[];
    let withComplaints = 0;
    for (const client of clients) {
      const complaints = (await browser.get(`/api/clients/${client.id}/complaints`)).json.complaints as { sessionIds: string[] }[];
      if (complaints.length > 0) withComplaints += 1;
      for (const complaint of complaints) expect(complaint.sessionIds.length).toBeGreaterThanOrEqual(1);
    }
    expect(withComplaints).toBe(16);
  });

  it("refuses to load into a database that already has a practice", async () => {
    await expect(seedDemo(app.db.database, app.clock, new DiskBlobStore(path.join(app.db.dataDir, "blobs")))).rejects.toThrow(
      /already has a practice/,
    );
  });

  it("has the story's finished experiment with a real result, and the runner's own A/B experiment", async () => {
    const browser = app.browser();
    await browser.signIn(DEMO_LOGINS[0].email, DEMO_PASSWORD);
    const experiments = (await browser.get("/api/experiments")).json.experiments as {
      id: string;
      title: string;
      status: string;
      enrolled: number;
    }[];
    const story = experiments.find((e) => e.title === DEMO_EXPERIMENT_TITLE);
    expect(story).toMatchObject({ status: "finished", enrolled: 10 });
    const experiment = (await browser.get(`/api/experiments/${story?.id}`)).json.experiment;
    expect(experiment.registration.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(experiment.enrolments.map((e: { arm: string }) => e.arm)).toEqual(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? "intervention" : "comparator")),
    );
    const results = (await browser.get(`/api/experiments/${story?.id}/results`)).json.results;
    expect(results.comparison).toMatchObject({ ok: true, intervention: { n: 5, responders: 4 }, comparator: { n: 5, responders: 1 } });
    expect(results.caveats.join(" ")).not.toContain("retrospective");
    const single = experiments.find((e) => e.title.startsWith("Maya"));
    const singleResults = (await browser.get(`/api/experiments/${single?.id}/results`)).json.results;
    expect(singleResults.clients[0].singleCase).toMatchObject({ ok: true, nap: { nap: 1 } });
    expect(singleResults.caveats.join(" ")).toContain("retrospective");
  });
});
