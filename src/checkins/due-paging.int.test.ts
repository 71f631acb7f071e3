import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCheckinPlan,
  buildClient,
  buildPractice,
  buildSession,
  giveCheckinConsent,
  scheduleCheckins,
  signedIn,
} from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";

let app: TestApp;
let browser: TestBrowser;
const FORM = { "content-type": "application/x-www-form-urlencoded" };

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  browser = await signedIn(app, (await buildPractice(app)).ownerEmail);
});
afterAll(async () => app.close());

interface DueItem {
  id: string;
  clientId: string;
  clientName: string;
  dueAt: string;
  state: string;
}

async function scheduled(firstName: string, startedAt: string, offsetsDays: number[]) {
  const clientId = await buildClient(browser, { firstName, lastName: "Paged" });
  await giveCheckinConsent(browser, clientId);
  const sessionId = await buildSession(browser, clientId, { startedAt });
  const planId = await buildCheckinPlan(browser, { offsetsDays, expiresAfterDays: 7 });
  return { clientId, checkins: await scheduleCheckins(browser, sessionId, planId) };
}

async function allPages(
  limit: number,
): Promise<{ pages: DueItem[][]; responseRate: { due: number; answered: number; windowDays?: number } }> {
  const pages: DueItem[][] = [];
  let cursor: string | null = null;
  let responseRate = { due: 0, answered: 0 };
  do {
    const response = await browser.get(`/api/checkins/due?limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(response.status).toBe(200);
    pages.push(response.json.checkins as DueItem[]);
    cursor = response.json.nextCursor as string | null;
    responseRate = response.json.responseRate as typeof responseRate;
  } while (cursor !== null && pages.length < 20);
  return { pages, responseRate };
}

describe("the due list, a page at a time", () => {
  it("walks every open due check-in oldest first with the client's name, leaving out answered, cancelled, expired and future ones", async () => {
    // Due on 21–25 Nov and 30 Nov (future); open for 7 days, so all but the last are waiting on 28 Nov.
    const ana = await scheduled("Ana", "2026-11-20T09:00:00.000Z", [1, 2, 3, 4, 5, 10]);
    // Due on 2 Nov, closed on 9 Nov: expired, so not waiting.
    await scheduled("Ben", "2026-11-01T09:00:00.000Z", [1]);
    // Due on 2 Aug, 118 days before: outside the response rate's 90 days.
    await scheduled("Dan", "2026-08-01T09:00:00.000Z", [1]);
    const cara = await scheduled("Cara", "2026-11-22T09:00:00.000Z", [1, 2]);
    const [answered, cancelled] = cara.checkins;
    const submitted = await app
      .browser()
      .request(
        "POST",
        new URL(answered!.linkUrl).pathname,
        new URLSearchParams({ "nprs.1": "2", "tightness-nrs.1": "3" }).toString(),
        FORM,
      );
    expect(submitted.status).toBe(200);
    expect((await browser.post(`/api/checkins/${cancelled!.id}/cancel`, {})).status).toBe(200);

    const { pages, responseRate } = await allPages(2);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    const items = pages.flat();
    expect(items.map((c) => c.id)).toEqual(ana.checkins.slice(0, 5).map((c) => c.id));
    expect(new Set(items.map((c) => c.id)).size).toBe(items.length);
    expect(items.every((c) => c.clientName === "Ana Paged" && c.clientId === ana.clientId)).toBe(true);
    expect(items.map((c) => c.dueAt)).toEqual([...items.map((c) => c.dueAt)].sort());
    // The rate counts the check-ins due in the last 90 days, cancelled ones aside: Ana's 5, Ben's 1,
    // Cara's answered one; Dan's is older.
    expect(responseRate).toEqual({ due: 7, answered: 1, rate: 1 / 7, windowDays: 90 });

    // One big page holds the same check-ins and no cursor.
    const whole = await browser.get("/api/checkins/due?limit=200");
    expect((whole.json.checkins as DueItem[]).map((c) => c.id)).toEqual(items.map((c) => c.id));
    expect(whole.json.nextCursor).toBeNull();
  });

  it("refuses a made-up cursor and an out-of-range limit, naming the field", async () => {
    const badCursor = await browser.get(`/api/checkins/due?cursor=${Buffer.from("not a cursor").toString("base64url")}`);
    expect(badCursor.status).toBe(400);
    expect(Object.keys(badCursor.json.error.fields)).toEqual(["cursor"]);
    const badLimit = await browser.get("/api/checkins/due?limit=500");
    expect(badLimit.status).toBe(400);
    expect(Object.keys(badLimit.json.error.fields)).toEqual(["limit"]);
  });
});
