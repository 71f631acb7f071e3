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
  buildProtocol,
  buildProtocolInput,
  buildSession,
  buildPractitioner,
  giveCheckinConsent,
  scheduleCheckins,
  signedIn,
  type TestPractice,
} from "../support/factories.js";
import { buildFitRun } from "../support/runs.js";
import { buildIntake } from "../support/intake.js";
import type { TestBrowser } from "../support/http.js";
import { startTestApp, type TestApp } from "../support/server.js";

/**
 * Every API route that takes an id, and how to call it. A route that takes an id and is missing
 * here fails the first test: adding a route means adding it to this table.
 */
interface Ids {
  clientId: string;
  practitionerId: string;
  activityId: string;
  complaintId: string;
  protocolId: string;
  sessionId: string;
  planId: string;
  checkinId: string;
  experimentId: string;
  caseReportId: string;
  intakeId: string;
  questionnaireId: string;
}
const OCTETS = { "content-type": "application/octet-stream" };
const QUESTIONNAIRE = {
  title: "Calf check",
  items: [{ key: "pain", type: "scale", text: "Calf pain today", lowAnchor: "None", highAnchor: "Worst" }],
  scoring: { method: "sum", minAnswered: 1 },
};
const ROUTES_WITH_IDS: { method: string; path: string; url: (ids: Ids) => string; body?: unknown; headers?: Record<string, string> }[] = [
  { method: "GET", path: "/api/clients/:id", url: (ids) => `/api/clients/${ids.clientId}` },
  { method: "PATCH", path: "/api/clients/:id", url: (ids) => `/api/clients/${ids.clientId}`, body: { version: 1, firstName: "Hijacked" } },
  { method: "POST", path: "/api/clients/:id/archive", url: (ids) => `/api/clients/${ids.clientId}/archive`, body: {} },
  { method: "POST", path: "/api/clients/:id/restore", url: (ids) => `/api/clients/${ids.clientId}/restore`, body: {} },
  {
    method: "POST",
    path: "/api/clients/:id/erase",
    url: (ids) => `/api/clients/${ids.clientId}/erase`,
    body: { confirm: "Maya Tenancyprobe" },
  },
  {
    method: "PUT",
    path: "/api/clients/:id/consents/:kind",
    url: (ids) => `/api/clients/${ids.clientId}/consents/checkin_messages`,
    body: { granted: false },
  },
  { method: "PATCH", path: "/api/team/:id", url: (ids) => `/api/team/${ids.practitionerId}`, body: { role: "assistant" } },
  {
    method: "POST",
    path: "/api/clients/:id/training/uploads",
    url: (ids) => `/api/clients/${ids.clientId}/training/uploads?name=run.fit`,
    body: buildFitRun({ start: "2026-11-02T07:00:00Z", seed: 99 }),
    headers: OCTETS,
  },
  { method: "GET", path: "/api/clients/:id/activities", url: (ids) => `/api/clients/${ids.clientId}/activities` },
  {
    method: "GET",
    path: "/api/clients/:id/outcomes",
    url: (ids) => `/api/clients/${ids.clientId}/outcomes?at=2026-11-15T00:00:00.000Z`,
  },
  { method: "GET", path: "/api/clients/:id/training/weeks", url: (ids) => `/api/clients/${ids.clientId}/training/weeks` },
  { method: "GET", path: "/api/activities/:id", url: (ids) => `/api/activities/${ids.activityId}` },
  { method: "PUT", path: "/api/activities/:id/sport", url: (ids) => `/api/activities/${ids.activityId}/sport`, body: { sport: "cycling" } },
  { method: "GET", path: "/api/clients/:id/runs-link", url: (ids) => `/api/clients/${ids.clientId}/runs-link` },
  { method: "POST", path: "/api/clients/:id/runs-link", url: (ids) => `/api/clients/${ids.clientId}/runs-link`, body: {} },
  { method: "DELETE", path: "/api/clients/:id/runs-link", url: (ids) => `/api/clients/${ids.clientId}/runs-link` },
  { method: "GET", path: "/api/clients/:id/intake-link", url: (ids) => `/api/clients/${ids.clientId}/intake-link` },
  { method: "POST", path: "/api/clients/:id/intake-link", url: (ids) => `/api/clients/${ids.clientId}/intake-link`, body: {} },
  { method: "DELETE", path: "/api/clients/:id/intake-link", url: (ids) => `/api/clients/${ids.clientId}/intake-link` },
  { method: "GET", path: "/api/clients/:id/intakes", url: (ids) => `/api/clients/${ids.clientId}/intakes` },
  { method: "POST", path: "/api/intakes/:id/flags-review", url: (ids) => `/api/intakes/${ids.intakeId}/flags-review`, body: {} },
  { method: "POST", path: "/api/intakes/:id/accept", url: (ids) => `/api/intakes/${ids.intakeId}/accept`, body: {} },
  { method: "GET", path: "/api/clients/:id/signed-consents", url: (ids) => `/api/clients/${ids.clientId}/signed-consents` },
  { method: "GET", path: "/api/clients/:id/profile-history", url: (ids) => `/api/clients/${ids.clientId}/profile-history` },
  { method: "GET", path: "/api/clients/:id/complaints", url: (ids) => `/api/clients/${ids.clientId}/complaints` },
  {
    method: "POST",
    path: "/api/clients/:id/complaints",
    url: (ids) => `/api/clients/${ids.clientId}/complaints`,
    body: { title: "Planted complaint" },
  },
  {
    method: "PATCH",
    path: "/api/complaints/:id",
    url: (ids) => `/api/complaints/${ids.complaintId}`,
    body: { version: 1, status: "resolved" },
  },
  { method: "GET", path: "/api/protocols/:id", url: (ids) => `/api/protocols/${ids.protocolId}` },
  {
    method: "PUT",
    path: "/api/protocols/:id",
    url: (ids) => `/api/protocols/${ids.protocolId}`,
    body: { ...buildProtocolInput({ name: "Hijacked protocol" }), version: 1 },
  },
  { method: "GET", path: "/api/clients/:id/sessions", url: (ids) => `/api/clients/${ids.clientId}/sessions` },
  {
    method: "POST",
    path: "/api/clients/:id/sessions",
    url: (ids) => `/api/clients/${ids.clientId}/sessions`,
    body: { startedAt: "2026-11-02T09:00:00Z" },
  },
  { method: "GET", path: "/api/sessions/:id", url: (ids) => `/api/sessions/${ids.sessionId}` },
  { method: "PATCH", path: "/api/sessions/:id", url: (ids) => `/api/sessions/${ids.sessionId}`, body: { version: 1, advice: "Hijacked" } },
  { method: "POST", path: "/api/sessions/:id/sign", url: (ids) => `/api/sessions/${ids.sessionId}/sign`, body: {} },
  {
    method: "POST",
    path: "/api/sessions/:id/amendments",
    url: (ids) => `/api/sessions/${ids.sessionId}/amendments`,
    body: { reason: "Hijack", changes: { advice: "Hijacked" } },
  },
  {
    method: "POST",
    path: "/api/sessions/:id/entered-in-error",
    url: (ids) => `/api/sessions/${ids.sessionId}/entered-in-error`,
    body: { reason: "Hijack" },
  },
  { method: "GET", path: "/api/sessions/:id/history", url: (ids) => `/api/sessions/${ids.sessionId}/history` },
  { method: "GET", path: "/api/clients/:id/timeline", url: (ids) => `/api/clients/${ids.clientId}/timeline` },
  { method: "GET", path: "/api/checkin-plans/:id", url: (ids) => `/api/checkin-plans/${ids.planId}` },
  {
    method: "PUT",
    path: "/api/checkin-plans/:id",
    url: (ids) => `/api/checkin-plans/${ids.planId}`,
    body: { ...buildCheckinPlanInput({ name: "Hijacked plan" }), version: 1 },
  },
  {
    method: "POST",
    path: "/api/sessions/:id/checkins",
    url: (ids) => `/api/sessions/${ids.sessionId}/checkins`,
    body: { planId: "00000000-0000-0000-0000-000000000000" },
  },
  { method: "GET", path: "/api/clients/:id/checkins", url: (ids) => `/api/clients/${ids.clientId}/checkins` },
  { method: "GET", path: "/api/questionnaires/:id", url: (ids) => `/api/questionnaires/${ids.questionnaireId}` },
  {
    method: "PUT",
    path: "/api/questionnaires/:id",
    url: (ids) => `/api/questionnaires/${ids.questionnaireId}`,
    body: { ...QUESTIONNAIRE, title: "Hijacked", version: 1 },
  },
  { method: "POST", path: "/api/checkins/:id/link", url: (ids) => `/api/checkins/${ids.checkinId}/link`, body: {} },
  { method: "POST", path: "/api/checkins/:id/send", url: (ids) => `/api/checkins/${ids.checkinId}/send`, body: {} },
  { method: "GET", path: "/api/clients/:id/export/fhir", url: (ids) => `/api/clients/${ids.clientId}/export/fhir` },
  { method: "GET", path: "/api/clients/:id/export", url: (ids) => `/api/clients/${ids.clientId}/export` },
  { method: "POST", path: "/api/checkins/:id/cancel", url: (ids) => `/api/checkins/${ids.checkinId}/cancel`, body: {} },
  {
    method: "POST",
    path: "/api/checkins/:id/reschedule",
    url: (ids) => `/api/checkins/${ids.checkinId}/reschedule`,
    body: { dueAt: "2026-12-20T18:00:00.000Z" },
  },
  { method: "GET", path: "/api/experiments/:id", url: (ids) => `/api/experiments/${ids.experimentId}` },
  {
    method: "PUT",
    path: "/api/experiments/:id",
    url: (ids) => `/api/experiments/${ids.experimentId}`,
    body: { ...buildExperimentInput("00000000-0000-0000-0000-000000000000", { title: "Hijacked experiment" }), version: 1 },
  },
  { method: "POST", path: "/api/experiments/:id/start", url: (ids) => `/api/experiments/${ids.experimentId}/start`, body: {} },
  {
    method: "POST",
    path: "/api/experiments/:id/amendments",
    url: (ids) => `/api/experiments/${ids.experimentId}/amendments`,
    body: { field: "plannedClients", value: 99, reason: "Hijacked amendment" },
  },
  { method: "POST", path: "/api/experiments/:id/finish", url: (ids) => `/api/experiments/${ids.experimentId}/finish`, body: {} },
  { method: "GET", path: "/api/experiments/:id/eligibility", url: (ids) => `/api/experiments/${ids.experimentId}/eligibility` },
  { method: "GET", path: "/api/experiments/:id/enrolments", url: (ids) => `/api/experiments/${ids.experimentId}/enrolments` },
  {
    method: "POST",
    path: "/api/experiments/:id/enrolments",
    url: (ids) => `/api/experiments/${ids.experimentId}/enrolments`,
    body: { clientId: "00000000-0000-0000-0000-000000000000" },
  },
  {
    method: "POST",
    path: "/api/experiments/:id/enrolments/:clientId/withdraw",
    url: (ids) => `/api/experiments/${ids.experimentId}/enrolments/${ids.clientId}/withdraw`,
    body: { reason: "Hijacked withdrawal" },
  },
  { method: "GET", path: "/api/experiments/:id/results", url: (ids) => `/api/experiments/${ids.experimentId}/results` },
  { method: "GET", path: "/api/clients/:id/case-reports", url: (ids) => `/api/clients/${ids.clientId}/case-reports` },
  { method: "POST", path: "/api/clients/:id/case-reports", url: (ids) => `/api/clients/${ids.clientId}/case-reports`, body: {} },
  { method: "GET", path: "/api/case-reports/:id", url: (ids) => `/api/case-reports/${ids.caseReportId}` },
  {
    method: "PUT",
    path: "/api/case-reports/:id",
    url: (ids) => `/api/case-reports/${ids.caseReportId}`,
    body: { version: 1, title: "Hijacked report", narrative: "Hijacked" },
  },
  { method: "GET", path: "/api/case-reports/:id/export.zip", url: (ids) => `/api/case-reports/${ids.caseReportId}/export.zip` },
  { method: "GET", path: "/api/case-reports/:id/print", url: (ids) => `/api/case-reports/${ids.caseReportId}/print?paper=a4` },
];

