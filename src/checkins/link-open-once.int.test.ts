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

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  browser = await signedIn(app, (await buildPractice(app, "Open Once Physio")).ownerEmail);
});
afterAll(async () => app.close());

async function openedAt(clientId: string, id: string): Promise<string | null | undefined> {
  const list = (await browser.get(`/api/clients/${clientId}/checkins`)).json.checkins as { id: string; openedAt: string | null }[];
  return list.find((c) => c.id === id)?.openedAt;
}

describe("a check-in link opened by many at once", () => {
  it("records the first opening once, and openings after it change nothing", async () => {
    const clientId = await buildClient(browser);
    await giveCheckinConsent(browser, clientId);
    const sessionId = await buildSession(browser, clientId, { startedAt: "2026-11-27T09:00:00.000Z" });
    const [checkin] = await scheduleCheckins(browser, sessionId, await buildCheckinPlan(browser));
    const path = new URL(checkin!.linkUrl).pathname;
    const openAll = async () => (await Promise.all(Array.from({ length: 50 }, () => app.browser().get(path)))).map((r) => r.status);

    expect(await openAll()).toEqual(Array.from({ length: 50 }, () => 200));
    expect(await openedAt(clientId, checkin!.id)).toBe("2026-11-28T10:00:00.000Z");

    // A minute on (a new rate-limit window too), 50 more openings leave the first one as it was.
    app.clock.advance(60_000);
    expect(await openAll()).toEqual(Array.from({ length: 50 }, () => 200));
    expect(await openedAt(clientId, checkin!.id)).toBe("2026-11-28T10:00:00.000Z");
    const row = await app.db.database.db.selectFrom("checkin").select("opened_at").where("id", "=", checkin!.id).executeTakeFirstOrThrow();
    expect(row.opened_at).toBe("2026-11-28T10:00:00.000Z");
  });
});
