import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildClient,
  buildComplaint,
  buildExperiment,
  buildPractice,
  buildProtocol,
  buildSession,
  signedIn,
} from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { buildFitRun, DOWNHILL_TRAIL } from "../../test/support/runs.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { buildZip } from "../../test/support/zip.js";

/**
 * The enrolment panel's eligibility list is checked once and kept while nothing it reads changes.
 * Each change below must show in the very next request: a complaint, a signed session's findings,
 * a run, a client's name, an enrolment, and the clock moving a run out of the training window.
 */
let app: TestApp;
let browser: TestBrowser;
let experimentId: string;

interface Listed {
  clientId: string;
  clientName: string;
  eligible: boolean;
  enrolled: boolean;
  checks: { criterion: string; met: boolean; evidence: string }[];
}

async function everyone(): Promise<Listed[]> {
  const response = await browser.get(`/api/experiments/${experimentId}/eligibility?show=all&limit=200`);
  expect(response.status).toBe(200);
  expect(response.json.nextCursor).toBeNull();
  return response.json.clients as Listed[];
}

async function entry(clientId: string): Promise<Listed> {
  const found = (await everyone()).find((c) => c.clientId === clientId);
  if (!found) throw new Error(`client ${clientId} is not listed`);
  return found;
}

async function uploadRun(clientId: string, start: string, seed: number): Promise<void> {
  const zip = await buildZip({ [`downhill-${seed}.fit`]: buildFitRun({ start, segments: DOWNHILL_TRAIL, subSport: "trail", seed }) });
  const response = await browser.request("POST", `/api/clients/${clientId}/training/uploads?name=runs.zip`, zip, {
    "content-type": "application/octet-stream",
  });
  expect(response.json).toMatchObject({ imported: 1, rejected: 0 });
}

async function signedSession(clientId: string): Promise<void> {
  const id = await buildSession(browser, clientId, { startedAt: "2026-11-26T09:00:00.000Z" });
  expect((await browser.post(`/api/sessions/${id}/sign`, {})).status).toBe(200);
}

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T12:00:00Z") });
  const practice = await buildPractice(app);
  browser = await signedIn(app, practice.ownerEmail);
  const protocol = await buildProtocol(browser);
  experimentId = await buildExperiment(browser, protocol.id, {
    eligibility: {
      complaintRegions: ["iliopsoas"],
      requiredFindings: [{ regionCode: "rectus_femoris_distal", quality: "tension", minGrade: 2 }],
      training: { weeks: 1, patterns: ["downhill"], minRunsPerWeek: 1 },
    },
    plannedClients: 20,
  });
  expect((await browser.post(`/api/experiments/${experimentId}/start`, {})).status).toBe(200);
});

afterAll(async () => {
  await app.close();
});

