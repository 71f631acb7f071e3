import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCheckinPlan,
  buildClient,
  buildComplaint,
  buildPractice,
  buildPractitioner,
  buildSession,
  giveCheckinConsent,
  scheduleCheckins,
  signedIn,
  type TestPractice,
} from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";

/** The client list's columns: last visit, next due check-in, open check-ins, active complaint. */

let app: TestApp;
let practice: TestPractice;
let browser: TestBrowser;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-20T08:00:00Z") });
  practice = await buildPractice(app);
  browser = await signedIn(app, practice.ownerEmail);
});
afterAll(async () => app.close());

interface Row {
  id: string;
  lastVisitAt: string | null;
  nextCheckinDueAt: string | null;
  openCheckins: number;
  activeComplaint: { title: string; status: string } | null;
}

async function listed(as: TestBrowser, q: string): Promise<Row[]> {
  const response = await as.get(`/api/clients?q=${encodeURIComponent(q)}`);
  expect(response.status).toBe(200);
  return response.json.clients as Row[];
}

describe("client list columns", () => {
  it("shows the last visit, the next check-in, the open check-ins and the active complaint of each client on the page", async () => {
    const seen = await buildClient(browser, { lastName: "Columnsworth" });
    const quiet = await buildClient(browser, { lastName: "Columnsworth-Quiet" });
    await giveCheckinConsent(browser, seen);

    const first = await buildSession(browser, seen, { startedAt: "2026-11-20T07:00:00.000Z" });
    await browser.post(`/api/sessions/${first}/sign`);
    const plan = await buildCheckinPlan(browser, { offsetsDays: [1, 3, 14], localHour: 9, expiresAfterDays: 30 });
    const checkins = await scheduleCheckins(browser, first, plan);
    expect(checkins).toHaveLength(3);

    app.clock.set(new Date("2026-11-27T12:00:00Z"));
    const second = await buildSession(browser, seen, { startedAt: "2026-11-27T09:00:00.000Z" });
    await browser.post(`/api/sessions/${second}/sign`);
    const wrong = await buildSession(browser, seen, { startedAt: "2026-11-27T11:00:00.000Z" });
    await browser.post(`/api/sessions/${wrong}/sign`);
    await browser.post(`/api/sessions/${wrong}/entered-in-error`, { reason: "Wrong client" });

    await buildComplaint(browser, seen, { title: "Sore left calf", status: "resolved" });
    await buildComplaint(browser, seen, { title: "Tight right hip flexor", status: "active" });
    app.clock.set(new Date("2026-11-28T10:00:00Z"));
    await buildComplaint(browser, seen, { title: "Old shin splints", status: "resolved" });

    const rows = await listed(browser, "Columnsworth");
    const seenRow = rows.find((r) => r.id === seen);
    const quietRow = rows.find((r) => r.id === quiet);
    // The note entered in error is not a visit; the two check-ins due by now are open, the day-14 one is next.
    expect(seenRow).toMatchObject({
      lastVisitAt: "2026-11-27T09:00:00.000Z",
      openCheckins: 2,
      activeComplaint: { title: "Tight right hip flexor", status: "active" },
    });
    expect(seenRow?.nextCheckinDueAt?.slice(0, 10)).toBe("2026-12-04");
    expect(quietRow).toMatchObject({ lastVisitAt: null, nextCheckinDueAt: null, openCheckins: 0, activeComplaint: null });

    // An answered or cancelled check-in is no longer open.
    const cancel = await browser.post(`/api/checkins/${checkins[0]?.id}/cancel`, {});
    expect(cancel.status).toBe(200);
    expect((await listed(browser, "Columnsworth")).find((r) => r.id === seen)?.openCheckins).toBe(1);

    // An assistant without clinical notes sees the schedule but not the complaint.
    const assistant = await buildPractitioner(app, practice, "assistant");
    const assistantRow = (await listed(await signedIn(app, assistant.email), "Columnsworth")).find((r) => r.id === seen);
    expect(assistantRow).toMatchObject({ lastVisitAt: "2026-11-27T09:00:00.000Z", openCheckins: 1, activeComplaint: null });
  });

  it("reads the columns for a whole page at once, keeping the paging", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await buildClient(browser, { lastName: `Pagewell ${String(i).padStart(2, "0")}` }));
    await buildSession(browser, ids[11] ?? "", { startedAt: "2026-11-26T09:00:00.000Z" });
    const page1 = await browser.get("/api/clients?q=Pagewell&limit=10&offset=0");
    const page2 = await browser.get("/api/clients?q=Pagewell&limit=10&offset=10");
    expect(page1.json.total).toBe(12);
    expect(page1.json.clients).toHaveLength(10);
    expect(page2.json.clients.map((c: Row) => c.id)).toEqual(ids.slice(10));
    expect(page2.json.clients[1].lastVisitAt).toBe("2026-11-26T09:00:00.000Z");
    expect(page1.json.clients.every((c: Row) => c.lastVisitAt === null && c.openCheckins === 0)).toBe(true);
  });
});
