import fs from "node:fs";
import path from "node:path";
import type { ParsedMail } from "mailparser";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSmtpServer, type TestSmtpServer } from "../support/smtp";
import { CheckinLinkPage, CheckinPlansPage, CheckinSchedule, NewProtocolWithPlan, ScheduleCheckinsSection } from "./checkinPages";
import { SessionEntryPage, TimelinePage } from "./clinicalPages";
import { chromiumAvailable, launchBrowser, startServer, type TestServer } from "./harness";
import { SetupPage } from "./pages";

const owner = { email: "ines@stridelab.example", password: "long runs and slow recoveries all winter" };
const CLIENT_EMAIL = "tomas@example.org";
/** The server's scheduler makes a pass a minute; allow two passes and some start-up. */
const MAIL_WAIT_MS = 150_000;
const screenshotDir = process.env.E2E_SCREENSHOT_DIR;

async function screenshot(page: Page, name: string): Promise<void> {
  if (!screenshotDir) return;
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

async function waitForMail(smtp: TestSmtpServer, to: string): Promise<ParsedMail> {
  const deadline = Date.now() + MAIL_WAIT_MS;
  while (Date.now() < deadline) {
    const mail = smtp.messages.find((m) =>
      (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).some((a) => a.value.some((v) => v.address === to)),
    );
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no e-mail to ${to} within ${MAIL_WAIT_MS} ms`);
}

describe.skipIf(!chromiumAvailable)("a check-in e-mailed by the server's own scheduler", () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let phone: BrowserContext | undefined;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    server = await startServer({ env: { SMTP_URL: smtp.url, SMTP_FROM: "Stride Lab <checkins@stridelab.example>" } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(`${server.baseUrl}/setup`);
    await new SetupPage(page).createPractice({ practiceName: "Stride Lab", name: "Ines Moreau", ...owner });
    await page.waitForURL(/\/clients$/);
  });

  afterAll(async () => {
    await phone?.close();
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  it(
    "schedules from the protocol on signing, e-mails the link, survives a mail scanner and shows the phone answer on the timeline",
    async () => {
      const api = async (method: "post" | "put" | "get", url: string, data?: unknown) => {
        const response = await page.request[method](`${server.baseUrl}${url}`, {
          ...(data === undefined ? {} : { data }),
          headers: { Origin: server.baseUrl },
        });
        expect(response.ok(), await response.text()).toBe(true);
        return (await response.json()) as Record<string, unknown>;
      };
      const created = await api("post", "/api/clients", { firstName: "Tomas", lastName: "Brandt", email: CLIENT_EMAIL });
      const clientId = (created.client as { id: string }).id;
      await api("put", `/api/clients/${clientId}/consents/checkin_messages`, { granted: true });

      // A plan asking tightness the day after the session at midnight, attached to a protocol in its form.
      await page.goto(`${server.baseUrl}/checkin-plans`);
      await new CheckinPlansPage(page).create({ name: "Next-day tightness", measures: ["Tightness rating (0-10)"], days: "1", hour: 0 });
      await page.goto(`${server.baseUrl}/protocols`);
      await new NewProtocolWithPlan(page).create({ name: "Distal quad release", checkinPlan: "Next-day tightness" });
      await page.getByText(/check-ins: Next-day tightness, scheduled when a session is signed/).waitFor();

      // Signing a session (yesterday, so its check-in is already due) that applied the protocol
      // schedules the check-in; the session page says so.
      await page.goto(`${server.baseUrl}/clients/${clientId}/sessions/new`);
      const entry = new SessionEntryPage(page);
      await entry.heading.waitFor();
      await entry.startedDaysAgo(1);
      await entry.applyProtocol("Distal quad release");
      await entry.measure("Tightness before", 7);
      await entry.saveAndSign();
      await new ScheduleCheckinsSection(page).section
        .getByText("1 check-in scheduled automatically from the protocol's plan “Next-day tightness”.")
        .waitFor();
      await screenshot(page, "session-scheduled-automatically");

      // The server's scheduler e-mails it over SMTP; the link comes from the text part.
      const mail = await waitForMail(smtp, CLIENT_EMAIL);
      expect(mail.subject).toContain("Stride Lab");
      const link = /https?:\/\/\S+\/c\/[A-Za-z0-9_-]{43}/.exec(mail.text ?? "")?.[0];
      if (!link) throw new Error(`no check-in link in the e-mail text:\n${mail.text ?? ""}`);
      expect(mail.html).toContain(link);

      const checkins = async () =>
        ((await api("get", `/api/clients/${clientId}/checkins`)).checkins as Record<string, unknown>[]).map((c) => ({ ...c }));
      // The SMTP server holds the message a moment before the scheduler records it as sent.
      let [beforeScan] = await checkins();
      for (let tries = 0; beforeScan?.state !== "sent" && tries < 40; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        [beforeScan] = await checkins();
      }
      expect(beforeScan).toMatchObject({ state: "sent", openedAt: null, answeredAt: null, versions: [] });

      // A mail scanner opens the link twice in its own browser: only "opened" changes, once.
      const scanner = await browser.newContext();
      const scannerPage = await scanner.newPage();
      expect((await scannerPage.goto(link))?.status()).toBe(200);
      const [afterFirstScan] = await checkins();
      expect((await scannerPage.goto(link))?.status()).toBe(200);
      await scannerPage.getByRole("button", { name: "Send my answers" }).waitFor();
      await scanner.close();
      const [afterSecondScan] = await checkins();
      expect(afterSecondScan).toEqual(afterFirstScan);
      const { openedAt, state, ...rest } = afterFirstScan ?? {};
      const { openedAt: openedBefore, state: stateBefore, ...restBefore } = beforeScan ?? {};
      expect([stateBefore, openedBefore, state]).toEqual(["sent", null, "opened"]);
      expect(openedAt).toEqual(expect.any(String));
      expect(rest).toEqual(restBefore);

      // The client answers on a phone-sized screen.
      phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      const clientPage = await phone.newPage();
      expect((await clientPage.goto(link))?.status()).toBe(200);
      const form = new CheckinLinkPage(clientPage);
      await form.answerScale("tightness-nrs.1", 3);
      await screenshot(clientPage, "emailed-link-form-390");
      await form.submit();
      await clientPage.getByRole("heading", { name: "Thank you" }).waitFor();

      // The practitioner sees the answer on the client's timeline.
      await page.goto(`${server.baseUrl}/clients/${clientId}/timeline`);
      const timeline = new TimelinePage(page);
      await timeline.list.getByText("Check-in answered").waitFor();
      await timeline.list.getByText("Tightness: 3").waitFor();
      await new CheckinSchedule(page).items().first().getByText("Answered", { exact: true }).waitFor();
      await screenshot(page, "timeline-emailed-answer");
      expect(smtp.messages).toHaveLength(1);
    },
    MAIL_WAIT_MS + 60_000,
  );
});
