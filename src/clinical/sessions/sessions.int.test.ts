import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildClient,
  buildComplaint,
  buildPractice,
  buildProtocol,
  buildSession,
  buildSessionInput,
  signedIn,
} from "../../../test/support/factories.js";
import type { TestBrowser } from "../../../test/support/http.js";
import { startTestApp, type TestApp } from "../../../test/support/server.js";
import { listSignedFindingsSince } from "../../experiments/patterns/repository.js";

let app: TestApp;
let browser: TestBrowser;
let practiceId: string;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  const practice = await buildPractice(app);
  practiceId = practice.practiceId;
  browser = await signedIn(app, practice.ownerEmail);
});
afterAll(async () => app.close());

describe("the story session", () => {
  it("records distal quad release for a tight right hip flexor, signs it, refuses an edit and keeps the amendment's history", async () => {
    const clientId = await buildClient(browser, { firstName: "Maya" });
    const complaint = await browser.post(`/api/clients/${clientId}/complaints`, {
      title: "Tight right hip flexor",
      side: "right",
      regions: ["iliopsoas"],
      triggers: ["hill sprint", "downhill"],
      onsetOn: "2026-09-14",
    });
    expect(complaint.status).toBe(201);
    const complaintId = complaint.json.complaint.id as string;
    const protocol = await buildProtocol(browser);

    const steps = [
      { technique: "cupping", regionCode: "rectus_femoris_distal", side: "right", minutes: 5 },
      { technique: "hot_stones", regionCode: "rectus_femoris_distal", side: "right", minutes: 5 },
      { technique: "myofascial_release", regionCode: "rectus_femoris", side: "right", direction: "distal_to_proximal", minutes: 10 },
    ];
    const created = await browser.post(`/api/clients/${clientId}/sessions`, {
      startedAt: "2026-11-28T09:00:00Z",
      complaintIds: [complaintId],
      protocolVersionId: protocol.versionId,
      measures: { pre: { pain: 6, tightness: 8 }, post: { pain: 3, tightness: 4 } },
      findings: [
        {
          regionCode: "rectus_femoris_distal",
          side: "right",
          qualities: { tension: 3, texture: 3, adhesion: 2 },
          textureDescriptor: "crunchy",
        },
        { regionCode: "rectus_femoris_distal", side: "right", qualities: { tenderness: 2 }, note: "Tender just above the patella" },
      ],
      steps,
      soap: { s: "Death-grip hip flexor after hill sprints", o: "Distal RF rigid, crunchy", a: null, p: "Repeat in a week" },
      advice: "Easy running only until Saturday",
    });
    expect(created.status).toBe(201);
    const session = created.json.session;
    expect(session).toMatchObject({
      clientId,
      status: "draft",
      signedAt: null,
      startedAt: "2026-11-28T09:00:00.000Z",
      complaintIds: [complaintId],
      protocolVersionId: protocol.versionId,
      protocol: { id: protocol.id, name: "Distal quad release", version: 1, versionId: protocol.versionId },
      deviation: [],
      practitioner: { name: "Olive Owner" },
      measures: { pre: { pain: 6, tightness: 8 }, post: { pain: 3, tightness: 4 } },
      amendments: 0,
    });
    expect(session.findings[0]).toMatchObject({
      regionCode: "rectus_femoris_distal",
      side: "right",
      qualities: { tension: 3, tenderness: null, texture: 3, adhesion: 2, temperature: null },
      textureDescriptor: "crunchy",
    });
    expect(session.findings[0].id).toEqual(expect.any(String));
    expect(session.steps.map((s: { technique: string }) => s.technique)).toEqual(["cupping", "hot_stones", "myofascial_release"]);
    const linked = (await browser.get(`/api/clients/${clientId}/complaints`)).json.complaints[0];
    expect(linked.sessionIds).toEqual([session.id]);

    const edited = await browser.patch(`/api/sessions/${session.id}`, {
      version: 1,
      steps: [...steps.slice(0, 2), { ...steps[2], minutes: 15 }, { technique: "percussion", regionCode: "hamstrings" }],
    });
    expect(edited.status).toBe(200);
    expect(edited.json.session.deviation).toEqual(["Changed: myofascial release 10 → 15 min", "Added: percussion on hamstrings"]);

    const signed = await browser.post(`/api/sessions/${session.id}/sign`);
    expect(signed.status).toBe(200);
    expect(signed.json.session).toMatchObject({ status: "signed", signedAt: "2026-11-28T10:00:00.000Z" });
    expect((await browser.post(`/api/sessions/${session.id}/sign`)).status).toBe(409);

    const refused = await browser.patch(`/api/sessions/${session.id}`, { version: 3, advice: "Changed my mind" });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe("session_signed");
    expect((await browser.get(`/api/sessions/${session.id}`)).json.session.advice).toBe("Easy running only until Saturday");

    app.clock.advance(3_600_000);
    const amended = await browser.post(`/api/sessions/${session.id}/amendments`, {
      reason: "Client emailed: tightness much better two days later",
      changes: { soap: { s: "Death-grip hip flexor after hill sprints", o: "Distal RF rigid, crunchy", a: "Responding", p: "Repeat" } },
    });
    expect(amended.status).toBe(200);
    expect(amended.json.session).toMatchObject({ status: "signed", amendments: 1, soap: { a: "Responding", p: "Repeat" } });
    expect(amended.json.session.findings).toHaveLength(2);

    const history = (await browser.get(`/api/sessions/${session.id}/history`)).json.revisions;
    expect(history).toEqual([
      { revision: 1, kind: "created", at: "2026-11-28T10:00:00.000Z", by: "Olive Owner", reason: null, changedFields: [] },
      { revision: 2, kind: "edited", at: "2026-11-28T10:00:00.000Z", by: "Olive Owner", reason: null, changedFields: ["steps"] },
      { revision: 3, kind: "signed", at: "2026-11-28T10:00:00.000Z", by: "Olive Owner", reason: null, changedFields: [] },
      {
        revision: 4,
        kind: "amended",
        at: "2026-11-28T11:00:00.000Z",
        by: "Olive Owner",
        reason: "Client emailed: tightness much better two days later",
        changedFields: ["soap"],
      },
    ]);
    const list = (await browser.get(`/api/clients/${clientId}/sessions`)).json.sessions;
    expect(list.map((s: { id: string }) => s.id)).toEqual([session.id]);
  });
});

