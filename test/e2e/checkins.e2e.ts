import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CheckinLinkPage, CheckinPlansPage, CheckinSchedule, ScheduleCheckinsSection } from "./checkinPages";
import { SessionEntryPage, TimelinePage } from "./clinicalPages";
import { chromiumAvailable, launchBrowser, startServer, type TestServer } from "./harness";
import { ClientDetailPage, SetupPage } from "./pages";

const owner = { email: "ines@stridelab.example", password: "long runs and slow recoveries all winter" };
/** Set E2E_SCREENSHOT_DIR to keep screenshots of the pages this test visits. */
const screenshotDir = process.env.E2E_SCREENSHOT_DIR;

async function screenshot(page: Page, name: string): Promise<void> {
  if (!screenshotDir) return;
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

function watchCsp(page: Page, violations: string[]): void {
  page.on("console", (message) => {
    if (/content security policy/i.test(message.text())) violations.push(message.text());
  });
}

describe.skipIf(!chromiumAvailable)("check-ins after a session", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let phone: BrowserContext | undefined;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    watchCsp(page, cspViolations);
    await page.goto(`${server.baseUrl}/setup`);
    await new SetupPage(page).createPractice({ practiceName: "Stride Lab", name: "Ines Moreau", ...owner });
    await page.waitForURL(/\/clients$/);
  });

  afterAll(async () => {
    await phone?.close();
    await browser?.close();
    await server?.stop();
  });

  it("schedules, sends and receives a check-in that the client answers on a phone, and shows the change on the timeline", async () => {
    const response = await page.request.post(`${server.baseUrl}/api/clients`, {
      data: { firstName: "Tomas", lastName: "Brandt", email: "tomas@example.org" },
      headers: { Origin: server.baseUrl },
    });
    expect(response.status(), await response.text()).toBe(201);
    const clientId = ((await response.json()) as { client: { id: string } }).client.id;

    // A plan: tightness on the day after the session at midnight and two days after it.
    await page.getByRole("navigation").getByRole("link", { name: "Check-ins" }).click();
    await page.getByRole("heading", { name: "Check-ins", level: 1 }).waitFor();
    await page.getByRole("link", { name: "Check-in plans" }).click();
    await new CheckinPlansPage(page).create({ name: "After treatment", measures: ["Tightness rating (0-10)"], days: "1, 2", hour: 0 });
    await screenshot(page, "checkin-plans");

    // A signed session yesterday with tightness 7 before treatment: its day-1 check-in (today at midnight) is overdue.
    await page.goto(`${server.baseUrl}/clients/${clientId}/sessions/new`);
    const entry = new SessionEntryPage(page);
    await entry.heading.waitFor();
    await entry.startedDaysAgo(1);
    await entry.measure("Tightness before", 7);
    await entry.saveAndSign();

    // Without consent to check-in messages, scheduling is refused with a way forward.
    const scheduling = new ScheduleCheckinsSection(page);
    await scheduling.schedule("After treatment");
    await scheduling.section
      .getByRole("alert")
      .getByText(/has not agreed to receive check-in messages/)
      .waitFor();
    await screenshot(page, "session-consent-missing");
    const sessionUrl = page.url();

    // The practitioner records consent on the client's profile, then schedules.
    await page.goto(`${server.baseUrl}/clients/${clientId}`);
    await new ClientDetailPage(page).heading("Tomas Brandt").waitFor();
    await page.getByRole("button", { name: "Record consent given (Check-in messages)" }).click();
    await page.getByRole("button", { name: "Record withdrawal (Check-in messages)" }).waitFor();
    await page.goto(sessionUrl);
    await scheduling.schedule("After treatment");
    await scheduling.section.getByText(/2 check-ins scheduled/).waitFor();
    await screenshot(page, "session-scheduled");

    // The schedule on the timeline; "Send" shows the outbox message with the link to copy.
    await scheduling.section.getByRole("link", { name: "timeline" }).click();
    await page.waitForURL(/\/timeline$/);
    const schedule = new CheckinSchedule(page);
    await schedule.section.waitFor();
    expect(await schedule.items().count()).toBe(2);
    const link = await schedule.sendFirst();
    expect(link).toMatch(/^http:\/\/[^/]+\/c\/[A-Za-z0-9_-]+$/);
    await schedule.items().first().getByText("Sent", { exact: true }).waitFor();
    await screenshot(page, "timeline-sent");

    // The practice view lists the sent, overdue check-in and no answers yet.
    await page.getByRole("navigation").getByRole("link", { name: "Check-ins" }).click();
    await page.getByRole("row", { name: /Tomas Brandt .* overdue Sent/ }).waitFor();
    await page.getByText("0% — 0 of 1 check-ins due in the last 90 days answered.").waitFor();
    await screenshot(page, "due-checkins-waiting");
    await page.goBack();

    // The client, on a phone in a separate browser context. A mail scanner fetches the link first.
    phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const scan = await phone.request.get(link);
    expect(scan.status()).toBe(200);
    const clientPage = await phone.newPage();
    const clientCsp: string[] = [];
    watchCsp(clientPage, clientCsp);
    const opened = await clientPage.goto(link);
    expect(opened?.status()).toBe(200);
    await screenshot(clientPage, "client-form-390");
    const clientForm = new CheckinLinkPage(clientPage);
    await clientForm.answerScale("tightness-nrs.1", 3);
    await screenshot(clientPage, "client-form-answered-390");
    await clientForm.submit();
    await clientPage.getByRole("heading", { name: "Thank you" }).waitFor();
    await screenshot(clientPage, "client-thank-you-390");
    expect(clientCsp).toEqual([]);

    // The practitioner sees the answer and its change against the pre-treatment value.
    await page.reload();
    const timeline = new TimelinePage(page);
    await timeline.list.getByText("Check-in answered").waitFor();
    await timeline.list.getByText("Tightness: 3").waitFor();
    await timeline.list.getByText("tightness 7 → 3: a change of 4 (better), more than the 2-point practice threshold").waitFor();
    await schedule.items().first().getByText("Answered", { exact: true }).waitFor();
    await screenshot(page, "timeline-answered");

    // The response rate counts the answer.
    await page.getByRole("navigation").getByRole("link", { name: "Check-ins" }).click();
    await page.getByText("100% — 1 of 1 check-ins due in the last 90 days answered.").waitFor();
    await screenshot(page, "due-checkins");

    expect(cspViolations).toEqual([]);
  });
});
