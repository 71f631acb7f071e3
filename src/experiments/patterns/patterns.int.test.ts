import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, buildPractice, buildSession, signedIn } from "../../../test/support/factories.js";
import type { TestBrowser } from "../../../test/support/http.js";
import { buildFitRun, DOWNHILL_TRAIL } from "../../../test/support/runs.js";
import { startTestApp, type TestApp } from "../../../test/support/server.js";
import { buildZip } from "../../../test/support/zip.js";
import { WORKOUTS } from "../../training/synthetic-run.js";
import { runningWeeks, runningWeeksOf } from "../../training/views.js";
import { benjaminiHochberg } from "../stats/index.js";

let app: TestApp;
let owner: TestBrowser;
let practiceId: string;

const ANCHOR = "2026-11-20T09:00:00.000Z";
/** Tuesdays of the eight calendar weeks up to the anchor session's week (Mon 28 Sep … Mon 16 Nov 2026). */
const TUESDAYS = Array.from({ length: 8 }, (_, week) => new Date(Date.parse("2026-09-29T07:00:00Z") + week * 7 * 86_400_000).toISOString());

async function uploadRuns(clientId: string, runs: Record<string, Uint8Array>): Promise<void> {
  const response = await owner.request("POST", `/api/clients/${clientId}/training/uploads?name=runs.zip`, await buildZip(runs), {
    "content-type": "application/octet-stream",
  });
  expect(response.json).toMatchObject({ imported: Object.keys(runs).length, rejected: 0 });
}

function finding(regionCode: string, qualities: Record<string, number>) {
  return { regionCode, side: "right", qualities };
}

/** A session with these findings; signed unless `draft`. */
async function recordSession(clientId: string, findings: object[], options: { startedAt?: string; draft?: boolean } = {}): Promise<void> {
  const id = await buildSession(owner, clientId, { startedAt: options.startedAt ?? ANCHOR, findings });
  if (options.draft) return;
  const signed = await owner.post(`/api/sessions/${id}/sign`);
  expect(signed.status).toBe(200);
}

/** A client who ran a long downhill every week of the window. */
async function downhillRunner(findings: object[]): Promise<void> {
  const client = await buildClient(owner);
  await uploadRuns(
    client,
    Object.fromEntries(
      TUESDAYS.map((start, index) => [`downhill-${index}.fit`, buildFitRun({ start, segments: DOWNHILL_TRAIL, seed: index + 1 })]),
    ),
  );
  await recordSession(client, findings);
}

/** A client with two flat easy runs in the window; returns the client id. */
async function flatRunner(findings: object[]): Promise<string> {
  const client = await buildClient(owner);
  await uploadRuns(client, {
    "easy-1.fit": buildFitRun({ start: "2026-10-14T07:00:00Z", segments: WORKOUTS.easy(5), seed: 21 }),
    "easy-2.fit": buildFitRun({ start: "2026-11-04T07:00:00Z", segments: WORKOUTS.easy(5), seed: 22 }),
  });
  await recordSession(client, findings);
  return client;
}

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T12:00:00Z") });
  const practice = await buildPractice(app);
  practiceId = practice.practiceId;
  owner = await signedIn(app, practice.ownerEmail);

  // Six downhill runners: five with a rigid distal rectus femoris (grade ≥ 2), one only mildly tense.
  for (let i = 0; i < 5; i += 1) await downhillRunner([finding("rectus_femoris_distal", { tension: 3 })]);
  await downhillRunner([finding("rectus_femoris_distal", { tension: 1 })]);

  // Six flat runners: one with a rigid distal rectus femoris, two with a tender calf.
  await flatRunner([finding("rectus_femoris_distal", { tension: 2 })]);
  const olderFinding = await flatRunner([finding("gastrocnemius", { tenderness: 2 })]);
  // Recorded more than eight weeks before this client's latest session: outside the window.
  await recordSession(olderFinding, [finding("rectus_femoris_distal", { tension: 3 })], { startedAt: "2026-08-01T09:00:00.000Z" });
  const draftFinding = await flatRunner([finding("gastrocnemius", { tenderness: 3 })]);
  // A draft is not part of the record yet.
  await recordSession(draftFinding, [finding("rectus_femoris_distal", { tension: 3 })], {
    startedAt: "2026-11-10T09:00:00.000Z",
    draft: true,
  });
  for (let i = 0; i < 3; i += 1) await flatRunner([finding("soleus", { tension: 1 })]);

  // A client with findings but no runs is left out.
  await recordSession(await buildClient(owner), [finding("rectus_femoris_distal", { tension: 3 })]);
}, 120_000);
afterAll(async () => app.close());

