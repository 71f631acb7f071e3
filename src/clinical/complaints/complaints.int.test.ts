import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, buildComplaint, buildComplaintInput, buildPractice, signedIn } from "../../../test/support/factories.js";
import type { TestBrowser } from "../../../test/support/http.js";
import { startTestApp, type TestApp } from "../../../test/support/server.js";

let app: TestApp;
let browser: TestBrowser;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  browser = await signedIn(app, (await buildPractice(app)).ownerEmail);
});
afterAll(async () => app.close());

describe("complaints", () => {
  it("records a complaint with regions, side, onset and triggers, and lists it", async () => {
    const clientId = await buildClient(browser);
    const created = await browser.post(`/api/clients/${clientId}/complaints`, buildComplaintInput());
    expect(created.status).toBe(201);
    expect(created.json.complaint).toMatchObject({
      clientId,
      title: "Tight right hip flexor",
      side: "right",
      regions: ["iliopsoas"],
      onsetOn: "2026-09-14",
      triggers: ["hill sprint", "downhill"],
      status: "active",
      sessionIds: [],
    });
    const list = await browser.get(`/api/clients/${clientId}/complaints`);
    expect(list.status).toBe(200);
    expect(list.json.complaints).toEqual([created.json.complaint]);
  });

  it("lists the newest complaint first and defaults to active", async () => {
    const clientId = await buildClient(browser);
    await buildComplaint(browser, clientId, { title: "Old calf strain" });
    app.clock.advance(60_000);
    const minimal = await browser.post(`/api/clients/${clientId}/complaints`, { title: "Plantar fascia pain" });
    expect(minimal.json.complaint).toMatchObject({ side: null, regions: [], triggers: [], status: "active", onsetOn: null });
    const titles = (await browser.get(`/api/clients/${clientId}/complaints`)).json.complaints.map((c: { title: string }) => c.title);
    expect(titles).toEqual(["Plantar fascia pain", "Old calf strain"]);
  });

  it("edits only the fields sent", async () => {
    const clientId = await buildClient(browser);
    const id = await buildComplaint(browser, clientId);
    const response = await browser.patch(`/api/complaints/${id}`, { version: 1, status: "improving", triggers: ["fast mile"] });
    expect(response.status).toBe(200);
    expect(response.json.complaint).toMatchObject({ status: "improving", triggers: ["fast mile"], title: "Tight right hip flexor" });
  });

  it("refuses an unknown region code, naming the field, and writes nothing", async () => {
    const clientId = await buildClient(browser);
    const response = await browser.post(`/api/clients/${clientId}/complaints`, buildComplaintInput({ regions: ["iliopsoas", "spleen"] }));
    expect(response.status).toBe(400);
    expect(response.json.error.fields).toEqual({ "regions.1": "is not a known region code" });
    expect((await browser.get(`/api/clients/${clientId}/complaints`)).json.complaints).toEqual([]);
  });

  it("refuses a missing title and a bad status", async () => {
    const clientId = await buildClient(browser);
    const response = await browser.post(`/api/clients/${clientId}/complaints`, { status: "cured" });
    expect(response.status).toBe(400);
    expect(Object.keys(response.json.error.fields).sort()).toEqual(["status", "title"]);
  });

  it("answers 404 for an unknown client or complaint", async () => {
    expect((await browser.get("/api/clients/nope/complaints")).status).toBe(404);
    expect((await browser.patch("/api/complaints/nope", { version: 1, status: "resolved" })).status).toBe(404);
  });
});
