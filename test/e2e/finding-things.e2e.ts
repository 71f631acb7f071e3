import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launchBrowser, startServer, type TestServer } from "./harness";
import { SetupPage } from "./pages";

/**
 * Finding things: the client list's columns (last visit, next check-in, open check-ins, active
 * complaint), the search box over the whole practice, and dates written in the practice's locale.
 */

const owner = { email: "ines@finding.example", password: "find the distal third quickly" };

describe.skipIf(!chromiumAvailable)("finding things", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let clientId: string;
  let sessionId: string;

  async function api(method: "POST" | "PUT" | "PATCH", url: string, data: unknown): Promise<unknown> {
    const response = await page.request.fetch(`${server.baseUrl}${url}`, { method, data, headers: { Origin: server.baseUrl } });
    expect(response.ok(), `${method} ${url}: ${await response.text()}`).toBe(true);
    return await response.json();
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.baseUrl}/setup`);
    await new SetupPage(page).createPractice({ practiceName: "Finding Clinic", name: "Ines Duarte", ...owner });
    await page.waitForURL(/\/clients$/);

    const created = (await api("POST", "/api/clients", { firstName: "Maya", lastName: "Lindqvist", email: "maya@finding.example" })) as {
      client: { id: string };
    };
    clientId = created.client.id;
    await api("POST", `/api/clients/${clientId}/complaints`, { title: "Tight right hip flexor", regions: ["iliopsoas"], side: "right" });
    await api("PUT", `/api/clients/${clientId}/consents/checkin_messages`, { granted: true });
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    const session = (await api("POST", `/api/clients/${clientId}/sessions`, {
      startedAt: yesterday,
      findings: [{ regionCode: "rectus_femoris_distal", side: "right", qualities: { tension: 3 }, note: "Rigid, stuck to itself" }],
      soap: { s: "Hip flexor tight after hill repeats", o: null, a: null, p: null },
    })) as { session: { id: string } };
    sessionId = session.session.id;
    await api("POST", `/api/sessions/${sessionId}/sign`, {});
    const plan = (await api("POST", "/api/checkin-plans", { name: "After treatment", measureCodes: ["nprs"], offsetsDays: [0, 7] })) as {
      plan: { id: string };
    };
    await api("POST", `/api/sessions/${sessionId}/checkins`, { planId: plan.plan.id });
    await api("POST", "/api/clients", { firstName: "Quinn", lastName: "Abara" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows each client's last visit, next check-in, open check-ins and active complaint", async () => {
    await page.goto(`${server.baseUrl}/clients`);
    for (const name of ["Name", "Active complaint", "Last visit", "Next check-in", "Open check-ins"]) {
      await page.getByRole("columnheader", { name, exact: true }).waitFor();
    }
    const maya = page.getByRole("row").filter({ hasText: "Maya Lindqvist" });
    await maya.getByRole("link", { name: "Tight right hip flexor" }).waitFor();
    const cells = await maya.getByRole("cell").allInnerTexts();
    // The practice took the browser's locale when it was set up (en-US here): "Dec 6, 2026".
    // The day-7 check-in is the next one; the day-0 one is open.
    expect(cells[2]).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    expect(cells[3]).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    expect(cells[4]?.trim()).toBe("1");
    const quinn = await page.getByRole("row").filter({ hasText: "Quinn Abara" }).getByRole("cell").allInnerTexts();
    expect(quinn.slice(1, 5).map((c) => c.trim())).toEqual(["—", "—", "—", "0"]);
  });

  it("finds a finding from the search box and opens the note", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Search" }).click();
    await page.getByLabel("Search clients, complaints, notes and protocols").fill("rectus femoris");
    const result = page.getByRole("link", { name: "Right rectus femoris, distal third" });
    await result.waitFor();
    await page.getByText("Rigid, stuck to itself").waitFor();
    expect(page.url()).toMatch(/\/search\?q=rectus(\+|%20)femoris$/);
    await result.click();
    await page.waitForURL(new RegExp(`/clients/${clientId}/sessions/${sessionId}$`));

    await page.goto(`${server.baseUrl}/search?q=${encodeURIComponent("zebra crossing")}`);
    await page.getByText("Nothing found for “zebra crossing”.").waitFor();
  });

  it("writes dates the way the practice's chosen locale does", async () => {
    await page.goto(`${server.baseUrl}/account`);
    await page.getByLabel("Date format").selectOption("en-GB");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Saved: dates are now written this way.").waitFor();
    await page.goto(`${server.baseUrl}/clients`);
    const maya = page.getByRole("row").filter({ hasText: "Maya Lindqvist" });
    await maya.getByRole("link", { name: "Tight right hip flexor" }).waitFor();
    expect((await maya.getByRole("cell").allInnerTexts())[2]).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);

    await page.goto(`${server.baseUrl}/account`);
    await page.getByLabel("Date format").selectOption("de-DE");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Saved: dates are now written this way.").waitFor();
    await page.goto(`${server.baseUrl}/clients`);
    await maya.getByRole("link", { name: "Tight right hip flexor" }).waitFor();
    expect((await maya.getByRole("cell").allInnerTexts())[2]).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
  });
  it("lists a big practice 50 clients at a time, with the next ones a tap away", async () => {
    // 58 more clients: 60 in all with Maya and Quinn.
    for (let i = 0; i < 58; i += 1) {
      await api("POST", "/api/clients", { firstName: "Runner", lastName: `Zeta ${String(i).padStart(2, "0")}` });
    }
    await page.goto(`${server.baseUrl}/clients`);
    const rows = page.locator("table.table--clients tbody tr");
    await page.getByText("60 clients (showing 50)").waitFor();
    expect(await rows.count()).toBe(50);
    await page.getByRole("button", { name: "Show 10 more" }).click();
    await page.getByText("60 clients", { exact: true }).waitFor();
    expect(await rows.count()).toBe(60);
    const names = await page.locator("table.table--clients tbody tr .table__primary").allTextContents();
    expect(new Set(names).size).toBe(60);
    expect(await page.getByRole("button", { name: /Show \d+ more/ }).count()).toBe(0);
    // A search starts again from its own first page.
    await page.getByLabel("Search clients").fill("zeta 57");
    await page.getByText("1 client", { exact: true }).waitFor();
    expect(await rows.count()).toBe(1);
  });
});