let app: TestApp;
let first: TestPractice;
let firstOwner: TestBrowser;
let intruder: TestBrowser;
let ids: Ids;
const SECRET_NAME = "Tenancyprobe";

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  first = await buildPractice(app);
  const second = await buildPractice(app);
  firstOwner = await signedIn(app, first.ownerEmail);
  intruder = await signedIn(app, second.ownerEmail);
  const clientId = await buildClient(firstOwner, { lastName: SECRET_NAME });
  const member = await buildPractitioner(app, first, "therapist");
  const upload = await firstOwner.request(
    "POST",
    `/api/clients/${clientId}/training/uploads?name=first.fit`,
    buildFitRun({ start: "2026-11-01T07:00:00Z" }),
    OCTETS,
  );
  const complaintId = await buildComplaint(firstOwner, clientId);
  const protocol = await buildProtocol(firstOwner);
  const sessionId = await buildSession(firstOwner, clientId, { complaintIds: [complaintId], protocolVersionId: protocol.versionId });
  await giveCheckinConsent(firstOwner, clientId);
  const planId = await buildCheckinPlan(firstOwner);
  const [checkin] = await scheduleCheckins(firstOwner, sessionId, planId);
  const experimentId = await buildExperiment(firstOwner, protocol.id);
  const caseReportId = await buildCaseReport(firstOwner, clientId, { complaintId });
  const questionnaire = await firstOwner.post("/api/questionnaires", QUESTIONNAIRE);
  ids = {
    clientId,
    practitionerId: member.id,
    activityId: upload.json.results[0].activityId as string,
    complaintId,
    protocolId: protocol.id,
    sessionId,
    planId,
    checkinId: checkin?.id ?? "",
    experimentId,
    caseReportId,
    intakeId: await buildIntake(app, firstOwner, clientId, { redFlag: "night_pain" }),
    questionnaireId: questionnaire.json.questionnaire.id as string,
  };
});
afterAll(async () => app.close());