describe("session rules", () => {
  it("lists a client's sessions newest first", async () => {
    const clientId = await buildClient(browser);
    const older = await buildSession(browser, clientId, { startedAt: "2026-11-01T09:00:00Z" });
    const newer = await buildSession(browser, clientId, { startedAt: "2026-11-20T09:00:00Z" });
    const list = (await browser.get(`/api/clients/${clientId}/sessions`)).json.sessions;
    expect(list.map((s: { id: string }) => s.id)).toEqual([newer, older]);
  });

  it("accepts a session up to 24 hours ahead", async () => {
    const clientId = await buildClient(browser);
    const response = await browser.post(`/api/clients/${clientId}/sessions`, buildSessionInput({ startedAt: "2026-11-29T09:00:00Z" }));
    expect(response.status).toBe(201);
  });

  it("amends only a signed session", async () => {
    const id = await buildSession(browser, await buildClient(browser));
    const response = await browser.post(`/api/sessions/${id}/amendments`, { reason: "typo", changes: { advice: "x" } });
    expect(response.status).toBe(409);
    expect(response.json.error.code).toBe("session_not_signed");
  });

  it("refuses to sign an empty note, and signs one with only a SOAP line", async () => {
    const clientId = await buildClient(browser);
    const empty = { measures: { pre: { pain: null, tightness: null }, post: { pain: null, tightness: null } }, findings: [], steps: [] };
    const blank = await buildSession(browser, clientId, { ...empty, soap: { s: "  ", o: null, a: null, p: null }, advice: "Rest" });
    const refused = await browser.post(`/api/sessions/${blank}/sign`);
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({
      code: "session_empty",
      message: "There is nothing to sign yet: add at least one finding, technique step, measure or SOAP line first",
    });
    expect((await browser.get(`/api/sessions/${blank}`)).json.session.status).toBe("draft");
    const soapOnly = await buildSession(browser, clientId, { ...empty, soap: { s: null, o: null, a: null, p: "Review in a week" } });
    expect((await browser.post(`/api/sessions/${soapOnly}/sign`)).status).toBe(200);
  });

  it("marks a signed note entered in error with a reason: kept, in the history, out of analyses, never deleted", async () => {
    const clientId = await buildClient(browser);
    const id = await buildSession(browser, clientId);
    const analysedSessions = async () =>
      (await listSignedFindingsSince(app.db.database.db, { practiceId }, [{ clientId, since: "1970-01-01T00:00:00.000Z" }])).map(
        (f) => f.session_id,
      );
    const draft = await browser.post(`/api/sessions/${id}/entered-in-error`, { reason: "Wrong client" });
    expect(draft.status).toBe(409);
    expect(draft.json.error.code).toBe("session_not_signed");
    await browser.post(`/api/sessions/${id}/sign`);
    expect(await analysedSessions()).toContain(id);

    const noReason = await browser.post(`/api/sessions/${id}/entered-in-error`, { reason: " " });
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.fields).toHaveProperty("reason");
    const marked = await browser.post(`/api/sessions/${id}/entered-in-error`, { reason: "Wrong client" });
    expect(marked.status).toBe(200);
    expect(marked.json.session).toMatchObject({
      status: "signed",
      enteredInError: { at: app.clock.now().toISOString(), reason: "Wrong client" },
      amendments: 1,
    });
    expect((await browser.post(`/api/sessions/${id}/entered-in-error`, { reason: "Again" })).json.error.code).toBe(
      "session_entered_in_error",
    );
    const history = (await browser.get(`/api/sessions/${id}/history`)).json.revisions as { kind: string; reason: string | null }[];
    expect(history.at(-1)).toMatchObject({ kind: "amended", reason: "Entered in error: Wrong client", changedFields: ["enteredInError"] });
    // Still in the record, left out of the analyses.
    expect((await browser.get(`/api/sessions/${id}`)).status).toBe(200);
    expect(await analysedSessions()).not.toContain(id);
    expect((await browser.request("DELETE", `/api/sessions/${id}`)).status).toBe(404);
  });

  it("requires a reason for an amendment", async () => {
    const id = await buildSession(browser, await buildClient(browser));
    await browser.post(`/api/sessions/${id}/sign`);
    const response = await browser.post(`/api/sessions/${id}/amendments`, { changes: { advice: "x" } });
    expect(response.status).toBe(400);
    expect(response.json.error.fields).toHaveProperty("reason");
    expect((await browser.get(`/api/sessions/${id}`)).json.session.amendments).toBe(0);
  });
});

