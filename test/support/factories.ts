import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type { createClientRequest } from "../../src/clients/schema.js";
import type { PractitionerRole } from "../../src/db/schema.js";
import { addPractitioner, createPracticeWithOwner } from "../../src/practices/service.js";
import type { TestApp } from "./server.js";
import type { TestBrowser } from "./http.js";

export const TEST_PASSWORD = "a-long-test-password-1";

export interface TestPractice {
  practiceId: string;
  ownerEmail: string;
  ownerPractitionerId: string;
}

let counter = 0;
function unique(): string {
  counter += 1;
  return `${counter}${randomBytes(3).toString("hex")}`;
}

/** A practice with an owner who can sign in with TEST_PASSWORD. */
export async function buildPractice(app: TestApp, name = `Practice ${unique()}`): Promise<TestPractice> {
  const ownerEmail = `owner-${unique()}@example.test`;
  const { practiceId, practitionerId } = await createPracticeWithOwner(app.db.database, app.clock, {
    practiceName: name,
    timeZone: "Europe/London",
    owner: { name: "Olive Owner", email: ownerEmail, role: "owner", password: TEST_PASSWORD },
    onlyIfFirst: false,
  });
  return { practiceId, ownerEmail, ownerPractitionerId: practitionerId };
}

/** Another practitioner in a practice, with TEST_PASSWORD. */
export async function buildPractitioner(
  app: TestApp,
  practice: TestPractice,
  role: PractitionerRole,
): Promise<{ email: string; id: string }> {
  const email = `${role}-${unique()}@example.test`;
  const member = await addPractitioner(
    app.db.database,
    app.clock,
    { practiceId: practice.practiceId },
    { name: `Pat ${role}`, email, role, password: TEST_PASSWORD },
  );
  return { email, id: member.id };
}

export async function signedIn(app: TestApp, email: string): Promise<TestBrowser> {
  const browser = app.browser();
  const response = await browser.signIn(email, TEST_PASSWORD);
  if (response.status !== 200) throw new Error(`sign-in failed for ${email}: ${response.status} ${response.text}`);
  return browser;
}

/** A valid client body; override any field. */
export function buildClientInput(overrides: Partial<z.input<typeof createClientRequest>> = {}): z.input<typeof createClientRequest> {
  const id = unique();
  return {
    firstName: "Maya",
    lastName: `Runner${id}`,
    email: `maya.${id}@example.test`,
    phone: "+44 7700 900000",
    dateOfBirth: "1989-04-17",
    running: { yearsRunning: 6, weeklyKm: 62, goalEvent: { name: "Valencia Marathon", date: "2027-12-05", distanceKm: 42.2 } },
    injuries: [
      { description: "Hamstring strain during a fast mile", region: "Hamstrings", side: "right", occurredOn: "2023-05", resolved: true },
    ],
    selfCare: [{ method: "rolling", detail: "Foam roller on quads", effect: "no_change" }],
    ...overrides,
  };
}

/** Creates a client through the API and returns its id. */
export async function buildClient(browser: TestBrowser, overrides: Partial<z.input<typeof createClientRequest>> = {}): Promise<string> {
  const response = await browser.post("/api/clients", buildClientInput(overrides));
  if (response.status !== 201) throw new Error(`client create failed: ${response.status} ${response.text}`);
  return response.json.client.id as string;
}

/** The story's complaint: a tight right hip flexor after hill sprints and downhills. */
export function buildComplaintInput(overrides: Record<string, unknown> = {}) {
  return {
    title: "Tight right hip flexor",
    side: "right",
    regions: ["iliopsoas"],
    onsetOn: "2026-09-14",
    triggers: ["hill sprint", "downhill"],
    status: "active",
    notes: "Feels like a death grip after hill sessions",
    ...overrides,
  };
}

export async function buildComplaint(browser: TestBrowser, clientId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await browser.post(`/api/clients/${clientId}/complaints`, buildComplaintInput(overrides));
  if (response.status !== 201) throw new Error(`complaint create failed: ${response.status} ${response.text}`);
  return response.json.complaint.id as string;
}

/** The story's protocol: cupping and hot stones on the distal rectus femoris, then slow release knee → hip. */
export function buildProtocolInput(overrides: Record<string, unknown> = {}) {
  return {
    name: "Distal quad release",
    description: "No direct hip-flexor work: free the lower third of the quad",
    steps: [
      { technique: "cupping", regionCode: "rectus_femoris_distal", side: "right", minutes: 5 },
      { technique: "hot_stones", regionCode: "rectus_femoris_distal", side: "right", minutes: 5 },
      { technique: "myofascial_release", regionCode: "rectus_femoris", side: "right", direction: "distal_to_proximal", minutes: 10 },
    ],
    plannedSessions: 4,
    spacingDays: 7,
    ...overrides,
  };
}

