import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTE_ACTIONS, SIGNED_IN } from "../../src/platform/route-policy.js";
import { ACTIONS, POLICY, ROLES, decide, type Action, type Role, type Rule } from "../../src/shared/policy.js";
import {
  buildCaseReport,
  buildCheckinPlan,
  buildCheckinPlanInput,
  buildClient,
  buildClientInput,
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
import type { TestBrowser } from "../support/http.js";
import { buildFitRun } from "../support/runs.js";
import { startTestApp, type TestApp } from "../support/server.js";

/**
 * Every signed-in API route × every role, asserted against the role table in `shared/policy.ts`
 * (which docs/ARCHITECTURE.md shows). A route missing here or from `ROUTE_ACTIONS` fails the
 * first tests: adding a route means adding its rule (one line) and its call (one line here).
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
}
type Call = { method: string; path: string; url: (ids: Ids) => string; body?: (ids: Ids) => unknown; headers?: Record<string, string> };
const OCTETS = { "content-type": "application/octet-stream" };
const ZERO = "00000000-0000-0000-0000-000000000000";

const CALLS: Call[] = [
  { method: "GET", path: "/api/me", url: () => "/api/me" },
  { method: "GET", path: "/api/vocabulary", url: () => "/api/vocabulary" },
  { method: "GET", path: "/api/drafts", url: () => "/api/drafts?key=protocol:new" },
  { method: "PUT", path: "/api/drafts", url: () => "/api/drafts", body: () => ({ key: "protocol:new", body: { name: "x" } }) },
  { method: "DELETE", path: "/api/drafts", url: () => "/api/drafts?key=protocol:new" },
  { method: "GET", path: "/api/search", url: () => "/api/search?q=hip" },
  { method: "GET", path: "/api/case-report-print.css", url: () => "/api/case-report-print.css" },
  { method: "PATCH", path: "/api/practice", url: () => "/api/practice", body: () => ({ locale: "en-GB" }) },
  { method: "GET", path: "/api/team", url: () => "/api/team" },
  { method: "POST", path: "/api/team", url: () => "/api/team", body: () => ({ name: "", email: "not-an-address", role: "therapist" }) },
  { method: "PATCH", path: "/api/team/:id", url: (i) => `/api/team/${i.practitionerId}`, body: () => ({ role: "therapist" }) },
  { method: "GET", path: "/api/clients", url: () => "/api/clients" },
  { method: "POST", path: "/api/clients", url: () => "/api/clients", body: () => buildClientInput() },
  { method: "GET", path: "/api/clients/:id", url: (i) => `/api/clients/${i.clientId}` },
  { method: "PATCH", path: "/api/clients/:id", url: (i) => `/api/clients/${i.clientId}`, body: () => ({ phone: "+44 7700 900001" }) },
  { method: "POST", path: "/api/clients/:id/archive", url: (i) => `/api/clients/${i.clientId}/archive`, body: () => ({}) },
  { method: "POST", path: "/api/clients/:id/restore", url: (i) => `/api/clients/${i.clientId}/restore`, body: () => ({}) },
  {
    method: "POST",
    path: "/api/clients/:id/erase",
    url: (i) => `/api/clients/${i.clientId}/erase`,
    body: () => ({ confirm: "not the name" }),
  },
  {
    method: "PUT",
    path: "/api/clients/:id/consents/:kind",
    url: (i) => `/api/clients/${i.clientId}/consents/checkin_messages`,
    body: () => ({ granted: true }),
  },
  {
    method: "POST",
    path: "/api/clients/:id/training/uploads",
    url: (i) => `/api/clients/${i.clientId}/training/uploads?name=run.fit`,
    body: () => buildFitRun({ start: "2026-11-03T07:00:00Z", seed: 7 }),
    headers: OCTETS,
  },
  { method: "GET", path: "/api/clients/:id/activities", url: (i) => `/api/clients/${i.clientId}/activities` },
  { method: "GET", path: "/api/clients/:id/training/weeks", url: (i) => `/api/clients/${i.clientId}/training/weeks` },
  { method: "GET", path: "/api/activities/:id", url: (i) => `/api/activities/${i.activityId}` },
  {
    method: "PUT",
    path: "/api/activities/:id/sport",
    url: (i) => `/api/activities/${i.activityId}/sport`,
    body: () => ({ sport: "running" }),
  },
  { method: "GET", path: "/api/clients/:id/runs-link", url: (i) => `/api/clients/${i.clientId}/runs-link` },
  { method: "POST", path: "/api/clients/:id/runs-link", url: (i) => `/api/clients/${i.clientId}/runs-link`, body: () => ({}) },
  { method: "DELETE", path: "/api/clients/:id/runs-link", url: (i) => `/api/clients/${i.clientId}/runs-link` },
  { method: "GET", path: "/api/clients/:id/outcomes", url: (i) => `/api/clients/${i.clientId}/outcomes?at=2026-11-15T00:00:00.000Z` },
  { method: "GET", path: "/api/clients/:id/complaints", url: (i) => `/api/clients/${i.clientId}/complaints` },
  {
    method: "POST",
    path: "/api/clients/:id/complaints",
    url: (i) => `/api/clients/${i.clientId}/complaints`,
    body: () => ({ title: "Calf" }),
  },
  { method: "PATCH", path: "/api/complaints/:id", url: (i) => `/api/complaints/${i.complaintId}`, body: () => ({ status: "active" }) },
  { method: "GET", path: "/api/protocols", url: () => "/api/protocols" },
  { method: "POST", path: "/api/protocols", url: () => "/api/protocols", body: () => buildProtocolInput({ name: "Another recipe" }) },
  { method: "GET", path: "/api/protocols/:id", url: (i) => `/api/protocols/${i.protocolId}` },
  { method: "PUT", path: "/api/protocols/:id", url: (i) => `/api/protocols/${i.protocolId}`, body: () => buildProtocolInput() },
  { method: "POST", path: "/api/techniques", url: () => "/api/techniques", body: () => ({ name: "" }) },
  { method: "GET", path: "/api/clients/:id/sessions", url: (i) => `/api/clients/${i.clientId}/sessions` },
  {
    method: "POST",
    path: "/api/clients/:id/sessions",
    url: (i) => `/api/clients/${i.clientId}/sessions`,
    body: () => ({ startedAt: "2026-11-02T09:00:00Z" }),
  },
  { method: "GET", path: "/api/sessions/:id", url: (i) => `/api/sessions/${i.sessionId}` },
  { method: "PATCH", path: "/api/sessions/:id", url: (i) => `/api/sessions/${i.sessionId}`, body: () => ({ advice: "Rest" }) },
  { method: "GET", path: "/api/sessions/:id/history", url: (i) => `/api/sessions/${i.sessionId}/history` },
  { method: "GET", path: "/api/recent-steps", url: () => "/api/recent-steps" },
  { method: "POST", path: "/api/sessions/:id/sign", url: (i) => `/api/sessions/${i.sessionId}/sign`, body: () => ({}) },
  {
    method: "POST",
    path: "/api/sessions/:id/amendments",
    url: (i) => `/api/sessions/${i.sessionId}/amendments`,
    body: () => ({ reason: "Typo", changes: { advice: "Rest two days" } }),
  },
  {
    method: "POST",
    path: "/api/sessions/:id/entered-in-error",
    url: (i) => `/api/sessions/${i.sessionId}/entered-in-error`,
    body: () => ({ reason: "Wrong client" }),
  },
  { method: "GET", path: "/api/clients/:id/timeline", url: (i) => `/api/clients/${i.clientId}/timeline` },
  { method: "GET", path: "/api/checkin-plans", url: () => "/api/checkin-plans" },
  { method: "POST", path: "/api/checkin-plans", url: () => "/api/checkin-plans", body: () => buildCheckinPlanInput({ name: "Another" }) },
  { method: "GET", path: "/api/checkin-plans/:id", url: (i) => `/api/checkin-plans/${i.planId}` },
  { method: "PUT", path: "/api/checkin-plans/:id", url: (i) => `/api/checkin-plans/${i.planId}`, body: () => buildCheckinPlanInput() },
  {
    method: "POST",
    path: "/api/sessions/:id/checkins",
    url: (i) => `/api/sessions/${i.sessionId}/checkins`,
    body: () => ({ planId: ZERO }),
  },
  { method: "GET", path: "/api/clients/:id/checkins", url: (i) => `/api/clients/${i.clientId}/checkins` },
  { method: "GET", path: "/api/checkins/due", url: () => "/api/checkins/due" },
  { method: "POST", path: "/api/checkins/:id/link", url: (i) => `/api/checkins/${i.checkinId}/link`, body: () => ({}) },
  { method: "POST", path: "/api/checkins/:id/send", url: (i) => `/api/checkins/${i.checkinId}/send`, body: () => ({}) },
  {
    method: "POST",
    path: "/api/checkins/:id/reschedule",
    url: (i) => `/api/checkins/${i.checkinId}/reschedule`,
    body: () => ({ dueAt: "not a time" }),
  },
  { method: "POST", path: "/api/checkins/:id/cancel", url: () => `/api/checkins/${ZERO}/cancel`, body: () => ({}) },
  { method: "GET", path: "/api/outbox", url: () => "/api/outbox" },
  { method: "GET", path: "/api/questionnaires", url: () => "/api/questionnaires" },
  { method: "POST", path: "/api/questionnaires", url: () => "/api/questionnaires", body: () => ({ title: "" }) },
  { method: "GET", path: "/api/questionnaires/:id", url: () => `/api/questionnaires/${ZERO}` },
  { method: "PUT", path: "/api/questionnaires/:id", url: () => `/api/questionnaires/${ZERO}`, body: () => ({ title: "" }) },
  { method: "PUT", path: "/api/uwri-wording", url: () => "/api/uwri-wording", body: () => ({ items: [] }) },
  { method: "GET", path: "/api/clients/:id/export/fhir", url: (i) => `/api/clients/${i.clientId}/export/fhir` },
  { method: "GET", path: "/api/clients/:id/export", url: (i) => `/api/clients/${i.clientId}/export` },
  { method: "GET", path: "/api/exports/sessions.csv", url: (i) => `/api/exports/sessions.csv?clientId=${i.clientId}` },
  { method: "GET", path: "/api/exports/measures.csv", url: (i) => `/api/exports/measures.csv?clientId=${i.clientId}` },
  { method: "GET", path: "/api/exports/checkins.csv", url: (i) => `/api/exports/checkins.csv?clientId=${i.clientId}` },
  { method: "GET", path: "/api/exports/activities.csv", url: (i) => `/api/exports/activities.csv?clientId=${i.clientId}` },
  { method: "GET", path: "/api/clients/:id/case-reports", url: (i) => `/api/clients/${i.clientId}/case-reports` },
  { method: "POST", path: "/api/clients/:id/case-reports", url: (i) => `/api/clients/${i.clientId}/case-reports`, body: () => ({}) },
  { method: "GET", path: "/api/case-reports/:id", url: (i) => `/api/case-reports/${i.caseReportId}` },
  {
    method: "PUT",
    path: "/api/case-reports/:id",
    url: (i) => `/api/case-reports/${i.caseReportId}`,
    body: () => ({ title: "Report", narrative: "A runner's hip" }),
  },
  { method: "GET", path: "/api/case-reports/:id/export.zip", url: (i) => `/api/case-reports/${i.caseReportId}/export.zip` },
  { method: "GET", path: "/api/case-reports/:id/print", url: (i) => `/api/case-reports/${i.caseReportId}/print?paper=a4` },
  { method: "GET", path: "/api/patterns", url: () => "/api/patterns" },
  { method: "GET", path: "/api/experiments", url: () => "/api/experiments" },
  { method: "POST", path: "/api/experiments", url: () => "/api/experiments", body: (i) => buildExperimentInput(i.protocolId) },
  { method: "GET", path: "/api/experiments/:id", url: (i) => `/api/experiments/${i.experimentId}` },
  {
    method: "PUT",
    path: "/api/experiments/:id",
    url: (i) => `/api/experiments/${i.experimentId}`,
    body: (i) => buildExperimentInput(i.protocolId),
  },
  { method: "GET", path: "/api/experiments/:id/eligibility", url: (i) => `/api/experiments/${i.experimentId}/eligibility` },
  { method: "GET", path: "/api/experiments/:id/enrolments", url: (i) => `/api/experiments/${i.experimentId}/enrolments` },
  {
    method: "POST",
    path: "/api/experiments/:id/enrolments",
    url: (i) => `/api/experiments/${i.experimentId}/enrolments`,
    body: () => ({ clientId: ZERO }),
  },
  {
    method: "POST",
    path: "/api/experiments/:id/enrolments/:clientId/withdraw",
    url: (i) => `/api/experiments/${i.experimentId}/enrolments/${ZERO}/withdraw`,
    body: () => ({ reason: "Moved away" }),
  },
  {
    method: "POST",
    path: "/api/experiments/:id/amendments",
    url: (i) => `/api/experiments/${i.experimentId}/amendments`,
    body: () => ({ field: "plannedClients", value: 12, reason: "More clients" }),
  },
  { method: "POST", path: "/api/experiments/:id/start", url: () => `/api/experiments/${ZERO}/start`, body: () => ({}) },
  { method: "POST", path: "/api/experiments/:id/finish", url: () => `/api/experiments/${ZERO}/finish`, body: () => ({}) },
  { method: "GET", path: "/api/experiments/:id/results", url: (i) => `/api/experiments/${i.experimentId}/results` },
  { method: "GET", path: "/api/audit", url: () => "/api/audit" },
  { method: "GET", path: "/api/consent-text", url: () => "/api/consent-text" },
  { method: "PUT", path: "/api/consent-text", url: () => "/api/consent-text", body: () => ({ body: "too short", basedOn: 0 }) },
  { method: "GET", path: "/api/clients/:id/intake-link", url: (i) => `/api/clients/${i.clientId}/intake-link` },
  { method: "POST", path: "/api/clients/:id/intake-link", url: () => `/api/clients/${ZERO}/intake-link`, body: () => ({}) },
  { method: "DELETE", path: "/api/clients/:id/intake-link", url: (i) => `/api/clients/${i.clientId}/intake-link` },
  { method: "GET", path: "/api/clients/:id/intakes", url: (i) => `/api/clients/${i.clientId}/intakes` },
  { method: "POST", path: "/api/intakes/:id/flags-review", url: () => `/api/intakes/${ZERO}/flags-review`, body: () => ({}) },
  { method: "POST", path: "/api/intakes/:id/accept", url: () => `/api/intakes/${ZERO}/accept`, body: () => ({}) },
  { method: "GET", path: "/api/clients/:id/signed-consents", url: (i) => `/api/clients/${i.clientId}/signed-consents` },
  { method: "GET", path: "/api/clients/:id/profile-history", url: (i) => `/api/clients/${i.clientId}/profile-history` },
];

/** Routes anyone may call without signing in. */
const PUBLIC = new Set(["GET /api/health", "GET /api/setup", "POST /api/setup", "GET /api/session"]);

/** The four kinds of practitioner the table distinguishes. */
const SUBJECTS = ["owner", "therapist", "assistant", "assistant with grant"] as const;
type Subject = (typeof SUBJECTS)[number];
const roleOf = (subject: Subject): Role => (subject === "assistant with grant" ? "assistant" : subject);

const RULE_WORDS: Record<Rule, string> = {
  yes: "yes",
  no: "—",
  if_granted: "if the owner grants it",
  if_author: "own drafts",
  if_author_or_reason: "own drafts; others' with a reason",
  if_treating: "clients they treat",
};

/** The role table's rows as docs/ARCHITECTURE.md must show them: action, what it covers, then one cell per role. */
function expectedRows(): string[][] {
  return ACTIONS.map((action) => [`\`${action}\``, POLICY[action].label, ...ROLES.map((role) => RULE_WORDS[POLICY[action][role]])]);
}

/** The rows of the markdown table whose first cell is an action in backticks (whatever the padding). */
function documentedRows(doc: string): string[][] {
  return doc
    .split("\n")
    .filter((line) => /^\|\s*`[a-z_.]+`\s*\|/.test(line))
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

let app: TestApp;
let practice: TestPractice;
const browsers = new Map<Subject, TestBrowser>();
const idsFor = new Map<Subject, Ids>();

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  practice = await buildPractice(app);
  const owner = await signedIn(app, practice.ownerEmail);
  const therapist = await buildPractitioner(app, practice, "therapist");
  const assistant = await buildPractitioner(app, practice, "assistant");
  const granted = await buildPractitioner(app, practice, "assistant");
  expect((await owner.patch(`/api/team/${granted.id}`, { clinicalNotesGranted: true })).status).toBe(200);
  browsers.set("owner", owner);
  browsers.set("therapist", await signedIn(app, therapist.email));
  browsers.set("assistant", await signedIn(app, assistant.email));
  browsers.set("assistant with grant", await signedIn(app, granted.email));

  const clientId = await buildClient(owner);
  const upload = await owner.request(
    "POST",
    `/api/clients/${clientId}/training/uploads?name=first.fit`,
    buildFitRun({ start: "2026-11-01T07:00:00Z" }),
    OCTETS,
  );
  const complaintId = await buildComplaint(owner, clientId);
  const protocol = await buildProtocol(owner);
  const ownerSession = await buildSession(owner, clientId, { complaintIds: [complaintId] });
  await giveCheckinConsent(owner, clientId);
  const planId = await buildCheckinPlan(owner);
  const [checkin] = await scheduleCheckins(owner, ownerSession, planId);
  const shared = {
    clientId,
    practitionerId: therapist.id,
    activityId: upload.json.results[0].activityId as string,
    complaintId,
    protocolId: protocol.id,
    planId,
    checkinId: checkin?.id ?? "",
    experimentId: await buildExperiment(owner, protocol.id),
    caseReportId: await buildCaseReport(owner, clientId, { complaintId }),
  };
  // Each practitioner who may write notes acts on a draft of their own (so the author rules pass).
  const therapistSession = await buildSession(browsers.get("therapist") as TestBrowser, clientId);
  const secondOwnerSession = await buildSession(owner, clientId);
  idsFor.set("owner", { ...shared, sessionId: secondOwnerSession });
  idsFor.set("therapist", { ...shared, sessionId: therapistSession });
  idsFor.set("assistant", { ...shared, sessionId: ownerSession });
  idsFor.set("assistant with grant", { ...shared, sessionId: ownerSession });
});
afterAll(async () => app.close());

