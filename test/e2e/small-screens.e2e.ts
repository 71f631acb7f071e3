import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launchBrowser, startServer, type TestServer } from "./harness";
import { SignInPage } from "./pages";

/**
 * The practitioner app on a phone (390 px) and a tablet in portrait (768 px): every page of the
 * demo practice fits the width with no sideways scrolling, the navigation folds behind a Menu
 * button on the phone, and the client's check-in page asks a 0–10 question in one row.
 * Screenshots at 390 px go to PALPABLE_SCREENSHOTS (docs/screenshots/ holds the committed ones).
 */

const OWNER = { email: "owner@demo.palpable.test", password: "palpable-demo-2026" };
const SCREENSHOT_DIR = process.env.PALPABLE_SCREENSHOTS ?? path.join(os.tmpdir(), "palpable-small-screens");
const WIDTHS = [390, 768] as const;

interface Json {
  [key: string]: unknown;
}

describe.skipIf(!chromiumAvailable)("the practitioner app on a phone and a tablet", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const ids: Record<string, string> = {};

  async function api(method: "GET" | "POST", url: string, data?: unknown): Promise<Json> {
    const response =
      method === "GET"
        ? await page.request.get(`${server.baseUrl}${url}`)
        : await page.request.post(`${server.baseUrl}${url}`, { data: data ?? {}, headers: { Origin: server.baseUrl } });
    expect(response.ok(), `${method} ${url}: ${await response.text()}`).toBe(true);
    return (await response.json()) as Json;
  }

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    server = await startServer({ demo: true });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    page = await context.newPage();
    const signIn = new SignInPage(page, server.baseUrl);
    await signIn.open();
    await signIn.signIn(OWNER);
    await page.waitForURL(/\/clients$/);

    const { clients } = (await api("GET", "/api/clients?q=maya%20lindqvist")) as { clients: { id: string }[] };
    ids.client = clients[0]?.id ?? "";
    const { items } = (await api("GET", `/api/clients/${ids.client}/timeline`)) as {
      items: { kind: string; session?: { id: string } }[];
    };
    ids.session = items.find((item) => item.kind === "session")?.session?.id ?? "";
    const { activities } = (await api("GET", `/api/clients/${ids.client}/activities`)) as { activities: { id: string }[] };
    ids.activity = activities[0]?.id ?? "";
    const { experiments } = (await api("GET", "/api/experiments")) as { experiments: { id: string; status: string }[] };
    ids.experiment = (experiments.find((experiment) => experiment.status !== "draft") ?? experiments[0])?.id ?? "";
    const { complaints } = (await api("GET", `/api/clients/${ids.client}/complaints`)) as { complaints: { id: string }[] };
    const { report } = (await api("POST", `/api/clients/${ids.client}/case-reports`, { complaintId: complaints[0]?.id })) as {
      report: { id: string };
    };
    ids.report = report.id;
    for (const [name, id] of Object.entries(ids)) expect(id, `the demo practice has a ${name}`).not.toBe("");
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Every page of the app, with ids from the demo practice. */
  function pages(): string[] {
    const client = `/clients/${ids.client}`;
    return [
      "/clients",
      "/search?q=hip",
      "/clients/new",
      client,
      `${client}/timeline`,
      `${client}/training`,
      `${client}/case-reports`,
      `${client}/edit`,
      `${client}/sessions/new`,
      `${client}/sessions/${ids.session}`,
      `${client}/activities/${ids.activity}`,
      `/case-reports/${ids.report}`,
      "/protocols",
      "/checkins",
      "/checkin-plans",
      "/experiments",
      "/experiments/new",
      `/experiments/${ids.experiment}`,
      `/experiments/${ids.experiment}/edit`,
      "/patterns",
      "/team",
      "/account",
      "/audit",
    ];
  }

  /** The page's width beyond the viewport, and the elements that stick out furthest, for the message. */
  async function overflow(): Promise<{ scrollWidth: number; culprits: string[] }> {
    return page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const culprits: string[] = [];
      for (const element of document.querySelectorAll<HTMLElement>("body *")) {
        const box = element.getBoundingClientRect();
        if (box.right > width + 1 && box.width > 0) {
          let scrolled = false;
          for (let parent = element.parentElement; parent; parent = parent.parentElement) {
            const style = getComputedStyle(parent);
            if (style.overflowX === "auto" || style.overflowX === "scroll" || style.overflowX === "hidden" || style.overflowX === "clip") {
              scrolled = true;
              break;
            }
          }
          if (!scrolled) culprits.push(`${element.tagName.toLowerCase()}.${element.className} → ${Math.round(box.right)} px`);
        }
      }
      return { scrollWidth: document.documentElement.scrollWidth, culprits: culprits.slice(0, 5) };
    });
  }

  async function settle(): Promise<void> {
    await page.locator("main h1").first().waitFor();
    await page.waitForLoadState("networkidle");
    await page
      .getByText(/^Loading/)
      .first()
      .waitFor({ state: "detached", timeout: 10_000 })
      .catch(() => undefined);
  }

  it("shows every page without sideways scrolling at 390 and 768 px", async () => {
    const problems: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 1024 });
      for (const url of pages()) {
        await page.goto(`${server.baseUrl}${url}`);
        await settle();
        const { scrollWidth, culprits } = await overflow();
        if (scrollWidth > width) problems.push(`${url} at ${width} px is ${scrollWidth} px wide: ${culprits.join("; ")}`);
      }
    }
    expect(problems).toEqual([]);
  }, 240_000);

  it("folds the navigation behind a Menu button on a phone, and opens it", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.baseUrl}/clients`);
    await settle();
    const nav = page.getByRole("navigation", { name: "Main" });
    const menu = page.getByRole("button", { name: "Menu" });
    expect(await nav.isVisible()).toBe(false);
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    await menu.click();
    await nav.getByRole("link", { name: "Account" }).click();
    await page.getByRole("heading", { name: "Account", level: 1 }).waitFor();
    expect(await nav.isVisible()).toBe(false);

    await page.setViewportSize({ width: 768, height: 1024 });
    expect(await nav.isVisible()).toBe(true);
    expect(await menu.isVisible()).toBe(false);
  });

  it("saves screenshots of the session form, the timeline and the client list at 390 px (and the list at 1280 px)", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const shots: [string, string][] = [
      ["client-list-390.png", "/clients"],
      ["timeline-390.png", `/clients/${ids.client}/timeline`],
      ["session-form-390.png", `/clients/${ids.client}/sessions/new`],
    ];
    for (const [file, url] of shots) {
      await page.goto(`${server.baseUrl}${url}`);
      await settle();
      // The client list is as long as the practice; its first screenful shows what a row looks like.
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, file), fullPage: file !== "client-list-390.png" });
    }
    // The client list at a desktop width too: its columns side by side.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.baseUrl}/clients`);
    await settle();
    await page.getByRole("columnheader", { name: "Next check-in" }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "client-list-1280.png") });
  });

  it("gives the experiment page and the case report a section index and sections that fold", async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${server.baseUrl}/experiments/${ids.experiment}`);
    const index = page.getByRole("navigation", { name: "On this page" });
    await index.getByRole("link", { name: "Results" }).waitFor();
    const plan = page.getByRole("button", { name: "The plan", exact: true });
    const planRegion = page.getByRole("region", { name: "The plan" });
    expect(await plan.getAttribute("aria-expanded")).toBe("true");
    await plan.click();
    expect(await plan.getAttribute("aria-expanded")).toBe("false");
    expect(await planRegion.locator(".collapsible__body").isHidden()).toBe(true);
    // Following the index to a folded section opens it.
    await index.getByRole("link", { name: "The plan" }).click();
    expect(await plan.getAttribute("aria-expanded")).toBe("true");
    expect(await planRegion.locator(".collapsible__body").isVisible()).toBe(true);

    await page.goto(`${server.baseUrl}/case-reports/${ids.report}`);
    const reportIndex = page.getByRole("navigation", { name: "On this page" });
    await reportIndex.getByRole("link", { name: "Preview" }).waitFor();
    const preview = page.getByRole("article", { name: "Anonymised preview" });
    const sectionToggles = preview.getByRole("button", { expanded: true });
    const sections = await sectionToggles.count();
    expect(sections).toBeGreaterThanOrEqual(3);
    expect(await reportIndex.getByRole("link").count()).toBe(3 + sections);
    const first = sectionToggles.first();
    const name = (await first.innerText()).trim();
    await first.click();
    expect(await preview.getByRole("button", { name, exact: true }).getAttribute("aria-expanded")).toBe("false");
  });

  it("asks a 0–10 question on the client's phone as one row of 11 tap targets that works without scripts", async () => {
    const { checkins } = (await api("GET", `/api/clients/${ids.client}/checkins`)) as {
      checkins: { id: string; status: string; measureCodes?: string[] }[];
    };
    let open = checkins.find((checkin) => checkin.status === "scheduled" || checkin.status === "due" || checkin.status === "sent");
    if (!open) {
      const { plans } = (await api("GET", "/api/checkin-plans")) as { plans: { id: string }[] };
      const scheduled = (await api("POST", `/api/sessions/${ids.session}/checkins`, { planId: plans[0]?.id })) as {
        checkins: { id: string; status: string }[];
      };
      open = scheduled.checkins[0];
    }
    const { checkin } = (await api("POST", `/api/checkins/${open?.id}/link`)) as { checkin: { linkUrl: string } };

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const client = await phone.newPage();
    await client.goto(checkin.linkUrl);
    const group = client
      .getByRole("group")
      .filter({ has: client.locator(".taps") })
      .first();
    await group.waitFor();
    const radios = group.getByRole("radio");
    expect(await radios.count()).toBe(11);
    const tops = await radios.evaluateAll((inputs) => inputs.map((input) => Math.round(input.getBoundingClientRect().top)));
    expect(new Set(tops).size, "all 11 on one row").toBe(1);
    const box = await radios.first().boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(24);
    expect(await client.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await radios.nth(3).click();
    expect(await radios.nth(3).isChecked()).toBe(true);
    await client.screenshot({ path: path.join(SCREENSHOT_DIR, "checkin-phone-390.png"), fullPage: true });
    await phone.close();
  });
});
