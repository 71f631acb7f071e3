import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, buildComplaint, buildPractice, buildSession, signedIn } from "../../../test/support/factories.js";
import type { TestBrowser } from "../../../test/support/http.js";
import { buildFitRun } from "../../../test/support/runs.js";
import { startTestApp, type TestApp } from "../../../test/support/server.js";

let app: TestApp;
let browser: TestBrowser;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  browser = await signedIn(app, (await buildPractice(app)).ownerEmail);
});
afterAll(async () => app.close());

describe("client timeline", () => {
  it("merges sessions, complaint onsets and training weeks, newest first, and narrows to one complaint", async () => {
    const clientId = await buildClient(browser);
    const hip = await buildComplaint(browser, clientId, { onsetOn: "2026-10-05" });
    const calf = await buildComplaint(browser, clientId, { title: "Calf niggle", regions: ["soleus"], onsetOn: "2026-11-10" });
    const upload = await browser.request(
      "POST",
      `/api/clients/${clientId}/training/uploads?name=run.fit`,
      buildFitRun({ start: "2026-11-18T07:00:00Z" }),
      { "content-type": "application/octet-stream" },
    );
    expect(upload.status).toBe(200);
    const first = await buildSession(browser, clientId, { startedAt: "2026-11-12T09:00:00Z", complaintIds: [hip] });
    const second = await buildSession(browser, clientId, { startedAt: "2026-11-26T09:00:00Z", complaintIds: [hip, calf] });
    const third = await buildSession(browser, clientId, { startedAt: "2026-11-20T09:00:00Z", complaintIds: [calf] });

    const all = await browser.get(`/api/clients/${clientId}/timeline`);
    expect(all.status).toBe(200);
    const items = all.json.items as { kind: string; at: string; session?: { id: string }; week?: { weekStart: string } }[];
    expect(items.map((i) => `${i.kind}@${i.at}`)).toEqual([
      "session@2026-11-26T09:00:00.000Z",
      "session@2026-11-20T09:00:00.000Z",
      "training_week@2026-11-16",
      "session@2026-11-12T09:00:00.000Z",
      "complaint_onset@2026-11-10",
      "complaint_onset@2026-10-05",
    ]);
    expect(items[0]?.session?.id).toBe(second);
    expect(items[1]?.session?.id).toBe(third);
    expect(items[3]).toMatchObject({
      session: { id: first, findings: [{ regionCode: "rectus_femoris_distal" }], measures: { pre: { pain: 5 } } },
    });

    const hipOnly = (await browser.get(`/api/clients/${clientId}/timeline?complaintId=${hip}`)).json.items as {
      kind: string;
      at: string;
    }[];
    expect(hipOnly.map((i) => `${i.kind}@${i.at}`)).toEqual([
      "session@2026-11-26T09:00:00.000Z",
      "session@2026-11-12T09:00:00.000Z",
      "complaint_onset@2026-10-05",
    ]);
  });

  it("answers 404 for a complaint of another client", async () => {
    const clientId = await buildClient(browser);
    const otherComplaint = await buildComplaint(browser, await buildClient(browser));
    const response = await browser.get(`/api/clients/${clientId}/timeline?complaintId=${otherComplaint}`);
    expect(response.status).toBe(404);
  });
});
