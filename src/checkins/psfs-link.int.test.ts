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

function submit(linkUrl: string, fields: Record<string, string>) {
  return app.browser().request("POST", new URL(linkUrl).pathname, new URLSearchParams(fields).toString(), FORM);
}

async function psfsPlanFor(offsetsDays: number[]) {
  const clientId = await buildClient(browser);
  await giveCheckinConsent(browser, clientId);
  const sessionId = await buildSession(browser, clientId);
  const planId = await buildCheckinPlan(browser, { name: "Activities", measureCodes: ["psfs", "nprs"], offsetsDays });
  return { clientId, checkins: await scheduleCheckins(browser, sessionId, planId) };
}

async function answersOf(clientId: string, id: string): Promise<Record<string, unknown> | undefined> {
  const list = (await browser.get(`/api/clients/${clientId}/checkins`)).json.checkins as {
    id: string;
    versions: { answers: Record<string, unknown> }[];
  }[];
  return list.find((c) => c.id === id)?.versions[0]?.answers;
}

describe("PSFS on the client's link pages", () => {
  it("asks for activities the first time, then only for ratings of the same activities", async () => {
    const { clientId, checkins } = await psfsPlanFor([1, 3]);
    const [first, second] = checkins;

    const firstPage = await app.browser().get(new URL(first!.linkUrl).pathname);
    expect(firstPage.status).toBe(200);
    expect(firstPage.text).toContain('name="psfs.activity.1"');
    expect(firstPage.text).toContain('name="psfs.activity.3"');
    expect(firstPage.text).not.toMatch(/<script/);

    const answered = await submit(first!.linkUrl, {
      "psfs.activity.1": "Hill repeats",
      "psfs.rating.1": "3",
      "psfs.activity.2": "Running downstairs",
      "psfs.rating.2": "4",
      "nprs.1": "5",
    });
    expect(answered.status).toBe(200);
    expect(await answersOf(clientId, first!.id)).toMatchObject({
      psfs: {
        kind: "patient-specific",
        activities: [
          { activity: "Hill repeats", rating: 3 },
          { activity: "Running downstairs", rating: 4 },
        ],
        score: 3.5,
      },
      nprs: { score: 5 },
    });

    const secondPage = await app.browser().get(new URL(second!.linkUrl).pathname);
    expect(secondPage.text).not.toContain('name="psfs.activity.1"');
    expect(secondPage.text).toContain("<legend>Hill repeats</legend>");
    expect(secondPage.text).toContain("<legend>Running downstairs</legend>");
    expect(secondPage.text).not.toContain("psfs.rating.3");

    // A missing rating shows the form again with the fixed labels and saves nothing.
    const incomplete = await submit(second!.linkUrl, { "psfs.rating.1": "6", "nprs.1": "3" });
    expect(incomplete.status).toBe(422);
    expect(incomplete.text).toContain("<legend>Running downstairs</legend>");
    expect(incomplete.text).toContain('id="f-psfs-rating-2-error">Please rate this activity');
    expect(await answersOf(clientId, second!.id)).toBeUndefined();

    // Names posted with the ratings are ignored: the activities stay the ones named first.
    const rated = await submit(second!.linkUrl, {
      "psfs.activity.1": "Something else",
      "psfs.rating.1": "6",
      "psfs.rating.2": "8",
      "nprs.1": "3",
    });
    expect(rated.status).toBe(200);
    expect(await answersOf(clientId, second!.id)).toMatchObject({
      psfs: {
        activities: [
          { activity: "Hill repeats", rating: 6 },
          { activity: "Running downstairs", rating: 8 },
        ],
        score: 7,
      },
    });
  });

  it("keeps each client's activities to themselves", async () => {
    const one = await psfsPlanFor([1]);
    expect((await submit(one.checkins[0]!.linkUrl, { "psfs.activity.1": "Parkrun", "psfs.rating.1": "2", "nprs.1": "1" })).status).toBe(
      200,
    );
    const other = await psfsPlanFor([1]);
    const page = await app.browser().get(new URL(other.checkins[0]!.linkUrl).pathname);
    expect(page.text).toContain('name="psfs.activity.1"');
    expect(page.text).not.toContain("Parkrun");
  });
});