describe("tenancy", () => {
  it("lists every API route that takes an id", () => {
    const withIds = app.server.routes
      .filter((r) => r.path.startsWith("/api/") && !r.path.startsWith("/api/auth/") && r.path.includes("/:") && r.method !== "ALL")
      .map((r) => `${r.method} ${r.path}`);
    const covered = new Set(ROUTES_WITH_IDS.map((r) => `${r.method} ${r.path}`));
    expect(withIds.filter((r) => !covered.has(r))).toEqual([]);
    expect([...covered].filter((r) => !withIds.includes(r))).toEqual([]);
  });

  it.each(ROUTES_WITH_IDS)("$method $path with another practice's id is 404 and reveals nothing", async (route) => {
    const response = await intruder.request(route.method, route.url(ids), route.body, route.headers);
    expect(response.status).toBe(404);
    expect(response.json.error.code).toBe("not_found");
    expect(response.text).not.toContain(SECRET_NAME);
    const unknown = await intruder.request(
      route.method,
      route.url({
        clientId: "00000000-0000-0000-0000-000000000000",
        practitionerId: "nope",
        activityId: "nope",
        complaintId: "nope",
        protocolId: "nope",
        sessionId: "nope",
        planId: "nope",
        checkinId: "nope",
        experimentId: "nope",
        caseReportId: "nope",
        intakeId: "nope",
        questionnaireId: "nope",
      }),
      route.body,
      route.headers,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual(response.json);
  });

  it("left the first practice's data untouched", async () => {
    const client = (await firstOwner.get(`/api/clients/${ids.clientId}`)).json.client;
    expect(client.lastName).toBe(SECRET_NAME);
    expect(client.firstName).not.toBe("Hijacked");
    expect(client.archivedAt).toBeNull();
    expect(client.consents.checkinMessages.history).toHaveLength(1);
    const activities = (await firstOwner.get(`/api/clients/${ids.clientId}/activities`)).json.activities as unknown[];
    expect(activities).toHaveLength(1);
    const team = (await firstOwner.get("/api/team")).json.members as { id: string; role: string }[];
    expect(team.find((m) => m.id === ids.practitionerId)?.role).toBe("therapist");
    const complaints = (await firstOwner.get(`/api/clients/${ids.clientId}/complaints`)).json.complaints as { status: string }[];
    expect(complaints.map((c) => c.status)).toEqual(["active"]);
    const protocol = (await firstOwner.get(`/api/protocols/${ids.protocolId}`)).json;
    expect(protocol.versions).toHaveLength(1);
    expect(protocol.protocol.name).toBe("Distal quad release");
    const session = (await firstOwner.get(`/api/sessions/${ids.sessionId}`)).json.session;
    expect(session).toMatchObject({ status: "draft", amendments: 0, advice: "Easy run only for two days" });
    expect((await firstOwner.get(`/api/clients/${ids.clientId}/sessions`)).json.sessions).toHaveLength(1);
    expect((await firstOwner.get(`/api/checkin-plans/${ids.planId}`)).json.plan.name).toBe("After treatment");
    const checkins = (await firstOwner.get(`/api/clients/${ids.clientId}/checkins`)).json.checkins as { state: string }[];
    expect(checkins.map((c) => c.state)).toEqual(["scheduled", "scheduled", "scheduled", "scheduled"]);
  });

  it("never lists or finds another practice's clients or practitioners", async () => {
    const clients = await intruder.get(`/api/clients?status=all&q=${SECRET_NAME}`);
    expect(clients.json).toEqual({ clients: [], total: 0 });
    const team = await intruder.get("/api/team");
    expect(team.text).not.toContain(first.ownerEmail);
    const protocols = await intruder.get("/api/protocols");
    expect(protocols.json).toEqual({ protocols: [] });
    expect((await intruder.get("/api/checkin-plans")).json).toEqual({ plans: [] });
    expect((await intruder.get("/api/recent-steps")).json).toEqual({ steps: [] });
    expect((await intruder.get("/api/questionnaires")).json).toEqual({ questionnaires: [] });
    expect((await intruder.get("/api/checkins/due")).json.checkins).toEqual([]);
    expect((await intruder.get("/api/outbox")).json).toEqual({ messages: [] });
    expect((await intruder.get(`/api/audit?client=${ids.clientId}`)).json.events).toEqual([]);
    const intruderLog = (await intruder.get("/api/audit?limit=200")).text;
    expect(intruderLog).not.toContain(first.ownerPractitionerId);
  });

  it("refuses another practice's complaint or protocol version inside a session body", async () => {
    const ownClient = await buildClient(intruder);
    const response = await intruder.post(`/api/clients/${ownClient}/sessions`, {
      startedAt: "2026-11-02T09:00:00Z",
      complaintIds: [ids.complaintId],
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.json.error.fields)).toEqual(["complaintIds.0"]);
    expect((await intruder.get(`/api/clients/${ownClient}/sessions`)).json.sessions).toEqual([]);
  });
});
