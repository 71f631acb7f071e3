import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDateTimeInWords } from "../shared/dates.js";
import {
  buildCheckinPlan,
  buildClient,
  buildPractice,
  buildSession,
  giveCheckinConsent,
  scheduleCheckins,
  signedIn,
  type TestPractice,
} from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";

/** The practice's locale (Settings) and a client's own: how dates are written in what people read. */

let app: TestApp;
let practice: TestPractice;
let browser: TestBrowser;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  practice = await buildPractice(app);
  browser = await signedIn(app, practice.ownerEmail);
});
afterAll(async () => app.close());

async function sentText(clientId: string): Promise<{ text: string; expiresAt: string }> {
  await giveCheckinConsent(browser, clientId);
  const session = await buildSession(browser, clientId, { startedAt: "2026-11-27T09:00:00.000Z" });
  const plan = await buildCheckinPlan(browser, { offsetsDays: [1], localHour: 9 });
  const [checkin] = await scheduleCheckins(browser, session, plan);
  const sent = await browser.post(`/api/checkins/${checkin?.id}/send`, {});
  expect(sent.status, sent.text).toBe(200);
  return { text: sent.json.message.text as string, expiresAt: sent.json.checkin.expiresAt as string };
}

describe("practice locale", () => {
  it("starts as British English, and the owner changes it in settings", async () => {
    expect((await browser.get("/api/me")).json.practice.locale).toBe("en-GB");
    const changed = await browser.patch("/api/practice", { locale: "de-DE" });
    expect(changed.status).toBe(200);
    expect(changed.json.practice).toMatchObject({ locale: "de-DE", timeZone: "Europe/London" });
    expect((await browser.get("/api/me")).json.practice.locale).toBe("de-DE");
  });

  it("refuses a locale it does not know, naming the field, and an empty change", async () => {
    const unknown = await browser.patch("/api/practice", { locale: "xx-YY" });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.fields.locale).toMatch(/must be one of en-GB/);
    expect((await browser.patch("/api/practice", {})).status).toBe(400);
    expect((await browser.get("/api/me")).json.practice.locale).toBe("de-DE");
  });

  it("writes a check-in e-mail's expiry date in the client's locale, else the practice's", async () => {
    const practiceWay = await buildClient(browser, { firstName: "Greta" });
    const { text, expiresAt } = await sentText(practiceWay);
    expect(text).toContain(`The link works until ${formatDateTimeInWords(expiresAt, "Europe/London", "de-DE")}.`);

    const own = await buildClient(browser, { firstName: "Hank", timeZone: "America/New_York", locale: "en-US" });
    expect((await browser.get(`/api/clients/${own}`)).json.client.locale).toBe("en-US");
    const us = await sentText(own);
    expect(us.text).toContain(`The link works until ${formatDateTimeInWords(us.expiresAt, "America/New_York", "en-US")}.`);
    expect(us.text).toMatch(/until \w+day, \w+ \d+, 2026/);

    const bad = await browser.patch(`/api/clients/${own}`, { version: 1, locale: "klingon" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.locale).toMatch(/must be one of/);
  });
});