describe("GET /api/patterns", () => {
  it("compares downhill running with a rigid distal rectus femoris across the practice's clients", async () => {
    const response = await owner.get("/api/patterns");
    expect(response.status).toBe(200);
    const view = response.json;
    expect(view).toMatchObject({ weeks: 8, clientsWithFindings: 13, clientsIncluded: 12 });

    const rigid = view.pairs.find(
      (pair: { feature: { code: string }; finding: { key: string } }) =>
        pair.feature.code === "downhill" && pair.finding.key === "rectus_femoris_distal:tension",
    );
    expect(rigid.counts).toEqual({ a: 5, b: 1, c: 1, d: 5 });
    expect(rigid.sentence).toBe(
      "Rigid rectus femoris (distal third) in 5 of 6 clients with at least one downhill run a week, 1 of 6 without.",
    );
    // Fisher: tables as or less likely than a = 5 are a = 0, 1, 5, 6: (1 + 36 + 36 + 1) / 924.
    expect(rigid.p).toBeCloseTo(74 / 924, 10);
    expect(rigid.oddsRatio).toMatchObject({ estimate: 25, corrected: false });
    expect(rigid.oddsRatio.lower).toBeLessThan(25);
    expect(rigid.meaning).toContain("had this finding more often (83% against 17%)");

    const calf = view.pairs.find(
      (pair: { feature: { code: string }; finding: { key: string } }) =>
        pair.feature.code === "downhill" && pair.finding.key === "gastrocnemius:tenderness",
    );
    expect(calf.counts).toEqual({ a: 0, b: 6, c: 2, d: 4 });
    expect(calf.sentence).toBe("Tender gastrocnemius in 0 of 6 clients with at least one downhill run a week, 2 of 6 without.");
    // A zero cell: 0.5 added to every cell, (0.5 · 4.5) / (6.5 · 2.5).
    expect(calf.oddsRatio).toMatchObject({ corrected: true });
    expect(calf.oddsRatio.estimate).toBeCloseTo(2.25 / 16.25, 10);
    expect(calf.p).toBeCloseTo(30 / 66, 10);

    // q-values are Benjamini–Hochberg over every tested pair, and the list is sorted by them.
    const q = benjaminiHochberg(view.pairs.map((pair: { p: number }) => pair.p));
    view.pairs.forEach((pair: { q: number }, index: number) => expect(pair.q).toBeCloseTo(q[index] ?? Number.NaN, 12));
    const sorted = [...view.pairs].sort((x: { q: number }, y: { q: number }) => x.q - y.q);
    expect(view.pairs).toEqual(sorted);
    expect(view.caveats.join(" ")).toMatch(/Observational.*Many comparisons.*Unblinded/s);
  });

  it("lists pairs without enough clients, saying what is missing and giving no numbers", async () => {
    const view = (await owner.get("/api/patterns")).json;
    const hills = view.notEnoughData.find(
      (pair: { feature: { code: string }; finding: { key: string } }) =>
        pair.feature.code === "hill_repeats" && pair.finding.key === "rectus_femoris_distal:tension",
    );
    expect(hills).toEqual({
      feature: { code: "hill_repeats", phrase: "at least one hill-repeat run a week" },
      finding: {
        key: "rectus_femoris_distal:tension",
        regionCode: "rectus_femoris_distal",
        quality: "tension",
        label: "Rigid rectus femoris (distal third)",
      },
      missing: "Needs at least 5 clients with at least one hill-repeat run a week (there are 0).",
    });
    // Mild findings (grade 1) are not findings here: no pair for the soleus.
    const keys = [...view.pairs, ...view.notEnoughData].map((pair: { finding: { key: string } }) => pair.finding.key);
    expect(new Set(keys)).toEqual(new Set(["rectus_femoris_distal:tension", "gastrocnemius:tenderness"]));
  });

  it("reads every client's running weeks in one query, each exactly as the client's own read gives them", async () => {
    const db = app.db.database.db;
    const scope = { practiceId };
    const clients = await db.selectFrom("client").select("id").where("practice_id", "=", practiceId).orderBy("id").execute();
    // Windows of different lengths, one ending before any run and one empty of runs.
    const ranges = clients.map((c, i) => ({
      clientId: c.id,
      since: Date.parse("2026-09-01T00:00:00Z") + (i % 4) * 7 * 86_400_000,
      until: Date.parse(i % 5 === 4 ? "2026-09-02T00:00:00Z" : "2026-11-20T09:00:00Z"),
    }));
    const batched = await runningWeeksOf(db, scope, ranges);
    expect([...batched.keys()]).toEqual(ranges.map((r) => r.clientId));
    let withRuns = 0;
    for (const range of ranges) {
      const own = await runningWeeks(db, scope, range.clientId, range);
      expect(batched.get(range.clientId)).toEqual(own);
      if (own.some((week) => week.activities > 0)) withRuns += 1;
    }
    expect(withRuns).toBeGreaterThan(5);
  });

  it("shows another practice nothing of this one", async () => {
    const other = await signedIn(app, (await buildPractice(app)).ownerEmail);
    const response = await other.get("/api/patterns");
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ clientsWithFindings: 0, clientsIncluded: 0, pairs: [], notEnoughData: [] });
  });

  it("rejects a window outside 4–26 weeks naming the field, and asks for sign-in", async () => {
    const response = await owner.get("/api/patterns?weeks=2");
    expect(response.status).toBe(400);
    expect(response.json.error.fields).toEqual({ weeks: "must be at least 4" });
    expect((await app.browser().get("/api/patterns")).status).toBe(401);
  });

  it("answers from the last result until a signed session, a run, a sport or an erasure changes it, then shows the change", async () => {
    const before = (await owner.get("/api/patterns")).json;
    expect((await owner.get("/api/patterns")).json).toEqual(before);
    // A draft changes nothing; signing it does.
    const client = await buildClient(owner);
    const draftId = await buildSession(owner, client, { startedAt: ANCHOR, findings: [finding("gastrocnemius", { tenderness: 3 })] });
    expect((await owner.get("/api/patterns")).json).toEqual(before);
    expect((await owner.post(`/api/sessions/${draftId}/sign`)).status).toBe(200);
    const signed = (await owner.get("/api/patterns")).json;
    expect(signed).toMatchObject({ clientsWithFindings: before.clientsWithFindings + 1, clientsIncluded: before.clientsIncluded });
    // Runs in the window bring the client into the comparison.
    await uploadRuns(client, {
      "easy-1.fit": buildFitRun({ start: "2026-10-14T07:00:00Z", segments: WORKOUTS.easy(5), seed: 31 }),
      "easy-2.fit": buildFitRun({ start: "2026-11-04T07:00:00Z", segments: WORKOUTS.easy(5), seed: 32 }),
    });
    expect((await owner.get("/api/patterns")).json).toMatchObject({ clientsIncluded: before.clientsIncluded + 1 });
    // Corrected to rides, they are not runs any more.
    for (const run of (await owner.get(`/api/clients/${client}/activities`)).json.activities as { id: string }[])
      expect((await owner.request("PUT", `/api/activities/${run.id}/sport`, { sport: "cycling" })).status).toBe(200);
    expect((await owner.get("/api/patterns")).json).toEqual(signed);
    // Erased, the client is gone from the comparison.
    const { firstName, lastName } = (await owner.get(`/api/clients/${client}`)).json.client as { firstName: string; lastName: string };
    expect((await owner.post(`/api/clients/${client}/erase`, { confirm: `${firstName} ${lastName}` })).status).toBe(200);
    expect((await owner.get("/api/patterns")).json).toEqual(before);
  });
});