describe("experiment eligibility list", () => {
  it("sees each change to what it is checked from in the next request, and the clock moving a run out of the window", async () => {
    // Ann: a complaint, signed findings and a downhill run four days ago.
    const ann = await buildClient(browser, { firstName: "Ann", lastName: "Archer" });
    await buildComplaint(browser, ann);
    await signedSession(ann);
    await uploadRun(ann, "2026-11-24T07:00:00Z", 1);
    expect(await entry(ann)).toMatchObject({ clientName: "Ann Archer", eligible: true, enrolled: false });

    // Ben: the same, but his findings are in a draft, which is not evidence until it is signed.
    const ben = await buildClient(browser, { firstName: "Ben", lastName: "Baker" });
    await buildComplaint(browser, ben);
    await uploadRun(ben, "2026-11-25T07:00:00Z", 2);
    const draft = await buildSession(browser, ben, { startedAt: "2026-11-26T09:00:00.000Z" });
    const unsigned = await entry(ben);
    expect(unsigned.eligible).toBe(false);
    expect(unsigned.checks[1]).toMatchObject({ met: false, evidence: "No signed session with findings yet." });
    expect((await browser.post(`/api/sessions/${draft}/sign`, {})).status).toBe(200);
    expect((await entry(ben)).eligible).toBe(true);

    // Cleo: findings and a run but no complaint; then one.
    const cleo = await buildClient(browser, { firstName: "Cleo", lastName: "Cole" });
    await signedSession(cleo);
    await uploadRun(cleo, "2026-11-26T07:00:00Z", 3);
    expect((await entry(cleo)).eligible).toBe(false);
    const complaint = await buildComplaint(browser, cleo);
    expect((await entry(cleo)).eligible).toBe(true);
    // Resolved, the complaint no longer counts; active again, it does.
    for (const [status, eligible] of [
      ["resolved", false],
      ["active", true],
    ] as const) {
      const listed = (await browser.get(`/api/clients/${cleo}/complaints`)).json.complaints as { id: string; version: number }[];
      const version = listed.find((c) => c.id === complaint)?.version;
      expect((await browser.request("PATCH", `/api/complaints/${complaint}`, { version, status })).status).toBe(200);
      expect((await entry(cleo)).eligible).toBe(eligible);
    }

    // Dan: complaint and findings, no run yet; then one.
    const dan = await buildClient(browser, { firstName: "Dan", lastName: "Dale" });
    await buildComplaint(browser, dan);
    await signedSession(dan);
    expect((await entry(dan)).checks[2]).toMatchObject({ met: false, evidence: "0 such run(s) in 1 weeks (0.0 a week)." });
    await uploadRun(dan, "2026-11-27T07:00:00Z", 4);
    expect((await entry(dan)).eligible).toBe(true);

    // A new name shows at once.
    const current = await browser.get(`/api/clients/${ann}`);
    const renamed = await browser.request("PATCH", `/api/clients/${ann}`, { version: current.json.client.version, lastName: "Ashby" });
    expect(renamed.status).toBe(200);
    expect((await entry(ann)).clientName).toBe("Ann Ashby");

    // Enrolling moves Ann out of the eligible clients not yet enrolled.
    expect((await browser.post(`/api/experiments/${experimentId}/enrolments`, { clientId: ann })).status).toBe(201);
    const page = await browser.get(`/api/experiments/${experimentId}/eligibility`);
    expect(page.json.counts).toEqual({ eligible: 3, ineligible: 0 });
    expect((page.json.clients as Listed[]).map((c) => c.clientName)).toEqual(["Ben Baker", "Cleo Cole", "Dan Dale"]);
    expect((await entry(ann)).enrolled).toBe(true);

    // A week after Ann's run (24 Nov 07:00) it has left the one-week window; Ben's (25 Nov) has not yet.
    app.clock.set(new Date("2026-12-01T08:00:00Z"));
    expect((await entry(ann)).eligible).toBe(false);
    expect((await entry(ben)).eligible).toBe(true);
    app.clock.set(new Date("2026-12-02T08:00:00Z"));
    expect((await entry(ben)).eligible).toBe(false);
    // And back: the clock set earlier checks again rather than reusing a later list.
    app.clock.set(new Date("2026-11-28T12:00:00Z"));
    expect((await entry(ben)).eligible).toBe(true);
  });

  it("pages eligible and ineligible clients by name, searches names, and refuses a bad show or cursor by name", async () => {
    const names = Array.from({ length: 7 }, (_, i) => `Zed${i}`);
    for (const lastName of names) await buildClient(browser, { firstName: "Paged", lastName });
    const pages: Listed[][] = [];
    let cursor: string | null = null;
    do {
      const response = await browser.get(
        `/api/experiments/${experimentId}/eligibility?show=ineligible&q=paged&limit=3${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(response.status).toBe(200);
      expect(response.json.matching).toBe(7);
      pages.push(response.json.clients as Listed[]);
      cursor = response.json.nextCursor as string | null;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat().map((c) => c.clientName)).toEqual(names.map((n) => `Paged ${n}`));
    expect(pages.flat().every((c) => !c.eligible && !c.enrolled)).toBe(true);

    const one = await browser.get(`/api/experiments/${experimentId}/eligibility?show=ineligible&q=${encodeURIComponent("PAGED zed4")}`);
    expect((one.json.clients as Listed[]).map((c) => c.clientName)).toEqual(["Paged Zed4"]);
    expect((await browser.get(`/api/experiments/${experimentId}/eligibility?q=paged`)).json).toMatchObject({ clients: [], matching: 0 });

    const badShow = await browser.get(`/api/experiments/${experimentId}/eligibility?show=everyone`);
    expect(badShow.status).toBe(400);
    expect(Object.keys(badShow.json.error.fields)).toEqual(["show"]);
    const badCursor = await browser.get(
      `/api/experiments/${experimentId}/eligibility?cursor=${Buffer.from("[1,2]").toString("base64url")}`,
    );
    expect(badCursor.status).toBe(400);
    expect(badCursor.json.error.fields).toEqual({ cursor: "is not a cursor from a previous page" });
  });

  it("answers 404 for another practice's experiment exactly as for an unknown one", async () => {
    const other = await signedIn(app, (await buildPractice(app)).ownerEmail);
    const foreign = await other.get(`/api/experiments/${experimentId}/eligibility`);
    const unknown = await other.get(`/api/experiments/00000000-0000-0000-0000-000000000000/eligibility`);
    expect(foreign.status).toBe(404);
    expect(foreign.json).toEqual(unknown.json);
  });
});
