import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCheckinPlan,
  buildClient,
  buildPractice,
  buildProtocol,
  buildProtocolInput,
  buildSession,
  giveCheckinConsent,
  scheduleCheckins,
  signedIn,
} from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";

let app: TestApp;
let browser: TestBrowser;
let otherPracticePlanId: string;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  browser = await signedIn(app, (await buildPractice(app)).ownerEmail);
  const other = await signedIn(app, (await buildPractice(app)).ownerEmail);
  otherPracticePlanId = await buildCheckinPlan(other, { name: "Someone else's plan" });
});
afterAll(async () => app.close());

type ListedCheckin = { id: string; sessionId: string; state: string; dueAt: string; offsetDays: number };

async function checkinsOf(clientId: string): Promise<ListedCheckin[]> {
  return (await browser.get(`/api/clients/${clientId}/checkins`)).json.checkins as ListedCheckin[];
}

/** A protocol whose versions carry a plan of days 1 and 3 at 18:00. */
async function protocolWithPlan(): Promise<{ protocolId: string; versionId: string; planId: string }> {
  const planId = await buildCheckinPlan(browser, { name: "After release", offsetsDays: [1, 3] });
  const { id, versionId } = await buildProtocol(browser, { checkinPlanId: planId });
  return { protocolId: id, versionId, planId };
}

async function sign(sessionId: string) {
  const response = await browser.post(`/api/sessions/${sessionId}/sign`);
  expect(response.status, response.text).toBe(200);
  return response.json.session as { automaticCheckins: Record<string, unknown> | null };
}

describe("a check-in plan attached to a protocol", () => {
  it("is kept by a new version unless changed, and removed with null", async () => {
    const { protocolId, planId } = await protocolWithPlan();
    const read = async () => (await browser.get(`/api/protocols/${protocolId}`)).json;
    expect((await read()).protocol.current.checkinPlanId).toBe(planId);

    const kept = await browser.put(`/api/protocols/${protocolId}`, {
      ...buildProtocolInput({ name: "Distal quad release v2" }),
      version: 1,
    });
    expect(kept.status).toBe(200);
    expect(kept.json.protocol.current).toMatchObject({ version: 2, checkinPlanId: planId });

    const otherPlan = await buildCheckinPlan(browser, { name: "Longer follow-up", offsetsDays: [7, 14] });
    const changed = await browser.put(`/api/protocols/${protocolId}`, { ...buildProtocolInput({ checkinPlanId: otherPlan }), version: 2 });
    expect(changed.json.protocol.current).toMatchObject({ version: 3, checkinPlanId: otherPlan });

    const removed = await browser.put(`/api/protocols/${protocolId}`, { ...buildProtocolInput({ checkinPlanId: null }), version: 3 });
    expect(removed.json.protocol.current).toMatchObject({ version: 4, checkinPlanId: null });
    // Earlier versions are never changed.
    expect((await read()).versions.map((v: { checkinPlanId: string | null }) => v.checkinPlanId)).toEqual([
      null,
      otherPlan,
      planId,
      planId,
    ]);
  });

  it("refuses another practice's plan or an unknown one with 400 naming the field", async () => {
    for (const checkinPlanId of [otherPracticePlanId, "no-such-plan"]) {
      const created = await browser.post("/api/protocols", buildProtocolInput({ checkinPlanId }));
      expect(created.status).toBe(400);
      expect(created.json.error.fields).toEqual({ checkinPlanId: "is not a check-in plan of this practice" });
    }
    const { id } = await buildProtocol(browser);
    const revised = await browser.put(`/api/protocols/${id}`, {
      ...buildProtocolInput({ checkinPlanId: otherPracticePlanId }),
      version: 1,
    });
    expect(revised.status).toBe(400);
    expect(Object.keys(revised.json.error.fields)).toEqual(["checkinPlanId"]);
    expect((await browser.get(`/api/protocols/${id}`)).json.versions).toHaveLength(1);
  });
});

