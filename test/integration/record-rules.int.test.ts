import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, buildPractice, buildPractitioner, buildSession, signedIn, type TestPractice } from "../support/factories.js";
import type { TestBrowser } from "../support/http.js";
import { startTestApp, type TestApp } from "../support/server.js";

/**
 * The rules that depend on the record: whose draft it is, who treats the client. (The role-only
 * rules are in roles.int.test.ts.) Each of these was allowed before the policy existed.
 */
let app: TestApp;
let practice: TestPractice;
let owner: TestBrowser;
let therapist: TestBrowser;
let colleague: TestBrowser;
let assistant: TestBrowser;
let assistantId: string;
let clientId: string;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  practice = await buildPractice(app);
  owner = await signedIn(app, practice.ownerEmail);
  therapist = await signedIn(app, (await buildPractitioner(app, practice, "therapist")).email);
  colleague = await signedIn(app, (await buildPractitioner(app, practice, "therapist")).email);
  const assistantMember = await buildPractitioner(app, practice, "assistant");
  assistantId = assistantMember.id;
  assistant = await signedIn(app, assistantMember.email);
  clientId = await buildClient(owner);
});
afterAll(async () => app.close());

describe("who may act on a clinical note", () => {
  it("refuses an assistant editing, signing or amending any note", async () => {
    const sessionId = await buildSession(therapist, clientId);
    for (const [method, path, body, action] of [
      ["PATCH", `/api/sessions/${sessionId}`, { version: 1, advice: "x" }, "session.edit_draft"],
      ["POST", `/api/sessions/${sessionId}/sign`, {}, "session.sign"],
      ["POST", `/api/sessions/${sessionId}/amendments`, { reason: "x", changes: { advice: "x" } }, "session.amend"],
    ] as const) {
      const response = await assistant.request(method, path, body);
      expect(response.status).toBe(403);
      expect(response.json.error.action).toBe(action);
    }
    expect((await therapist.get(`/api/sessions/${sessionId}`)).json.session).toMatchObject({
      status: "draft",
      advice: "Easy run only for two days",
    });
  });

  it("lets only the author edit and sign a draft; another therapist is refused", async () => {
    const sessionId = await buildSession(therapist, clientId);
    const edit = await colleague.patch(`/api/sessions/${sessionId}`, { version: 1, advice: "Hijacked" });
    expect(edit.status).toBe(403);
    expect(edit.json.error).toMatchObject({ code: "forbidden", action: "session.edit_draft" });
    const sign = await colleague.post(`/api/sessions/${sessionId}/sign`, {});
    expect(sign.status).toBe(403);
    expect(sign.json.error.action).toBe("session.sign");
    expect(sign.json.error.message).toContain("only its author may");
    const own = await therapist.post(`/api/sessions/${sessionId}/sign`, {});
    expect(own.status).toBe(200);
    expect(own.json.session.signedBy).toMatchObject({ name: "Pat therapist", reason: null });
  });

  it("lets an owner sign a colleague's draft only with a reason, and shows who signed it and why", async () => {
    const sessionId = await buildSession(therapist, clientId);
    const bare = await owner.post(`/api/sessions/${sessionId}/sign`, {});
    expect(bare.status).toBe(403);
    expect(bare.json.error.message).toContain("give a reason");
    const signed = await owner.post(`/api/sessions/${sessionId}/sign`, { reason: "Tom is on leave; note checked with him by phone" });
    expect(signed.status).toBe(200);
    const session = (await owner.get(`/api/sessions/${sessionId}`)).json.session;
    expect(session.practitioner.name).toBe("Pat therapist");
    expect(session.signedBy).toEqual({
      id: practice.ownerPractitionerId,
      name: "Olive Owner",
      reason: "Tom is on leave; note checked with him by phone",
    });
    const history = (await owner.get(`/api/sessions/${sessionId}/history`)).json.revisions as {
      kind: string;
      by: string;
      reason: string;
    }[];
    expect(history.find((r) => r.kind === "signed")).toMatchObject({
      by: "Olive Owner",
      reason: "Tom is on leave; note checked with him by phone",
    });
    // Amendments are for therapists and owners, whoever wrote the note.
    const amended = await colleague.post(`/api/sessions/${sessionId}/amendments`, { reason: "Side was wrong", changes: { advice: "Ice" } });
    expect(amended.status).toBe(200);
  });

  it("records the signer and the amender in the audit log", async () => {
    const sessionId = await buildSession(therapist, clientId);
    await therapist.post(`/api/sessions/${sessionId}/sign`, {});
    await owner.post(`/api/sessions/${sessionId}/amendments`, { reason: "Typo", changes: { advice: "Walk" } });
    const events = (await owner.get(`/api/audit?resourceType=session&limit=50`)).json.events as {
      action: string;
      resource: { id: string };
      actor: { name: string | null };
    }[];
    const mine = events.filter((e) => e.resource.id === sessionId);
    expect(mine.find((e) => e.action === "sign")?.actor.name).toBe("Pat therapist");
    expect(mine.find((e) => e.action === "amend")?.actor.name).toBe("Olive Owner");
  });
});

describe("who may export one client", () => {
  it("refuses an assistant, and a therapist who does not treat the client, with 403 naming the action", async () => {
    const client = await buildClient(owner);
    for (const url of [
      `/api/clients/${client}/export/fhir`,
      `/api/clients/${client}/export`,
      `/api/exports/sessions.csv?clientId=${client}`,
    ]) {
      const refused = await assistant.get(url);
      expect(refused.status).toBe(403);
      expect(refused.json.error.action).toBe("client.export");
      const notTreating = await colleague.get(url);
      expect(notTreating.status).toBe(403);
      expect(notTreating.json.error.message).toContain("only a practitioner who treats the client may");
    }
    await buildSession(colleague, client);
    expect((await colleague.get(`/api/clients/${client}/export/fhir`)).status).toBe(200);
    expect((await owner.get(`/api/clients/${client}/export/fhir`)).status).toBe(200);
  });
});

describe("an assistant and clinical notes", () => {
  it("sees check-in states but not answers or notes until the owner grants it", async () => {
    const sessionId = await buildSession(therapist, clientId);
    const refused = await assistant.get(`/api/sessions/${sessionId}`);
    expect(refused.status).toBe(403);
    expect(refused.json.error.action).toBe("clinical.read");
    expect((await assistant.get(`/api/clients/${clientId}`)).status).toBe(200);
    const consent = await assistant.put(`/api/clients/${clientId}/consents/checkin_messages`, { granted: true });
    expect(consent.status).toBe(403);
    expect(consent.json.error.action).toBe("consent.record");

    const grant = await owner.patch(`/api/team/${assistantId}`, { clinicalNotesGranted: true });
    expect(grant.json.member).toMatchObject({ role: "assistant", clinicalNotesGranted: true });
    expect((await assistant.get(`/api/sessions/${sessionId}`)).status).toBe(200);
    expect((await assistant.get("/api/me")).json.practitioner.clinicalNotesGranted).toBe(true);
    // Reading is all the grant gives.
    expect((await assistant.patch(`/api/sessions/${sessionId}`, { version: 1, advice: "x" })).status).toBe(403);
    await owner.patch(`/api/team/${assistantId}`, { clinicalNotesGranted: false });
    expect((await assistant.get(`/api/sessions/${sessionId}`)).status).toBe(403);
  });

  it("refuses a therapist granting access or changing roles", async () => {
    const response = await therapist.patch(`/api/team/${assistantId}`, { clinicalNotesGranted: true });
    expect(response.status).toBe(403);
    expect(response.json.error.action).toBe("team.manage");
  });
});
