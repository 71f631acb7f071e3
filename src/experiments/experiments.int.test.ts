import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCheckinPlan,
  buildClient,
  buildComplaint,
  buildExperiment,
  buildExperimentInput,
  buildPractice,
  buildProtocol,
  buildSession,
  giveCheckinConsent,
  scheduleCheckins,
  signedIn,
} from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { buildFitRun } from "../../test/support/runs.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { seededRandom } from "./stats/index.js";

let app: TestApp;
let ownerEmail: string;
let browser: TestBrowser;
let release: { id: string; versionId: string };
let direct: { id: string; versionId: string };
let planId: string;

const START = new Date("2026-10-01T10:00:00Z");
const FORM = { "content-type": "application/x-www-form-urlencoded" };

beforeAll(async () => {
  app = await startTestApp({ now: START });
  ownerEmail = (await buildPractice(app)).ownerEmail;
  browser = await signedIn(app, ownerEmail);
  release = await buildProtocol(browser, { name: "Distal quad release" });
  direct = await buildProtocol(browser, { name: "Direct hip-flexor work" });
  planId = await buildCheckinPlan(browser, { name: "Day 14", measureCodes: ["tightness-nrs"], offsetsDays: [14] });
});
afterAll(async () => app.close());

async function at(instant: string): Promise<void> {
  app.clock.set(new Date(instant));
  browser = await signedIn(app, ownerEmail);
}

/** An eligible client (iliopsoas complaint, rigid distal rectus femoris) with one session of `protocol` on 1 Oct 09:00 and its day-14 check-in link. */
async function eligibleClient(protocolVersionId: string, preTightness: number): Promise<{ clientId: string; linkUrl: string }> {
  const clientId = await buildClient(browser, { timeZone: "UTC" });
  await buildComplaint(browser, clientId);
  await giveCheckinConsent(browser, clientId);
  const sessionId = await buildSession(browser, clientId, {
    startedAt: "2026-10-01T09:00:00.000Z",
    protocolVersionId,
    measures: { pre: { pain: 4, tightness: preTightness }, post: { pain: 2, tightness: 3 } },
  });
  expect((await browser.post(`/api/sessions/${sessionId}/sign`, {})).status).toBe(200);
  const [checkin] = await scheduleCheckins(browser, sessionId, planId);
  if (!checkin) throw new Error("no check-in scheduled");
  return { clientId, linkUrl: checkin.linkUrl };
}

function answer(linkUrl: string, tightness: number) {
  return app
    .browser()
    .request("POST", new URL(linkUrl).pathname, new URLSearchParams({ "tightness-nrs.1": String(tightness) }).toString(), FORM);
}