/** Creates a protocol and returns its id and its first version's id. */
export async function buildProtocol(
  browser: TestBrowser,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; versionId: string }> {
  const response = await browser.post("/api/protocols", buildProtocolInput(overrides));
  if (response.status !== 201) throw new Error(`protocol create failed: ${response.status} ${response.text}`);
  return { id: response.json.protocol.id as string, versionId: response.json.protocol.current.id as string };
}

/** A session body: findings on the distal quad, pre/post measures; override any field. */
export function buildSessionInput(overrides: Record<string, unknown> = {}) {
  return {
    startedAt: "2026-11-27T09:00:00.000Z",
    measures: { pre: { pain: 5, tightness: 8 }, post: { pain: 2, tightness: 4 } },
    findings: [
      {
        regionCode: "rectus_femoris_distal",
        side: "right",
        qualities: { tension: 3, texture: 3, adhesion: 2 },
        textureDescriptor: "crunchy",
        note: "Rigid, stuck to itself",
      },
    ],
    steps: [],
    soap: { s: "Hip flexor tight after hill repeats", o: null, a: null, p: null },
    advice: "Easy run only for two days",
    ...overrides,
  };
}

export async function buildSession(browser: TestBrowser, clientId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await browser.post(`/api/clients/${clientId}/sessions`, buildSessionInput(overrides));
  if (response.status !== 201) throw new Error(`session create failed: ${response.status} ${response.text}`);
  return response.json.session.id as string;
}

/** A check-in plan body: pain and tightness 0-10 plus optional free text; override any field. */
export function buildCheckinPlanInput(overrides: Record<string, unknown> = {}) {
  return { name: "After treatment", measureCodes: ["nprs", "tightness-nrs", "free-text"], ...overrides };
}

export async function buildCheckinPlan(browser: TestBrowser, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await browser.post("/api/checkin-plans", buildCheckinPlanInput(overrides));
  if (response.status !== 201) throw new Error(`check-in plan create failed: ${response.status} ${response.text}`);
  return response.json.plan.id as string;
}

/** Records the client's consent to check-in messages. */
export async function giveCheckinConsent(browser: TestBrowser, clientId: string): Promise<void> {
  const response = await browser.put(`/api/clients/${clientId}/consents/checkin_messages`, { granted: true });
  if (response.status !== 200) throw new Error(`consent failed: ${response.status} ${response.text}`);
}

/** Schedules a plan after a session; returns the check-ins, each with its one-time link URL. */
export async function scheduleCheckins(
  browser: TestBrowser,
  sessionId: string,
  planId: string,
): Promise<{ id: string; linkUrl: string; dueAt: string; expiresAt: string }[]> {
  const response = await browser.post(`/api/sessions/${sessionId}/checkins`, { planId });
  if (response.status !== 201) throw new Error(`scheduling failed: ${response.status} ${response.text}`);
  return response.json.checkins as { id: string; linkUrl: string; dueAt: string; expiresAt: string }[];
}

/**
 * The story's experiment: distal-quad release vs usual care for clients with an iliopsoas complaint
 * and a rigid distal rectus femoris; tightness at day 14 as the primary outcome. Override any field.
 */
export function buildExperimentInput(interventionProtocolId: string, overrides: Record<string, unknown> = {}) {
  return {
    title: "Distal-quad release for tight hip flexors",
    hypothesis: "Releasing the distal third of rectus femoris lowers hip-flexor tightness in runners within two weeks.",
    rationale: "Observed in practice: direct hip-flexor work did not change tightness; distal-quad release did.",
    eligibility: {
      complaintRegions: ["iliopsoas"],
      requiredFindings: [{ regionCode: "rectus_femoris_distal", quality: "tension", minGrade: 2 }],
      training: null,
    },
    interventionProtocolId,
    comparator: { kind: "usual-care" },
    design: "case-series",
    allocation: "therapist",
    primaryOutcome: { kind: "measure", measureCode: "tightness-nrs", days: 14 },
    secondaryOutcomes: [],
    plannedClients: 10,
    ...overrides,
  };
}

/** Creates a draft experiment; returns its id. */
export async function buildExperiment(
  browser: TestBrowser,
  interventionProtocolId: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const response = await browser.post("/api/experiments", buildExperimentInput(interventionProtocolId, overrides));
  if (response.status !== 201) throw new Error(`experiment create failed: ${response.status} ${response.text}`);
  return response.json.experiment.id as string;
}

/** Creates an anonymised case report of a client's episode (or `experimentId`'s single case); returns its id. */
export async function buildCaseReport(
  browser: TestBrowser,
  clientId: string,
  input: { complaintId?: string; experimentId?: string } = {},
): Promise<string> {
  const response = await browser.post(`/api/clients/${clientId}/case-reports`, input);
  if (response.status !== 201) throw new Error(`case report create failed: ${response.status} ${response.text}`);
  return response.json.report.id as string;
}
