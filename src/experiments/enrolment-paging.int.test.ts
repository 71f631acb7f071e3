import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, buildExperiment, buildPractice, buildProtocol, signedIn } from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";

let app: TestApp;
let browser: TestBrowser;
let experimentId: string;
let small: string;
let practiceId: string;
const EVERYONE = { complaintRegions: [], requiredFindings: [], training: null };
const MANY = 53;

async function runningExperiment(): Promise<string> {
  const protocol = await buildProtocol(browser);
  const id = await buildExperiment(browser, protocol.id, { eligibility: EVERYONE, plannedClients: 100 });
  expect((await browser.post(`/api/experiments/${id}/start`, {})).status).toBe(200);
  return id;
}

async function enrol(id: string, count: number): Promise<string[]> {
  const clients: string[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = await buildClient(browser);
    expect((await browser.post(`/api/experiments/${id}/enrolments`, { clientId })).status).toBe(201);
    clients.push(clientId);
  }
  return clients;
}

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  const practice = await buildPractice(app);
  practiceId = practice.practiceId;
  browser = await signedIn(app, practice.ownerEmail);
  small = await runningExperiment();
  const twelve = await enrol(small, 12);
  expect((await browser.post(`/api/experiments/${small}/enrolments/${twelve[4]}/withdraw`, { reason: "Moved away" })).status).toBe(200);
  experimentId = await runningExperiment();
  await enrol(experimentId, MANY);
}, 300_000);
afterAll(async () => app.close());

type Enrolment = { clientId: string; position: number; withdrawnAt: string | null };

async function walk(id: string, limit: number): Promise<{ pages: Enrolment[][]; all: Enrolment[] }> {
  const pages: Enrolment[][] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ limit: String(limit) });
    if (cursor) params.set("cursor", cursor);
    const response = await browser.get(`/api/experiments/${id}/enrolments?${params.toString()}`);
    expect(response.status).toBe(200);
    pages.push(response.json.items as Enrolment[]);
    cursor = response.json.nextCursor as string | null;
    expect(pages.length).toBeLessThan(100);
  } while (cursor);
  return { pages, all: pages.flat() };
}