describe("bad session input is refused, naming the field, and nothing is written", () => {
  async function expectRefused(clientId: string, override: Record<string, unknown>, field: string) {
    const response = await browser.post(`/api/clients/${clientId}/sessions`, buildSessionInput(override));
    expect(response.status, field).toBe(400);
    expect(Object.keys(response.json.error.fields), field).toEqual([field]);
    expect((await browser.get(`/api/clients/${clientId}/sessions`)).json.sessions, field).toEqual([]);
  }

  it("refuses an unknown region code in a finding", async () => {
    await expectRefused(
      await buildClient(browser),
      { findings: [{ regionCode: "spleen", qualities: { tension: 1 } }] },
      "findings.0.regionCode",
    );
  });

  it("refuses a side on a midline region", async () => {
    await expectRefused(
      await buildClient(browser),
      { findings: [{ regionCode: "lumbar_paraspinals", side: "left", qualities: { tension: 2 } }] },
      "findings.0.side",
    );
  });

  it("refuses a grade of 4", async () => {
    await expectRefused(
      await buildClient(browser),
      { findings: [{ regionCode: "rectus_femoris_distal", qualities: { tension: 4 } }] },
      "findings.0.qualities.tension",
    );
  });

  it("refuses a texture descriptor that is not one of the vocabulary's words", async () => {
    const clientId = await buildClient(browser);
    await expectRefused(
      clientId,
      { findings: [{ regionCode: "rectus_femoris_distal", qualities: { texture: 2 }, textureDescriptor: "like Jane's old scar" }] },
      "findings.0.textureDescriptor",
    );
    const response = await browser.post(
      `/api/clients/${clientId}/sessions`,
      buildSessionInput({
        findings: [{ regionCode: "rectus_femoris_distal", qualities: { texture: 2 }, textureDescriptor: "gritty" }],
      }),
    );
    expect(response.json.error.fields["findings.0.textureDescriptor"]).toContain("crunchy, ropey, boggy, stringy, smooth");
  });

  it("refuses a session dated two days ahead", async () => {
    await expectRefused(await buildClient(browser), { startedAt: "2026-11-30T10:00:00Z" }, "startedAt");
  });

  it("refuses another client's complaint and an unknown protocol version", async () => {
    const clientId = await buildClient(browser);
    const otherComplaint = await buildComplaint(browser, await buildClient(browser));
    await expectRefused(clientId, { complaintIds: [otherComplaint] }, "complaintIds.0");
    await expectRefused(clientId, { protocolVersionId: "nope" }, "protocolVersionId");
  });

  it("refuses out-of-range measures", async () => {
    await expectRefused(await buildClient(browser), { measures: { pre: { pain: 11 } } }, "measures.pre.pain");
  });

  it("refuses an edit to a signed note and leaves it as it was", async () => {
    const id = await buildSession(browser, await buildClient(browser));
    await browser.post(`/api/sessions/${id}/sign`);
    const before = (await browser.get(`/api/sessions/${id}`)).json.session;
    const response = await browser.patch(`/api/sessions/${id}`, { version: before.version, findings: [] });
    expect(response.status).toBe(409);
    expect(response.json.error.code).toBe("session_signed");
    expect((await browser.get(`/api/sessions/${id}`)).json.session).toEqual(before);
    expect((await browser.get(`/api/sessions/${id}/history`)).json.revisions).toHaveLength(2);
  });

  it("refuses a bad amendment without changing the signed note", async () => {
    const id = await buildSession(browser, await buildClient(browser));
    await browser.post(`/api/sessions/${id}/sign`);
    const before = (await browser.get(`/api/sessions/${id}`)).json.session;
    const response = await browser.post(`/api/sessions/${id}/amendments`, {
      reason: "future",
      changes: { startedAt: "2026-12-05T10:00:00Z" },
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.json.error.fields)).toEqual(["startedAt"]);
    expect((await browser.get(`/api/sessions/${id}`)).json.session).toEqual(before);
  });
});
