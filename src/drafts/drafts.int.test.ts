import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, buildPractice, buildPractitioner, signedIn } from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";

let app: TestApp;
let owner: TestBrowser;
let therapist: TestBrowser;
let stranger: TestBrowser;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-12-07T09:00:00Z") });
  const practice = await buildPractice(app);
  owner = await signedIn(app, practice.ownerEmail);
  therapist = await signedIn(app, (await buildPractitioner(app, practice, "therapist")).email);
  stranger = await signedIn(app, (await buildPractice(app)).ownerEmail);
});
afterAll(async () => app.close());

describe("form drafts", () => {
  it("keeps a practitioner's form state as typed, replaces it, and discards it", async () => {
    const clientId = await buildClient(owner);
    const key = `session:new:${clientId}`;
    expect((await owner.get(`/api/drafts?key=${key}`)).json).toEqual({ draft: null });

    const body = { measures: { pre: { pain: 6, tightness: null } }, findings: [{ regionCode: "rectus_femoris_distal", side: "right" }] };
    const saved = await owner.put("/api/drafts", { key, clientId, body });
    expect(saved.status).toBe(200);
    expect(saved.json.draft).toEqual({ key, updatedAt: "2026-12-07T09:00:00.000Z" });
    expect((await owner.get(`/api/drafts?key=${key}`)).json.draft).toEqual({ key, body, updatedAt: "2026-12-07T09:00:00.000Z" });

    await owner.put("/api/drafts", { key, clientId, body: { ...body, advice: "walk" } });
    expect((await owner.get(`/api/drafts?key=${key}`)).json.draft.body.advice).toBe("walk");

    // Drafts are the practitioner's own: a colleague and another practice see nothing.
    expect((await therapist.get(`/api/drafts?key=${key}`)).json.draft).toBeNull();
    expect((await stranger.get(`/api/drafts?key=${key}`)).json.draft).toBeNull();

    expect((await owner.request("DELETE", `/api/drafts?key=${key}`)).status).toBe(204);
    expect((await owner.get(`/api/drafts?key=${key}`)).json.draft).toBeNull();
  });

  it("refuses a bad key, a missing body, too much data and another practice's client", async () => {
    const clientId = await buildClient(owner);
    const badKey = await owner.put("/api/drafts", { key: "../etc", body: {} });
    expect(badKey.status).toBe(400);
    expect(badKey.json.error.fields.key).toMatch(/must name a form/);
    const noBody = await owner.put("/api/drafts", { key: "protocol:new" });
    expect(noBody.status).toBe(400);
    expect(noBody.json.error.fields.body).toMatch(/required/);
    const huge = await owner.put("/api/drafts", { key: "protocol:new", body: { text: "x".repeat(210_000) } });
    expect(huge.status).toBe(400);
    expect(huge.json.error.fields.body).toMatch(/at most 200 KB/);
    expect((await owner.get("/api/drafts?key=protocol:new")).json.draft).toBeNull();
    const foreign = await stranger.put("/api/drafts", { key: `session:new:${clientId}`, clientId, body: {} });
    expect(foreign.status).toBe(404);
    expect(foreign.json.error.code).toBe("not_found");
  });

  it("goes when the client is erased", async () => {
    const clientId = await buildClient(owner, { firstName: "Eva", lastName: "Gone" });
    const key = `complaint:new:${clientId}`;
    await owner.put("/api/drafts", { key, clientId, body: { title: "Tight hip flexor" } });
    const erased = await owner.post(`/api/clients/${clientId}/erase`, { confirm: "Eva Gone" });
    expect(erased.status, JSON.stringify(erased.json)).toBe(200);
    expect((await owner.get(`/api/drafts?key=${key}`)).json.draft).toBeNull();
  });
});