describe("experiment enrolment paging", () => {
  it("walks every enrolment exactly once, in enrolment order, for every page size", async () => {
    for (let limit = 1; limit <= 13; limit++) {
      const { pages, all } = await walk(small, limit);
      expect(
        all.map((e) => e.position),
        `limit ${limit}`,
      ).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect(new Set(all.map((e) => e.clientId)).size).toBe(12);
      expect(pages.every((page) => page.length > 0 && page.length <= limit)).toBe(true);
      expect(pages).toHaveLength(Math.ceil(12 / limit));
    }
    const { all } = await walk(small, 5);
    expect(all.filter((e) => e.withdrawnAt !== null).map((e) => e.position)).toEqual([5]);
    // Stable: the same walk twice gives the same list.
    expect((await walk(small, 5)).all).toEqual(all);
  });

  it("pages past the default of 50, and the experiment embeds only the first page with the counts", async () => {
    const first = await browser.get(`/api/experiments/${experimentId}/enrolments`);
    expect(first.json.items).toHaveLength(50);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    for (const limit of [1, 7, 50, 52, 53, 200]) {
      const { all } = await walk(experimentId, limit);
      expect(
        all.map((e) => e.position),
        `limit ${limit}`,
      ).toEqual(Array.from({ length: MANY }, (_, i) => i + 1));
    }

    const experiment = (await browser.get(`/api/experiments/${experimentId}`)).json.experiment;
    expect(experiment.enrolmentCount).toBe(MANY);
    expect(experiment.activeEnrolmentCount).toBe(MANY);
    expect(experiment.enrolments).toEqual(first.json.items);
    const rest = await browser.get(`/api/experiments/${experimentId}/enrolments?cursor=${experiment.enrolmentsNextCursor}`);
    expect((rest.json.items as Enrolment[]).map((e) => e.position)).toEqual([51, 52, 53]);
    expect(rest.json.nextCursor).toBeNull();

    const few = (await browser.get(`/api/experiments/${small}`)).json.experiment;
    expect(few).toMatchObject({ enrolmentCount: 12, activeEnrolmentCount: 11, enrolmentsNextCursor: null });
    expect(few.enrolments).toHaveLength(12);
  });

  it("refuses a cursor or limit that is not one, naming the field", async () => {
    const notJson = Buffer.from("not-a-cursor").toString("base64url");
    const wrongShape = Buffer.from(JSON.stringify(["1", 2])).toString("base64url");
    for (const cursor of [notJson, wrongShape, "%21%21", "x".repeat(301)]) {
      const bad = await browser.get(`/api/experiments/${small}/enrolments?cursor=${cursor}`);
      expect(bad.status, cursor).toBe(400);
      expect(bad.json.error.fields).toEqual({ cursor: "is not a cursor from a previous page" });
    }
    for (const [limit, problem] of [
      ["0", "must be at least 1"],
      ["201", "must be at most 200"],
      ["2.5", "must be a whole number"],
      ["many", "must be a number"],
    ]) {
      const bad = await browser.get(`/api/experiments/${small}/enrolments?limit=${limit}`);
      expect(bad.status, limit).toBe(400);
      expect(bad.json.error.fields).toEqual({ limit: problem });
    }
  });

  it("answers 404 for another practice's experiment, with or without a cursor, exactly as for an unknown one", async () => {
    const cursor = (await browser.get(`/api/experiments/${small}/enrolments?limit=2`)).json.nextCursor as string;
    const other = await signedIn(app, (await buildPractice(app)).ownerEmail);
    const foreign = await other.get(`/api/experiments/${small}/enrolments`);
    const unknown = await other.get(`/api/experiments/00000000-0000-0000-0000-000000000000/enrolments`);
    expect(foreign.status).toBe(404);
    expect(foreign.json).toEqual(unknown.json);
    expect((await other.get(`/api/experiments/${small}/enrolments?cursor=${cursor}`)).status).toBe(404);
  });

  it("checks every active client for eligibility, past a thousand, and pages through each once", async () => {
    const at = app.clock.now().toISOString();
    const rows = Array.from({ length: 1100 }, (_, i) => ({
      id: randomUUID(),
      practice_id: practiceId,
      first_name: "Bulk",
      last_name: `Client ${String(i).padStart(4, "0")}`,
      time_zone: "Europe/London",
      search_text: `bulk client ${i}`,
      created_at: at,
      updated_at: at,
    }));
    for (let i = 0; i < rows.length; i += 100)
      await app.db.database.db
        .insertInto("client")
        .values(rows.slice(i, i + 100))
        .execute();
    const clients: { clientId: string; eligible: boolean; enrolled: boolean }[] = [];
    let cursor: string | null = null;
    do {
      const listed = await browser.get(
        `/api/experiments/${experimentId}/eligibility?show=all&limit=200${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(listed.status).toBe(200);
      // The 1,100 here and the 65 the experiments above enrolled, each once.
      expect(listed.json.matching).toBe(1100 + 12 + MANY);
      expect(listed.json.counts).toEqual({ eligible: 1100 + 12, ineligible: 0 });
      clients.push(...(listed.json.clients as typeof clients));
      cursor = listed.json.nextCursor as string | null;
    } while (cursor);
    expect(clients).toHaveLength(1100 + 12 + MANY);
    expect(new Set(clients.map((c) => c.clientId)).size).toBe(clients.length);
    for (const row of rows) expect(clients.find((c) => c.clientId === row.id)).toMatchObject({ eligible: true, enrolled: false });
    expect(clients.filter((c) => c.enrolled)).toHaveLength(MANY);
  });
});