describe("signing a session whose protocol has a check-in plan", () => {
  it("schedules the plan's check-ins from the session time when the client consents", async () => {
    const { versionId, planId } = await protocolWithPlan();
    const clientId = await buildClient(browser, { timeZone: "Europe/London" });
    await giveCheckinConsent(browser, clientId);
    const sessionId = await buildSession(browser, clientId, { protocolVersionId: versionId, startedAt: "2026-11-27T09:00:00.000Z" });
    expect(await checkinsOf(clientId)).toEqual([]);

    const signed = await sign(sessionId);
    expect(signed.automaticCheckins).toMatchObject({
      outcome: "scheduled",
      planId,
      planName: "After release",
      count: 2,
      message: "2 check-ins scheduled automatically from the protocol's plan “After release”.",
    });
    const checkins = await checkinsOf(clientId);
    expect(checkins.map((c) => [c.sessionId, c.offsetDays, c.dueAt, c.state])).toEqual([
      [sessionId, 1, "2026-11-28T18:00:00.000Z", "scheduled"],
      [sessionId, 3, "2026-11-30T18:00:00.000Z", "scheduled"],
    ]);
    expect((await browser.get(`/api/sessions/${sessionId}`)).json.session.automaticCheckins.outcome).toBe("scheduled");
  });

  it("never schedules twice: signing again is refused and amendments add nothing", async () => {
    const { versionId } = await protocolWithPlan();
    const second = await protocolWithPlan();
    const clientId = await buildClient(browser);
    await giveCheckinConsent(browser, clientId);
    const sessionId = await buildSession(browser, clientId, { protocolVersionId: versionId });
    await sign(sessionId);
    expect(await checkinsOf(clientId)).toHaveLength(2);

    expect((await browser.post(`/api/sessions/${sessionId}/sign`)).status).toBe(409);
    const advice = await browser.post(`/api/sessions/${sessionId}/amendments`, { reason: "Typo", changes: { advice: "Rest a day" } });
    expect(advice.status).toBe(200);
    const protocolChange = await browser.post(`/api/sessions/${sessionId}/amendments`, {
      reason: "Applied the other protocol",
      changes: { protocolVersionId: second.versionId },
    });
    expect(protocolChange.status).toBe(200);
    expect(await checkinsOf(clientId)).toHaveLength(2);
  });

  it("schedules nothing without consent and says why on the session", async () => {
    const { versionId } = await protocolWithPlan();
    const clientId = await buildClient(browser);
    const sessionId = await buildSession(browser, clientId, { protocolVersionId: versionId });
    const signed = await sign(sessionId);
    expect(signed.automaticCheckins).toMatchObject({
      outcome: "no_consent",
      count: 0,
      message: "No check-ins scheduled: the client has not consented to check-in messages.",
    });
    expect(await checkinsOf(clientId)).toEqual([]);
  });

  it("adds nothing when check-ins were already scheduled by hand before signing", async () => {
    const { versionId } = await protocolWithPlan();
    const clientId = await buildClient(browser);
    await giveCheckinConsent(browser, clientId);
    const sessionId = await buildSession(browser, clientId, { protocolVersionId: versionId });
    await scheduleCheckins(browser, sessionId, await buildCheckinPlan(browser, { offsetsDays: [5] }));
    const signed = await sign(sessionId);
    expect(signed.automaticCheckins).toBeNull();
    expect((await checkinsOf(clientId)).map((c) => c.offsetDays)).toEqual([5]);
  });

  it("schedules when an amendment applies a protocol with a plan to a signed session", async () => {
    const { versionId } = await protocolWithPlan();
    const clientId = await buildClient(browser);
    await giveCheckinConsent(browser, clientId);
    const sessionId = await buildSession(browser, clientId);
    expect((await sign(sessionId)).automaticCheckins).toBeNull();
    const amended = await browser.post(`/api/sessions/${sessionId}/amendments`, {
      reason: "Forgot to record the protocol",
      changes: { protocolVersionId: versionId },
    });
    expect(amended.status).toBe(200);
    expect(amended.json.session.automaticCheckins).toMatchObject({ outcome: "scheduled", count: 2 });
    expect(await checkinsOf(clientId)).toHaveLength(2);
  });

  it("does nothing for a protocol without a plan", async () => {
    const { versionId } = await buildProtocol(browser);
    const clientId = await buildClient(browser);
    await giveCheckinConsent(browser, clientId);
    const sessionId = await buildSession(browser, clientId, { protocolVersionId: versionId });
    expect((await sign(sessionId)).automaticCheckins).toBeNull();
    expect(await checkinsOf(clientId)).toEqual([]);
  });
});