describe("the role table", () => {
  it("has a rule for every signed-in API route, and a call here for each", () => {
    const routes = app.server.routes
      .filter((r) => r.path.startsWith("/api/") && !r.path.startsWith("/api/auth/") && r.method !== "ALL")
      .map((r) => `${r.method} ${r.path}`)
      .filter((r) => !PUBLIC.has(r));
    expect(routes.filter((r) => !(r in ROUTE_ACTIONS))).toEqual([]);
    expect(Object.keys(ROUTE_ACTIONS).filter((r) => !routes.includes(r))).toEqual([]);
    const called = new Set(CALLS.map((c) => `${c.method} ${c.path}`));
    expect(routes.filter((r) => !called.has(r))).toEqual([]);
  });

  it("is the table docs/ARCHITECTURE.md shows", () => {
    const doc = fs.readFileSync(new URL("../../docs/ARCHITECTURE.md", import.meta.url), "utf8");
    expect(documentedRows(doc)).toEqual(expectedRows());
  });

  for (const subject of SUBJECTS) {
    it.each(CALLS)(`${subject}: $method $path answers as the table says`, async (call) => {
      const browser = browsers.get(subject) as TestBrowser;
      const ids = idsFor.get(subject) as Ids;
      const response = await browser.request(call.method, call.url(ids), call.body?.(ids), call.headers);
      const action = ROUTE_ACTIONS[`${call.method} ${call.path}`] as Action | typeof SIGNED_IN;
      const expected =
        action === SIGNED_IN
          ? true
          : decide({ role: roleOf(subject), practitionerId: "any", clinicalNotesGranted: subject === "assistant with grant" }, action)
              .allowed;
      if (expected) {
        expect(response.status, response.text).not.toBe(403);
        expect(response.status, response.text).toBeLessThan(500);
      } else {
        expect(response.status).toBe(403);
        expect(response.json.error).toMatchObject({ code: "forbidden", action });
        expect(response.json.error.message).toContain(POLICY[action as Action].label);
      }
    });
  }
});
