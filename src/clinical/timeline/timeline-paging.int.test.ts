import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, buildComplaint, buildPractice, buildSession, signedIn } from "../../../test/support/factories.js";
import type { TestBrowser } from "../../../test/support/http.js";
import { buildFitRun } from "../../../test/support/runs.js";
import { startTestApp, type TestApp } from "../../../test/support/server.js";

let app: TestApp;
let browser: TestBrowser;
let clientId: string;
beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  browser = await signedIn(app, (await buildPractice(app)).ownerEmail);
  clientId = await buildClient(browser);
  await buildComplaint(browser, clientId, { onsetOn: "2026-10-05" });
  await buildComplaint(browser, clientId, { title: "Calf niggle", regions: ["soleus"], onsetOn: "2026-11-10" });
  const upload = await browser.request(
    "POST",
    `/api/clients/${clientId}/training/uploads?name=run.fit`,
    buildFitRun({ start: "2026-11-18T07:00:00Z" }),
    { "content-type": "application/octet-stream" },
  );
  expect(upload.status).toBe(200);
  // Eleven sessions, three of them at the same instant (ties are ordered by id).
  const starts = [1, 3, 5, 8, 10, 10, 10, 14, 19, 22, 26].map((day) => `2026-11-${String(day).padStart(2, "0")}T09:00:00Z`);
  for (const startedAt of starts) await buildSession(browser, clientId, { startedAt });
}, 120_000);
afterAll(async () => app.close());

type Item = { kind: string; at: string; session?: { id: string }; complaint?: { id: string }; week?: { weekStart: string } };
const key = (item: Item) => `${item.kind}:${item.session?.id ?? item.complaint?.id ?? item.week?.weekStart}`;

async function walk(limit: number, query = ""): Promise<{ pages: Item[][]; all: Item[] }> {
  const pages: Item[][] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams(query);
    params.set("limit", String(limit));
    if (cursor) params.set("cursor", cursor);
    const response = await browser.get(`/api/clients/${clientId}/timeline?${params.toString()}`);
    expect(response.status).toBe(200);
    pages.push(response.json.items as Item[]);
    cursor = response.json.nextCursor as string | null;
    expect(pages.length).toBeLessThan(50);
  } while (cursor);
  return { pages, all: pages.flat() };
}

describe("timeline paging", () => {
  it("walks every item exactly once, in the order of the whole list, for any page size", async () => {
    const whole = await browser.get(`/api/clients/${clientId}/timeline?limit=200`);
    expect(whole.json.nextCursor).toBeNull();
    const expected = (whole.json.items as Item[]).map(key);
    // 11 sessions, 2 onsets, 1 training week.
    expect(expected).toHaveLength(14);
    expect(new Set(expected).size).toBe(14);
    for (const limit of [1, 2, 3, 4, 5, 13, 14]) {
      const { pages, all } = await walk(limit);
      expect(all.map(key), `limit ${limit}`).toEqual(expected);
      expect(pages.every((page) => page.length <= limit && page.length > 0)).toBe(true);
    }
    // The default page is 50: the whole list here, with no next page.
    const first = await browser.get(`/api/clients/${clientId}/timeline`);
    expect((first.json.items as Item[]).map(key)).toEqual(expected);
    expect(first.json.nextCursor).toBeNull();
  });

  it("pages a timeline narrowed to one complaint the same way", async () => {
    const complaints = (await browser.get(`/api/clients/${clientId}/complaints`)).json.complaints as { id: string }[];
    const complaintId = complaints[0]!.id;
    const whole = await browser.get(`/api/clients/${clientId}/timeline?complaintId=${complaintId}&limit=200`);
    const { all } = await walk(2, `complaintId=${complaintId}`);
    expect(all.map(key)).toEqual((whole.json.items as Item[]).map(key));
  });

  it("refuses a cursor that did not come from a page, and another practice's client is not found with a cursor either", async () => {
    const bad = await browser.get(`/api/clients/${clientId}/timeline?cursor=bm90LWEtY3Vyc29y`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toEqual({ cursor: "is not a cursor from a previous page" });
    const limit = await browser.get(`/api/clients/${clientId}/timeline?limit=0`);
    expect(limit.status).toBe(400);
    expect(limit.json.error.fields).toEqual({ limit: "must be at least 1" });

    const page = await browser.get(`/api/clients/${clientId}/timeline?limit=2`);
    const cursor = page.json.nextCursor as string;
    const other = await signedIn(app, (await buildPractice(app)).ownerEmail);
    expect((await other.get(`/api/clients/${clientId}/timeline?cursor=${cursor}`)).status).toBe(404);
    expect((await other.get(`/api/clients/${clientId}/timeline`)).status).toBe(404);
  });
});
