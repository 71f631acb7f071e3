import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCaseReport,
  buildCheckinPlan,
  buildCheckinPlanInput,
  buildClient,
  buildComplaint,
  buildExperiment,
  buildExperimentInput,
  buildPractice,
  buildPractitioner,
  buildProtocol,
  buildProtocolInput,
  buildSession,
  giveCheckinConsent,
  scheduleCheckins,
  signedIn,
  type TestPractice,
} from "../support/factories.js";
import type { TestBrowser, TestResponse } from "../support/http.js";
import { startTestApp, type TestApp } from "../support/server.js";

/**
 * No lost writes: each scenario sends 50 requests at once through the real server and checks what
 * is stored afterwards. On PostgreSQL the requests really run in parallel (a pool of connections);
 * SQLite serialises writers, so there the same answers must come out of one-at-a-time execution.
 */
const N = 50;

let app: TestApp;
let practice: TestPractice;
let owner: TestBrowser;
let colleague: TestBrowser;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  practice = await buildPractice(app);
  owner = await signedIn(app, practice.ownerEmail);
  colleague = await signedIn(app, (await buildPractitioner(app, practice, "owner")).email);
});
afterAll(async () => app.close());

/** Sends `n` requests at once and waits for every answer. */
async function atOnce(n: number, send: (i: number) => Promise<TestResponse>): Promise<TestResponse[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => send(i)));
}