describe("experiments", () => {
  it("pre-registers a case series, enrols eligible clients, and reports responders with the Wilson interval", async () => {
    const id = await buildExperiment(browser, release.id);
    const draft = (await browser.get(`/api/experiments/${id}`)).json.experiment;
    expect(draft).toMatchObject({
      status: "draft",
      registration: null,
      labels: { interventionProtocol: "Distal quad release", primaryOutcome: "Tightness at day 14" },
    });

    const edited = await browser.put(`/api/experiments/${id}`, { ...buildExperimentInput(release.id, { plannedClients: 8 }), version: 1 });
    expect(edited.status).toBe(200);
    expect(edited.json.experiment.plan.plannedClients).toBe(8);

    const started = await browser.post(`/api/experiments/${id}/start`, {});
    expect(started.status).toBe(200);
    const registration = started.json.experiment.registration as { sha256: string; record: string; at: string };
    expect(registration.at).toBe(START.toISOString());
    expect(createHash("sha256").update(registration.record).digest("hex")).toBe(registration.sha256);
    expect(started.json.experiment.currentSha256).toBe(started.json.experiment.registration.planSha256);
    expect(JSON.parse(registration.record)).toMatchObject({
      plan: { plannedClients: 8 },
      protocolVersions: [{ protocolId: release.id, version: 1, name: "Distal quad release" }],
    });

    // After registration the plan changes only by a listed amendment; the registration hash stays.
    const silent = await browser.put(`/api/experiments/${id}`, {
      ...buildExperimentInput(release.id, { plannedClients: 20 }),
      version: started.json.experiment.version,
    });
    expect(silent.status).toBe(409);
    const badAmendment = await browser.post(`/api/experiments/${id}/amendments`, {
      field: "plannedClients",
      value: -3,
      reason: "Typo fix",
    });
    expect(badAmendment.status).toBe(400);
    expect(Object.keys(badAmendment.json.error.fields)).toEqual(["value"]);
    const amended = await browser.post(`/api/experiments/${id}/amendments`, {
      field: "plannedClients",
      value: 12,
      reason: "More clients than expected",
    });
    expect(amended.status).toBe(201);
    expect(amended.json.experiment.registration.sha256).toBe(registration.sha256);
    expect(amended.json.experiment.currentSha256).not.toBe(registration.sha256);
    expect(amended.json.experiment.amendments).toMatchObject([
      { number: 1, field: "plannedClients", before: 8, after: 12, reason: "More clients than expected" },
    ]);

    const clients = [
      await eligibleClient(release.versionId, 8),
      await eligibleClient(release.versionId, 7),
      await eligibleClient(release.versionId, 8),
      await eligibleClient(release.versionId, 6),
    ];
    const ineligible = await buildClient(browser);
    const eligibility = (await browser.get(`/api/experiments/${id}/eligibility?show=all`)).json.clients as {
      clientId: string;
      eligible: boolean;
      checks: { met: boolean; evidence: string }[];
    }[];
    expect(
      eligibility
        .filter((c) => c.eligible)
        .map((c) => c.clientId)
        .sort(),
    ).toEqual(clients.map((c) => c.clientId).sort());
    expect(eligibility.find((c) => c.clientId === ineligible)?.checks.map((c) => c.met)).toEqual([false, false]);

    const refused = await browser.post(`/api/experiments/${id}/enrolments`, { clientId: ineligible });
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toContain("An active complaint in Iliopsoas");
    for (const client of clients)
      expect((await browser.post(`/api/experiments/${id}/enrolments`, { clientId: client.clientId })).status).toBe(201);
    expect((await browser.post(`/api/experiments/${id}/enrolments`, { clientId: clients[0]?.clientId })).status).toBe(409);

    const early = (await browser.get(`/api/experiments/${id}/results`)).json.results;
    expect(early.caseSeries).toEqual({ ok: false, n: 0, missing: "needs tightness at day 14 from at least 3 clients (has 0)" });
    expect(early.clients[0].primary).toEqual({ ok: false, missing: "no tightness value between day 11 and day 17" });

    // Day 15: the clients answer their day-14 check-ins: 8→3, 7→4, 8→7, 6→1 (MCID 2 points).
    await at("2026-10-15T19:00:00Z");
    for (const [index, value] of [3, 4, 7, 1].entries()) {
      expect((await answer(clients[index]?.linkUrl ?? "", value)).status).toBe(200);
    }
    const results = (await browser.get(`/api/experiments/${id}/results`)).json.results;
    expect(results.analysed).toBe(4);
    expect(
      results.clients.map((c: { primary: { change: number; responder: boolean } }) => [c.primary.change, c.primary.responder]),
    ).toEqual([
      [-5, true],
      [-3, true],
      [-1, false],
      [-5, true],
    ]);
    expect(results.caseSeries).toMatchObject({ ok: true, n: 4, responders: 3 });
    // Wilson 95% interval for 3/4 (Newcombe 1998, method 3): 0.3006 to 0.9544.
    expect(results.caseSeries.responderRate.lower).toBeCloseTo(0.3006, 3);
    expect(results.caseSeries.responderRate.upper).toBeCloseTo(0.9544, 3);
    expect(results.caseSeries.medianChange.median).toBe(-4);
    expect(results.caseSeries.responderMeaning).toContain("3 of 4 clients improved by at least 2 points");
    expect(results.clients[0].singleCase).toMatchObject({ ok: false });
    expect(results.caveats.join(" ")).toContain("No comparison group");
    expect(results.caveats.join(" ")).toContain("amended 1 time");

    const withdrawn = await browser.post(`/api/experiments/${id}/enrolments/${clients[2]?.clientId}/withdraw`, { reason: "Moved away" });
    expect(withdrawn.status).toBe(200);
    const after = (await browser.get(`/api/experiments/${id}/results`)).json.results;
    expect(after).toMatchObject({ enrolled: 4, withdrawn: 1, caseSeries: { n: 3, responders: 3 } });

    expect((await browser.post(`/api/experiments/${id}/finish`, {})).status).toBe(200);
    const late = await browser.post(`/api/experiments/${id}/enrolments`, { clientId: ineligible });
    expect(late.status).toBe(409);
    const list = (await browser.get("/api/experiments")).json.experiments as { id: string; status: string; enrolled: number }[];
    expect(list.find((e) => e.id === id)).toMatchObject({ status: "finished", enrolled: 3 });

    // A finished experiment's results are kept between requests, and follow a change of their inputs at once.
    const finished = (await browser.get(`/api/experiments/${id}/results`)).json.results;
    expect((await browser.get(`/api/experiments/${id}/results`)).json.results).toEqual(finished);
    const renamedVersion = (await browser.get(`/api/clients/${clients[0]?.clientId}`)).json.client.version as number;
    expect((await browser.patch(`/api/clients/${clients[0]?.clientId}`, { version: renamedVersion, firstName: "Renamed" })).status).toBe(
      200,
    );
    const renamed = (await browser.get(`/api/experiments/${id}/results`)).json.results;
    expect(renamed.clients[0].clientName).toMatch(/^Renamed /);
    expect({ ...renamed, clients: [] }).toEqual({ ...finished, clients: [] });
  });

  it("allocates two-protocol designs alternately and compares responder rates", async () => {
    await at("2026-10-01T10:00:00Z");
    const id = await buildExperiment(browser, release.id, {
      design: "two-protocols",
      comparator: { kind: "protocol", protocolId: direct.id },
      allocation: "alternating",
    });
    expect((await browser.post(`/api/experiments/${id}/start`, {})).status).toBe(200);
    // Alternating: odd positions get the intervention; the first session follows the allocation.
    const arms: string[] = [];
    const links: string[] = [];
    for (let i = 0; i < 6; i++) {
      const intervention = i % 2 === 0;
      const client = await eligibleClient(intervention ? release.versionId : direct.versionId, 8);
      const enrolled = await browser.post(`/api/experiments/${id}/enrolments`, { clientId: client.clientId });
      expect(enrolled.status).toBe(201);
      arms.push(enrolled.json.experiment.enrolments.at(-1).arm as string);
      links.push(client.linkUrl);
    }
    expect(arms).toEqual(["intervention", "comparator", "intervention", "comparator", "intervention", "comparator"]);
    const seventh = await eligibleClient(release.versionId, 8);
    const chosen = await browser.post(`/api/experiments/${id}/enrolments`, { clientId: seventh.clientId, arm: "comparator" });
    expect(chosen.status).toBe(400);
    expect(Object.keys(chosen.json.error.fields)).toEqual(["arm"]);

    await at("2026-10-15T19:00:00Z");
    // Intervention: 8→3, 8→4, 8→5 (3 responders); comparator: 8→8, 8→5, 8→7 (1 responder).
    for (const [index, value] of [3, 8, 4, 5, 5, 7].entries()) expect((await answer(links[index] ?? "", value)).status).toBe(200);
    const results = (await browser.get(`/api/experiments/${id}/results`)).json.results;
    expect(results.comparison).toMatchObject({ ok: true, intervention: { n: 3, responders: 3 }, comparator: { n: 3, responders: 1 } });
    expect(results.comparison.difference.difference).toBeCloseTo(2 / 3, 6);
    expect(results.comparison.probabilityInterventionBetter).toBeGreaterThan(0.9);
    expect(results.comparison.probabilityInterventionBetter).toBeLessThan(1);
  });

  it("allocates randomly from the seed stored at registration, so anyone can reproduce the draws", async () => {
    await at("2026-10-01T10:00:00Z");
    const id = await buildExperiment(browser, release.id, {
      design: "two-protocols",
      comparator: { kind: "protocol", protocolId: direct.id },
      allocation: "random",
    });
    const started = (await browser.post(`/api/experiments/${id}/start`, {})).json.experiment;
    const seed = started.allocationSeed as string;
    expect(seed).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(started.registration.record).allocationSeed).toBe(seed);
    for (let position = 1; position <= 4; position++) {
      const client = await eligibleClient(release.versionId, 8);
      const enrolment = (
        await browser.post(`/api/experiments/${id}/enrolments`, { clientId: client.clientId })
      ).json.experiment.enrolments.at(-1);
      const draw = seededRandom(`${seed}:${position}`)();
      expect(enrolment.arm).toBe(draw < 0.5 ? "intervention" : "comparator");
      expect(enrolment.allocationNote).toContain(seed);
    }
  });

  it("refuses a plan with unknown protocols or measures, naming the field, and writes nothing", async () => {
    await at("2026-10-01T10:00:00Z");
    const before = (await browser.get("/api/experiments")).json.experiments.length as number;
    const unknownProtocol = await browser.post("/api/experiments", buildExperimentInput("00000000-0000-0000-0000-000000000000"));
    expect(unknownProtocol.status).toBe(400);
    expect(Object.keys(unknownProtocol.json.error.fields)).toEqual(["interventionProtocolId"]);
    const badMeasure = await browser.post(
      "/api/experiments",
      buildExperimentInput(release.id, { primaryOutcome: { kind: "measure", measureCode: "free-text", days: 14 } }),
    );
    expect(badMeasure.status).toBe(400);
    expect(Object.keys(badMeasure.json.error.fields)).toEqual(["primaryOutcome.measureCode"]);
    const noComparator = await browser.post("/api/experiments", buildExperimentInput(release.id, { design: "two-protocols" }));
    expect(noComparator.status).toBe(400);
    expect(Object.keys(noComparator.json.error.fields)).toEqual(["comparator.protocolId"]);
    expect((await browser.get("/api/experiments")).json.experiments).toHaveLength(before);
  });

  it("keeps experiments to their practice: another practice's client cannot be enrolled", async () => {
    await at("2026-10-01T10:00:00Z");
    const id = await buildExperiment(browser, release.id);
    await browser.post(`/api/experiments/${id}/start`, {});
    const other = await signedIn(app, (await buildPractice(app)).ownerEmail);
    const foreignClient = await buildClient(other);
    const response = await browser.post(`/api/experiments/${id}/enrolments`, { clientId: foreignClient });
    expect(response.status).toBe(400);
    expect(Object.keys(response.json.error.fields)).toEqual(["clientId"]);
    expect((await other.get("/api/experiments")).json.experiments).toEqual([]);
  });

  it("shows a running experiment's results as of now: a session dated later counts once the clock reaches it", async () => {
    await at("2026-10-01T10:00:00Z");
    const id = await buildExperiment(browser, release.id);
    expect((await browser.post(`/api/experiments/${id}/start`, {})).status).toBe(200);
    const { clientId } = await eligibleClient(release.versionId, 8);
    expect((await browser.post(`/api/experiments/${id}/enrolments`, { clientId })).status).toBe(201);
    // A session entered ahead of time: signed now, dated tomorrow morning.
    const later = await buildSession(browser, clientId, {
      startedAt: "2026-10-02T08:00:00.000Z",
      protocolVersionId: release.versionId,
      measures: { pre: { pain: 3, tightness: 5 }, post: { pain: 1, tightness: 2 } },
    });
    expect((await browser.post(`/api/sessions/${later}/sign`, {})).status).toBe(200);
    const seriesAt = async () => {
      const results = (await browser.get(`/api/experiments/${id}/results`)).json.results as {
        clients: { clientId: string; series: { at: string; value: number }[] }[];
      };
      return results.clients.find((c) => c.clientId === clientId)?.series.map((p) => p.at);
    };
    expect(await seriesAt()).toEqual(["2026-10-01T09:00:00.000Z"]);
    expect(await seriesAt()).toEqual(["2026-10-01T09:00:00.000Z"]);
    // Nothing else changes: only the clock passes the session.
    app.clock.set(new Date("2026-10-02T08:00:01Z"));
    expect(await seriesAt()).toEqual(["2026-10-01T09:00:00.000Z", "2026-10-02T08:00:00.000Z"]);
  });
  it("recomputes kept results after every change to their inputs: an answer, a run, a sport, a session, an erasure", async () => {
    await at("2026-10-01T10:00:00Z");
    const id = await buildExperiment(browser, release.id, {
      secondaryOutcomes: [{ kind: "running", metric: "cadence-at-matched-pace", windowDays: 14 }],
    });
    expect((await browser.post(`/api/experiments/${id}/start`, {})).status).toBe(200);
    const kept = await eligibleClient(release.versionId, 8);
    const erased = await eligibleClient(release.versionId, 7);
    for (const clientId of [kept.clientId, erased.clientId])
      expect((await browser.post(`/api/experiments/${id}/enrolments`, { clientId })).status).toBe(201);
    app.clock.set(new Date("2026-10-16T12:00:00Z"));
    const view = async () => {
      const results = (await browser.get(`/api/experiments/${id}/results`)).json.results as {
        enrolled: number;
        clients: {
          clientId: string;
          series: { at: string; value: number }[];
          secondary: { change: { runsBefore: number; runsAfter: number } }[];
        }[];
      };
      const client = results.clients.find((c) => c.clientId === kept.clientId)!;
      return {
        enrolled: results.enrolled,
        series: client.series.map((point) => `${point.at} ${point.value}`),
        runsBefore: client.secondary[0]!.change.runsBefore,
      };
    };
    const first = await view();
    expect(first).toEqual({ enrolled: 2, series: ["2026-10-01T09:00:00.000Z 8"], runsBefore: 0 });
    expect(await view()).toEqual(first);

    // The client answers their check-in (which the patterns do not read: their version stays).
    const versions = () =>
      app.db.database.db
        .selectFrom("client_data_version")
        .select(["version", "patterns_version"])
        .where("client_id", "=", kept.clientId)
        .executeTakeFirstOrThrow()
        .then((row) => ({ version: Number(row.version), patterns: Number(row.patterns_version) }));
    const unanswered = await versions();
    expect((await answer(kept.linkUrl, 3)).status).toBe(200);
    expect(await versions()).toMatchObject({
      version: expect.toSatisfy((v: number) => v > unanswered.version),
      patterns: unanswered.patterns,
    });
    const answered = await view();
    expect(answered.series).toEqual(["2026-10-01T09:00:00.000Z 8", "2026-10-16T12:00:00.000Z 3"]);

    // A run imported in the window before the first session.
    const upload = await browser.request(
      "POST",
      `/api/clients/${kept.clientId}/training/uploads?name=run.fit`,
      buildFitRun({ start: "2026-09-25T07:00:00Z", seed: 5 }),
      { "content-type": "application/octet-stream" },
    );
    expect(upload.json).toMatchObject({ imported: 1 });
    expect(await view()).toEqual({ ...answered, runsBefore: 1 });

    // Corrected to a ride, it is no longer a run.
    const [run] = (await browser.get(`/api/clients/${kept.clientId}/activities`)).json.activities;
    expect((await browser.request("PUT", `/api/activities/${run.id}/sport`, { sport: "cycling" })).status).toBe(200);
    expect(await view()).toEqual(answered);

    // A second session: not counted as a draft, counted once signed, left out once entered in error.
    const session = await buildSession(browser, kept.clientId, {
      startedAt: "2026-10-10T09:00:00.000Z",
      protocolVersionId: release.versionId,
      measures: { pre: { pain: 3, tightness: 6 }, post: { pain: 1, tightness: 2 } },
    });
    expect(await view()).toEqual(answered);
    expect((await browser.post(`/api/sessions/${session}/sign`, {})).status).toBe(200);
    expect((await view()).series).toEqual(["2026-10-01T09:00:00.000Z 8", "2026-10-10T09:00:00.000Z 6", "2026-10-16T12:00:00.000Z 3"]);
    expect((await browser.post(`/api/sessions/${session}/entered-in-error`, { reason: "Wrong client" })).status).toBe(200);
    expect(await view()).toEqual(answered);

    // The other client is erased.
    const other = (await browser.get(`/api/clients/${erased.clientId}`)).json.client as { firstName: string; lastName: string };
    const erase = await browser.post(`/api/clients/${erased.clientId}/erase`, { confirm: `${other.firstName} ${other.lastName}` });
    expect(erase.status).toBe(200);
    expect(await view()).toEqual({ ...answered, enrolled: 1 });
  });
});
