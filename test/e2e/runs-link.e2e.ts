import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFitRun } from "../support/runs";
import { buildZip } from "../support/zip";
import { chromiumAvailable, launchBrowser, startServer, type TestServer } from "./harness";
import { ClientDetailPage, ClientFormPage, ClientsPage, SetupPage } from "./pages";

const owner = { email: "noor@trackside.example", password: "strides on the back straight at dusk" };

/** The runner's "send your runs" page, on a phone. */
class RunsLinkPage {
  constructor(private readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole("heading", { name: "Send your runs", level: 1 });
  }

  async send(files: { name: string; bytes: Uint8Array }[]): Promise<void> {
    await this.page
      .getByLabel("Files")
      .setInputFiles(files.map(({ name, bytes }) => ({ name, mimeType: "application/octet-stream", buffer: Buffer.from(bytes) })));
    await this.page.getByRole("button", { name: "Send" }).click();
  }

  received(fileName: string): Locator {
    return this.page.locator(".uploads > li").filter({ hasText: fileName });
  }
}

describe.skipIf(!chromiumAvailable)("a runner sending their runs through the link", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("uploads three watch files and a Strava export (its upload cut off and resumed), and the therapist sees them as sent by the client", async () => {
    await page.goto(`${server.baseUrl}/setup`);
    await new SetupPage(page).createPractice({ practiceName: "Trackside", name: "Noor Haddad", ...owner });
    const clients = new ClientsPage(page, server.baseUrl);
    await clients.heading.waitFor();
    await clients.startNewClient();
    const form = new ClientFormPage(page);
    await form.fillBasics({ firstName: "Lena", lastName: "Vogt" });
    await form.save();
    await new ClientDetailPage(page).heading("Lena Vogt").waitFor();
    // Lena reads German: her link pages write dates the German way.
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    expect(await form.language.inputValue()).toBe("");
    await form.language.selectOption({ label: "Deutsch (Deutschland)" });
    await form.save("Save changes");
    await new ClientDetailPage(page).heading("Lena Vogt").waitFor();
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    expect(await form.language.inputValue()).toBe("de-DE");
    await page.goBack();
    await new ClientDetailPage(page).heading("Lena Vogt").waitFor();
    await page.getByRole("navigation", { name: "Client sections" }).getByRole("link", { name: "Training" }).click();
    await page.getByRole("button", { name: "Show a link and QR code" }).click();
    await page.getByRole("img", { name: /QR code/ }).waitFor();
    const url = await page.getByLabel("Link for the client").inputValue();
    expect(url).toMatch(/\/r\/[A-Za-z0-9_-]{43}$/);

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const runner = await phone.newPage();
    // Files go one after another; the first time the export's bytes (the fourth file) are sent, the connection drops.
    let patches = 0;
    let cut = false;
    await runner.route("**/tus/*", async (route) => {
      if (route.request().method() === "PATCH") patches += 1;
      if (patches === 4 && !cut) {
        cut = true;
        await route.abort("connectionreset");
        return;
      }
      await route.continue();
    });
    // What the progress line says while the files go up (the page reloads when all are sent).
    const progressSeen: string[] = [];
    await runner.exposeFunction("recordProgress", (line: string) => progressSeen.push(line));
    await runner.goto(url.replace(/^https?:\/\/[^/]+/, server.baseUrl));
    const runs = new RunsLinkPage(runner);
    await runs.heading.waitFor();
    await runner.evaluate(() => {
      const line = document.getElementById("progress-text");
      const record = (window as unknown as { recordProgress: (line: string) => void }).recordProgress;
      if (line)
        new MutationObserver(() => record(line.textContent ?? "")).observe(line, { childList: true, characterData: true, subtree: true });
    });
    const day = new Date();
    const dayStart = (daysAgo: number) =>
      new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - daysAgo, 7)).toISOString();
    const exportZip = await buildZip({
      "activities/101.fit": buildFitRun({ start: dayStart(9), seed: 101 }),
      "activities/102.fit": buildFitRun({ start: dayStart(8), seed: 102 }),
      "activities.csv": "Activity ID,Activity Date,Activity Name,Activity Type,Filename\n101,x,Hill reps,Run,activities/101.fit\n",
    });
    await runs.send([
      { name: "monday.fit", bytes: buildFitRun({ start: dayStart(5), seed: 1 }) },
      { name: "wednesday.fit", bytes: buildFitRun({ start: dayStart(3), seed: 2 }) },
      { name: "friday.fit", bytes: buildFitRun({ start: dayStart(1), seed: 3 }) },
      { name: "export_12345.zip", bytes: exportZip },
    ]);
    await runs.received("export_12345.zip").waitFor({ timeout: 30_000 });
    expect(cut).toBe(true);
    expect(progressSeen.some((line) => /^Sending monday\.fit \(1 of 4\): \d+%$/.test(line))).toBe(true);
    expect(progressSeen.some((line) => /^Sending export_12345\.zip \(4 of 4\): 100%$/.test(line))).toBe(true);
    for (const name of ["monday.fit", "wednesday.fit", "friday.fit"])
      await runs
        .received(name)
        .getByText(/km · Lauf/)
        .waitFor();
    expect(await runs.received("export_12345.zip").getByText(/km · /).count()).toBe(2);
    // In German: "Di., 1. Dez. 2026 · 8,0 km · Lauf", upload times as "01.12.2026, 08:00".
    expect(
      await runs
        .received("monday.fit")
        .getByText(/^\S+\., \d{1,2}\. \S+ \d{4} · \d+,\d km · Lauf$/)
        .count(),
    ).toBe(1);
    await runs
      .received("monday.fit")
      .getByText(/sent \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/)
      .waitFor();
    expect(await runner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.reload();
    const table = page.getByRole("table", { name: "Activities, newest first" });
    await table.waitFor();
    expect(await table.getByText("sent by the client").count()).toBe(5);
    const notice = page.getByText(/The client sent 5 activities themselves/);
    await notice.waitFor();
    expect(await notice.count()).toBe(1);
    await phone.close();
  });
});