function statuses(responses: TestResponse[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const r of responses) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

describe("session edits", () => {
  it("applies exactly one of 50 edits based on the same version; the other 49 get 409 with the current version and who changed it", async () => {
    const clientId = await buildClient(owner);
    const sessionId = await buildSession(owner, clientId);
    const opened = (await owner.get(`/api/sessions/${sessionId}`)).json.session;
    expect(opened.version).toBe(1);

    const responses = await atOnce(N, (i) =>
      (i % 2 === 0 ? owner : colleague).patch(`/api/sessions/${sessionId}`, { version: 1, advice: `Advice number ${i}` }),
    );
    expect(statuses(responses)).toEqual({ 200: 1, 409: N - 1 });
    const winner = responses.find((r) => r.status === 200)!;
    const winnerAdvice = winner.json.session.advice as string;
    const winnerName = responses.indexOf(winner) % 2 === 0 ? "Olive Owner" : "Pat owner";
    for (const lost of responses.filter((r) => r.status === 409)) {
      expect(lost.json.error).toMatchObject({
        code: "stale_version",
        current: { version: 2, updatedBy: { name: winnerName } },
        record: { version: 2, advice: winnerAdvice },
      });
      expect(lost.json.error.message).toContain(`changed by ${winnerName} since you opened it`);
    }
    const stored = (await owner.get(`/api/sessions/${sessionId}`)).json.session;
    expect(stored).toMatchObject({ version: 2, advice: winnerAdvice, updatedBy: { name: winnerName } });
    const history = (await owner.get(`/api/sessions/${sessionId}/history`)).json.revisions as { kind: string }[];
    expect(history.map((r) => r.kind)).toEqual(["created", "edited"]);
  });

  it("keeps every edit of 10 editors who each merge and retry after a 409", async () => {
    const clientId = await buildClient(owner);
    const sessionId = await buildSession(owner, clientId, { findings: [] });
    // Each editor adds its own line to the advice: read, change, save; on 409 read theirs and reapply the change.
    const editors = Array.from({ length: 10 }, (_, i) => i);
    await Promise.all(
      editors.map(async (i) => {
        for (;;) {
          const current = (await (i % 2 ? owner : colleague).get(`/api/sessions/${sessionId}`)).json.session;
          const lines = (current.advice ?? "").split("\n").filter(Boolean);
          const response = await (i % 2 ? owner : colleague).patch(`/api/sessions/${sessionId}`, {
            version: current.version,
            advice: [...lines, `line ${i}`].join("\n"),
          });
          if (response.status === 200) return;
          expect(response.status).toBe(409);
        }
      }),
    );
    const stored = (await owner.get(`/api/sessions/${sessionId}`)).json.session;
    expect(
      (stored.advice as string)
        .split("\n")
        .filter((l) => l.startsWith("line "))
        .sort(),
    ).toEqual(editors.map((i) => `line ${i}`).sort());
  });

  it("signs a draft once when 50 signatures arrive together: one 200, 49 × 409, one signed revision", async () => {
    const clientId = await buildClient(owner);
    const sessionId = await buildSession(owner, clientId);
    const responses = await atOnce(N, () => owner.post(`/api/sessions/${sessionId}/sign`, {}));
    expect(statuses(responses)).toEqual({ 200: 1, 409: N - 1 });
    for (const lost of responses.filter((r) => r.status === 409)) expect(lost.json.error.code).toBe("session_signed");
    const history = (await owner.get(`/api/sessions/${sessionId}/history`)).json.revisions as { kind: string }[];
    expect(history.map((r) => r.kind)).toEqual(["created", "signed"]);
  });

  it("numbers 50 concurrent amendments of a signed note 1…50 and keeps each one", async () => {
    const clientId = await buildClient(owner);
    const sessionId = await buildSession(owner, clientId);
    expect((await owner.post(`/api/sessions/${sessionId}/sign`, {})).status).toBe(200);
    const responses = await atOnce(N, (i) =>
      owner.post(`/api/sessions/${sessionId}/amendments`, { reason: `Correction ${i}`, changes: { advice: `Advice ${i}` } }),
    );
    expect(statuses(responses)).toEqual({ 200: N });
    const stored = (await owner.get(`/api/sessions/${sessionId}`)).json.session;
    expect(stored.amendments).toBe(N);
    const history = (await owner.get(`/api/sessions/${sessionId}/history`)).json.revisions as { revision: number; kind: string }[];
    expect(history.map((r) => r.revision)).toEqual(Array.from({ length: N + 2 }, (_, i) => i + 1));
    expect(history.filter((r) => r.kind === "amended")).toHaveLength(N);
  });
});

describe("other records' edits", () => {
  it("applies one of 50 stale-prone edits to a client, a complaint, a protocol, a check-in plan, an experiment and a case report; the rest get 409", async () => {
    const clientId = await buildClient(owner, { firstName: "Maya" });
    const complaintId = await buildComplaint(owner, clientId);
    const protocol = await buildProtocol(owner);
    const planId = await buildCheckinPlan(owner);
    const experimentId = await buildExperiment(owner, protocol.id);
    const reportId = await buildCaseReport(owner, clientId, { complaintId });
    const edits: {
      read: string;
      key: string;
      send: (i: number) => Promise<TestResponse>;
      changed: (record: Record<string, unknown>) => unknown;
    }[] = [
      {
        read: `/api/clients/${clientId}`,
        key: "client",
        send: (i) => owner.patch(`/api/clients/${clientId}`, { version: 1, notes: `Note ${i}` }),
        changed: (r) => r.notes,
      },
      {
        read: `/api/clients/${clientId}/complaints`,
        key: "complaint",
        send: (i) => owner.patch(`/api/complaints/${complaintId}`, { version: 1, notes: `Note ${i}` }),
        changed: (r) => r.notes,
      },
      {
        read: `/api/protocols/${protocol.id}`,
        key: "protocol",
        send: (i) => owner.put(`/api/protocols/${protocol.id}`, { ...buildProtocolInput({ description: `Take ${i}` }), version: 1 }),
        changed: (r) => (r.current as { description: string }).description,
      },
      {
        read: `/api/checkin-plans/${planId}`,
        key: "plan",
        send: (i) => owner.put(`/api/checkin-plans/${planId}`, { ...buildCheckinPlanInput({ name: `Plan ${i}` }), version: 1 }),
        changed: (r) => r.name,
      },
      {
        read: `/api/experiments/${experimentId}`,
        key: "experiment",
        send: (i) =>
          owner.put(`/api/experiments/${experimentId}`, { ...buildExperimentInput(protocol.id, { plannedClients: 10 + i }), version: 1 }),
        changed: (r) => (r.plan as { plannedClients: number }).plannedClients,
      },
      {
        read: `/api/case-reports/${reportId}`,
        key: "report",
        send: (i) =>
          owner.put(`/api/case-reports/${reportId}`, {
            version: 1,
            title: `Case ${i}`,
            narrative: "The runner came in with a tight hip flexor.",
          }),
        changed: (r) => r.title,
      },
    ];
    for (const edit of edits) {
      const responses = await atOnce(N, edit.send);
      expect(statuses(responses), edit.key).toEqual({ 200: 1, 409: N - 1 });
      const winner = responses.find((r) => r.status === 200)!.json[edit.key] as Record<string, unknown>;
      for (const lost of responses.filter((r) => r.status === 409)) {
        expect(lost.json.error, edit.key).toMatchObject({
          code: "stale_version",
          current: { version: 2, updatedBy: { name: "Olive Owner" } },
        });
      }
      const read = (await owner.get(edit.read)).json;
      const stored = (edit.key === "complaint" ? read.complaints[0] : read[edit.key]) as Record<string, unknown>;
      expect(edit.changed(stored), edit.key).toEqual(edit.changed(winner));
    }
    expect((await owner.get(`/api/protocols/${protocol.id}`)).json.versions).toHaveLength(2);
  });
});

describe("unique keys under 50 concurrent requests", () => {
  it("stores one answer set when a client's check-in form arrives 50 times at once, and every answer is an HTML page", async () => {
    const clientId = await buildClient(owner);
    const sessionId = await buildSession(owner, clientId);
    await giveCheckinConsent(owner, clientId);
    const [checkin] = await scheduleCheckins(owner, sessionId, await buildCheckinPlan(owner));
    const path = new URL(checkin!.linkUrl).pathname;
    const form = new URLSearchParams({ "nprs.1": "4", "tightness-nrs.1": "6", "free-text.text": "Better on hills" }).toString();
    const responses = await atOnce(N, () =>
      app.browser().request("POST", path, form, { "content-type": "application/x-www-form-urlencoded" }),
    );
    expect(statuses(responses)).toEqual({ 200: N });
    for (const r of responses) {
      expect(r.headers.get("content-type")).toMatch(/text\/html/);
      expect(r.text).toContain("Thank you");
    }
    const listed = (await owner.get(`/api/clients/${clientId}/checkins`)).json.checkins as { id: string; versions: unknown[] }[];
    expect(listed.find((c) => c.id === checkin!.id)?.versions).toHaveLength(1);
  });

  it("keeps every change when two different answer sets to one check-in arrive 50 times at once, interleaved", async () => {
    // A new minute: the 50 answers above used up this address's link-page allowance.
    app.clock.advance(61_000);
    const clientId = await buildClient(owner);
    const sessionId = await buildSession(owner, clientId);
    await giveCheckinConsent(owner, clientId);
    const [checkin] = await scheduleCheckins(owner, sessionId, await buildCheckinPlan(owner));
    const path = new URL(checkin!.linkUrl).pathname;
    const forms = [
      new URLSearchParams({ "nprs.1": "4", "tightness-nrs.1": "6" }).toString(),
      new URLSearchParams({ "nprs.1": "2", "tightness-nrs.1": "3" }).toString(),
    ];
    let next = 0;
    const responses = await atOnce(N, () =>
      app.browser().request("POST", path, forms[next++ % 2]!, { "content-type": "application/x-www-form-urlencoded" }),
    );
    expect(statuses(responses)).toEqual({ 200: N });
    const listed = (await owner.get(`/api/clients/${clientId}/checkins`)).json.checkins as {
      id: string;
      answeredAt: string | null;
      versions: { version: number; answers: Record<string, unknown> }[];
    }[];
    const stored = listed.find((c) => c.id === checkin!.id)!;
    expect(stored.answeredAt).not.toBeNull();
    // Numbered 1…k without a gap or a repeat; each version differs from the one before it, and
    // both answer sets were stored (a submission either stores its set or finds it the latest).
    const versions = [...stored.versions].sort((a, b) => a.version - b.version);
    expect(versions.map((v) => v.version)).toEqual(versions.map((_, i) => i + 1));
    const sets = versions.map((v) => JSON.stringify(v.answers));
    for (let i = 1; i < sets.length; i++) expect(sets[i]).not.toBe(sets[i - 1]);
    expect(new Set(sets).size).toBe(2);
  });

  it("records one consent event for 50 identical consent writes", async () => {
    const clientId = await buildClient(owner);
    const responses = await atOnce(N, () => owner.put(`/api/clients/${clientId}/consents/checkin_messages`, { granted: true }));
    expect(statuses(responses)).toEqual({ 200: N });
    const client = (await owner.get(`/api/clients/${clientId}`)).json.client;
    expect(client.consents.checkinMessages.granted).toBe(true);
    expect(client.consents.checkinMessages.history).toHaveLength(1);
  });

  it("enrols a client once when 50 enrolments arrive together: one 201, 49 × 409 already_enrolled", async () => {
    const protocol = await buildProtocol(owner);
    const experimentId = await buildExperiment(owner, protocol.id);
    expect((await owner.post(`/api/experiments/${experimentId}/start`, {})).status).toBe(200);
    const clientId = await buildClient(owner);
    await buildComplaint(owner, clientId);
    const sessionId = await buildSession(owner, clientId);
    expect((await owner.post(`/api/sessions/${sessionId}/sign`, {})).status).toBe(200);
    const responses = await atOnce(N, () => owner.post(`/api/experiments/${experimentId}/enrolments`, { clientId }));
    expect(statuses(responses)).toEqual({ 201: 1, 409: N - 1 });
    for (const lost of responses.filter((r) => r.status === 409)) expect(lost.json.error.code).toBe("already_enrolled");
    const experiment = (await owner.get(`/api/experiments/${experimentId}`)).json.experiment;
    expect(experiment.enrolments.map((e: { clientId: string; position: number }) => [e.clientId, e.position])).toEqual([[clientId, 1]]);
  });

  it("creates a technique once when 50 creations with the same name arrive together", async () => {
    const responses = await atOnce(N, () => owner.post("/api/techniques", { name: "Scar tissue release" }));
    expect(statuses(responses)).toEqual({ 201: 1, 409: N - 1 });
    for (const lost of responses.filter((r) => r.status === 409)) expect(lost.json.error.code).toBe("technique_exists");
    const vocabulary = (await owner.get("/api/vocabulary")).json;
    const techniques = (vocabulary.techniques ?? vocabulary.vocabulary?.techniques) as { name: string }[];
    expect(techniques.filter((t) => t.name === "Scar tissue release")).toHaveLength(1);
  });

  it("invites an address once when 50 invitations arrive together", async () => {
    const responses = await atOnce(N, () =>
      owner.post("/api/team", { name: "Tom Reilly", email: "tom.race@example.test", role: "therapist" }),
    );
    expect(statuses(responses)).toEqual({ 201: 1, 409: N - 1 });
    for (const lost of responses.filter((r) => r.status === 409)) expect(lost.json.error.code).toBe("already_on_team");
    const invitations = (await owner.get("/api/team")).json.invitations as { email: string }[];
    expect(invitations.filter((i) => i.email === "tom.race@example.test")).toHaveLength(1);
  });

  it("erases a client once when 50 erasures arrive together: one 200, 49 × 404, one erase event", async () => {
    const clientId = await buildClient(owner, { firstName: "Erin", lastName: "Gone" });
    await buildSession(owner, clientId);
    const responses = await atOnce(N, () => owner.post(`/api/clients/${clientId}/erase`, { confirm: "Erin Gone" }));
    expect(statuses(responses)).toEqual({ 200: 1, 404: N - 1 });
    expect((await owner.get(`/api/clients/${clientId}`)).status).toBe(404);
    const events = (await owner.get(`/api/audit?client=${clientId}&action=erase`)).json.events as { action: string }[];
    expect(events.filter((e) => e.action === "erase")).toHaveLength(1);
  });
});
