import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFitRun } from "../support/runs";
import { CountingActions, SessionEntryPage, TimelinePage } from "./clinicalPages";
import { chromiumAvailable, launchBrowser, startServer, type TestServer } from "./harness";
import { ClientDetailPage, SetupPage } from "./pages";

/**
 * The story's session (pain and tightness before, the right distal rectus femoris rigid and
 * crunchy, cupping and hot stones there, then myofascial release knee → hip, pain and tightness
 * after, signed) entered keyboard-only and with a mouse, each within its budget, in a practice
 * that has done that release before (so it is among its recent steps); copy forward,
 * a protocol's sides, the steps on the timeline, a batch upload's summary and the whole training
 * history in the weekly-load chart.
 */

const owner = { email: "ines@quadclinic.example", password: "knee toward hip, slowly, after the stones" };
const DISTAL_RIGHT = "Right rectus femoris, distal third";
const KEYBOARD_BUDGET = 60;
/**
 * Taps to enter, save and sign the story's session, the last of them confirming the signature in
 * the dialog that lists what will be signed (signing is deliberate, so that tap is kept).
 */
const MOUSE_BUDGET = 15;
/** The knee → hip release among the recent steps (with the minutes of the latest time, if any). */
const RECENT_RELEASE = /^\+ Myofascial release · Rectus femoris \(right\) · Distal → proximal\b/;

interface SessionJson {
  status: string;
  measures: unknown;
  findings: { regionCode: string; side: string | null; qualities: Record<string, number | null>; textureDescriptor: string | null }[];
  steps: { technique: string; regionCode: string | null; side: string | null; direction: string | null }[];
}

/** Presses keys and counts them: every key press is one keystroke, a typed word one per letter. */
class Keyboard {
  readonly log: string[] = [];
  constructor(private readonly page: Page) {}

  async press(...keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.page.keyboard.press(key);
      this.log.push(key);
    }
  }

  async type(text: string): Promise<void> {
    for (const char of text) await this.press(char);
  }

  get count(): number {
    return this.log.length;
  }
}

describe.skipIf(!chromiumAvailable)("entering the story's session quickly", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  async function post(path: string, data: unknown): Promise<Record<string, unknown>> {
    const response = await page.request.post(`${server.baseUrl}${path}`, { data, headers: { Origin: server.baseUrl } });
    expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
    return (await response.json()) as Record<string, unknown>;
  }

  async function clientWithComplaint(firstName: string): Promise<string> {
    const { client } = (await post("/api/clients", { firstName, lastName: "Runner" })) as { client: { id: string } };
    await post(`/api/clients/${client.id}/complaints`, {
      title: "Tight hip flexor, right",
      side: "right",
      regions: ["iliopsoas"],
      onsetOn: null,
      triggers: ["downhill"],
      status: "active",
      notes: null,
    });
    return client.id;
  }

  async function signedSession(): Promise<SessionJson> {
    await page.getByRole("heading", { name: "Session Signed", level: 1 }).waitFor();
    const id = new URL(page.url()).pathname.split("/").pop() ?? "";
    const response = await page.request.get(`${server.baseUrl}/api/sessions/${id}`);
    return ((await response.json()) as { session: SessionJson }).session;
  }

  function expectStorySession(session: SessionJson): void {
    expect(session.status).toBe("signed");
    expect(session.measures).toEqual({ pre: { pain: 6, tightness: 8 }, post: { pain: 2, tightness: 3 } });
    expect(session.findings).toHaveLength(1);
    expect(session.findings[0]).toMatchObject({
      regionCode: "rectus_femoris_distal",
      side: "right",
      qualities: { tension: 3, texture: 3 },
      textureDescriptor: "crunchy",
    });
    expect(session.steps.map((s) => [s.technique, s.regionCode, s.side, s.direction])).toEqual([
      ["cupping", "rectus_femoris_distal", "right", null],
      ["hot_stones", "rectus_femoris_distal", "right", null],
      ["myofascial_release", "rectus_femoris", "right", "distal_to_proximal"],
    ]);
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(`${server.baseUrl}/setup`);
    await new SetupPage(page).createPractice({ practiceName: "Quad Clinic", name: "Ines Roth", ...owner });
    await page.waitForURL(/\/clients$/);
    // An earlier signed session in the practice: the knee → hip release is among its recent steps.
    const earlier = await clientWithComplaint("Earlier");
    const step = { side: "right", intensity: null, note: null };
    const { session } = (await post(`/api/clients/${earlier}/sessions`, {
      startedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      complaintIds: [],
      protocolVersionId: null,
      measures: { pre: { pain: 5, tightness: 7 }, post: { pain: 2, tightness: 3 } },
      findings: [],
      steps: [
        { ...step, technique: "cupping", regionCode: "rectus_femoris_distal", direction: null, minutes: 8 },
        { ...step, technique: "myofascial_release", regionCode: "rectus_femoris", direction: "distal_to_proximal", minutes: 4 },
      ],
      soap: { s: null, o: null, a: null, p: null },
      advice: null,
    })) as { session: { id: string } };
    await post(`/api/sessions/${session.id}/sign`, {});
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(`enters the story's session keyboard-only in at most ${KEYBOARD_BUDGET} keystrokes`, async () => {
    const clientId = await clientWithComplaint("Keys");
    await page.goto(`${server.baseUrl}/clients/${clientId}`);
    await new ClientDetailPage(page).heading("Keys Runner").waitFor();
    const keys = new Keyboard(page);
    await page.getByRole("link", { name: "New session" }).focus();
    await keys.press("Enter");
    await new SessionEntryPage(page).heading.waitFor();

    await keys.press("Tab", "Tab", "Tab"); // back link, date "Change", the complaint (preselected)
    await keys.press("Tab", "6"); // Pain before: one Tab stop, a digit chooses
    await keys.press("Tab", "8");
    await keys.press("Tab"); // "Add a finding at"
    await keys.type("di");
    await keys.press("Enter"); // takes "Right rectus femoris, distal third"; focus moves into its card
    await keys.press("3"); // Tension / rigidity: marked
    await keys.press("Tab", "Tab", "3"); // Tenderness (skipped), Texture: marked
    await keys.press("Tab", "Tab", "Tab", "c"); // Adhesion, Temperature, Texture feels: crunchy
    await keys.press("Tab", "Tab", "Enter"); // the note, then "Add step"; focus moves into the new step
    await keys.type("cu");
    await keys.press("Enter", "Enter"); // Cupping; Enter again adds the next step (same place)
    await keys.type("ho");
    await keys.press("Enter", "Enter"); // Hot stones; next step
    await keys.type("my");
    await keys.press("Enter"); // Myofascial release
    await keys.press("Tab", "Tab", "r", "Enter"); // minutes (skipped), region: Rectus femoris
    await keys.press("Tab", "Tab", "d"); // side (kept: right), direction: Distal → proximal
    await keys.press("Tab", "Tab", "Tab", "Tab", "Tab", "2"); // intensity, Remove, Add step, recent steps, Pain after: 2
    await keys.press("Tab", "3"); // Tightness after: 3
    await keys.press("Tab", "Tab", "Enter"); // SOAP notes (closed), Save and sign
    // The confirmation lists what the signature covers; its Sign button has the focus.
    await page.getByRole("dialog", { name: "Sign this note?" }).waitFor();
    await keys.press("Enter");

    const session = await signedSession();
    expectStorySession(session);
    process.stdout.write(`Keyboard-only story session: ${keys.count} keystrokes\n`);
    expect(keys.count, keys.log.join(" ")).toBeLessThanOrEqual(KEYBOARD_BUDGET);
  });

  it(`enters the story's session with a mouse in at most ${MOUSE_BUDGET} actions`, async () => {
    const clientId = await clientWithComplaint("Mouse");
    await page.goto(`${server.baseUrl}/clients/${clientId}`);
    await new ClientDetailPage(page).heading("Mouse Runner").waitFor();
    const act = new CountingActions();
    const entry = new SessionEntryPage(page, act);
    await act.tap(page.getByRole("link", { name: "New session" }), "new session");
    await entry.heading.waitFor();
    await entry.measure("Pain before", 6);
    await entry.measure("Tightness before", 8);
    await entry.tapRegion(DISTAL_RIGHT);
    await entry.grade(DISTAL_RIGHT, "Tension / rigidity", "marked");
    await entry.grade(DISTAL_RIGHT, "Texture", "marked");
    await entry.grade(DISTAL_RIGHT, "Texture feels", "crunchy");
    const quick = page.getByRole("group", { name: "Add a step of" });
    await act.tap(quick.getByRole("button", { name: "+ Cupping" }), "+ cupping");
    await act.tap(quick.getByRole("button", { name: "+ Hot stones" }), "+ hot stones");
    // The release knee → hip, region, side and direction as last done: one tap.
    await act.tap(page.getByRole("group", { name: "Recent steps" }).getByRole("button", { name: RECENT_RELEASE }), "recent release");
    await entry.measure("Pain after", 2);
    await entry.measure("Tightness after", 3);
    await act.tap(page.getByRole("button", { name: "Save and sign" }), "save and sign");
    await act.tap(
      page.getByRole("dialog", { name: "Sign this note?" }).getByRole("button", { name: "Sign", exact: true }),
      "confirm signing",
    );

    expectStorySession(await signedSession());
    process.stdout.write(`Mouse story session: ${act.count} actions:\n  ${act.actions.join("\n  ")}\n`);
    expect(act.count, act.actions.join("\n")).toBeLessThanOrEqual(MOUSE_BUDGET);
  });

  it("adds a recent step from the keyboard: the row is one Tab stop, the arrow keys move along it", async () => {
    const clientId = await clientWithComplaint("Recent");
    await page.goto(`${server.baseUrl}/clients/${clientId}/sessions/new`);
    await new SessionEntryPage(page).heading.waitFor();
    const recent = page.getByRole("group", { name: "Recent steps" }).getByRole("button");
    expect(await recent.count()).toBeGreaterThanOrEqual(2);
    await page.getByRole("button", { name: "Add step", exact: true }).focus();
    await page.keyboard.press("Tab");
    expect(await recent.nth(0).evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press("ArrowRight");
    expect(await recent.nth(1).evaluate((button) => button === document.activeElement)).toBe(true);
    const label = (await recent.nth(1).innerText()).replace(/^\+ /, "");
    await page.keyboard.press("Enter");
    const technique = await page.getByRole("combobox", { name: "Step 1 technique" }).inputValue();
    expect(label.startsWith(`${technique} · `)).toBe(true);
    // Tab leaves the row from where the focus is, not through every step in it.
    await page.keyboard.press("Tab");
    expect(await page.getByRole("radiogroup", { name: "Pain after" }).evaluate((group) => group.contains(document.activeElement))).toBe(
      true,
    );
  });

  it("lists each session's technique steps on the timeline", async () => {
    const clientId = await clientWithComplaint("Steps");
    const step = { side: "right", minutes: null, intensity: null, note: null };
    const { session } = (await post(`/api/clients/${clientId}/sessions`, {
      startedAt: new Date(Date.now() - 86_400_000).toISOString(),
      complaintIds: [],
      protocolVersionId: null,
      measures: { pre: { pain: 6, tightness: 8 }, post: { pain: 2, tightness: 3 } },
      findings: [],
      steps: [
        { ...step, technique: "cupping", regionCode: "rectus_femoris_distal", direction: null },
        { ...step, technique: "myofascial_release", regionCode: "rectus_femoris", direction: "distal_to_proximal" },
      ],
      soap: { s: null, o: null, a: null, p: null },
      advice: null,
    })) as { session: { id: string } };
    await post(`/api/sessions/${session.id}/sign`, {});
    await page.goto(`${server.baseUrl}/clients/${clientId}/timeline`);
    const timeline = new TimelinePage(page);
    await timeline.list.getByText("Myofascial release · Rectus femoris (right) · Distal → proximal").waitFor();
    await timeline.list.getByText("Cupping · Rectus femoris, distal third (right)").waitFor();
  });

  it("copies the last session's findings and steps forward, to edit and sign", async () => {
    const clientId = await clientWithComplaint("Again");
    const { session: first } = (await post(`/api/clients/${clientId}/sessions`, {
      startedAt: new Date(Date.now() - 7 * 86_400_000).toISOString(),
      complaintIds: [],
      protocolVersionId: null,
      measures: { pre: { pain: 6, tightness: 8 }, post: { pain: 2, tightness: 3 } },
      findings: [
        {
          regionCode: "rectus_femoris_distal",
          side: "right",
          qualities: { tension: 3, tenderness: null, texture: 3, adhesion: null, temperature: null },
          textureDescriptor: "crunchy",
          note: null,
        },
      ],
      steps: [
        {
          technique: "cupping",
          regionCode: "rectus_femoris_distal",
          side: "right",
          direction: null,
          minutes: 8,
          intensity: null,
          note: null,
        },
      ],
      soap: { s: null, o: null, a: null, p: null },
      advice: null,
    })) as { session: { id: string } };
    await post(`/api/sessions/${first.id}/sign`, {});

    await page.goto(`${server.baseUrl}/clients/${clientId}/sessions/new`);
    const entry = new SessionEntryPage(page);
    await entry.heading.waitFor();
    await page.getByRole("button", { name: /Copy forward/ }).click();
    await entry.finding(DISTAL_RIGHT).waitFor();
    expect(await page.getByRole("combobox", { name: "Step 1 technique" }).inputValue()).toBe("Cupping");
    await entry.grade(DISTAL_RIGHT, "Tension / rigidity", "moderate");
    await entry.measure("Pain before", 4);
    await page.getByRole("button", { name: "Save and sign" }).click();
    await page.getByRole("dialog", { name: "Sign this note?" }).getByRole("button", { name: "Sign", exact: true }).click();
    const session = await signedSession();
    expect(session.findings[0]?.qualities.tension).toBe(2);
    expect(session.steps).toHaveLength(1);
    expect(session.steps[0]).toMatchObject({ technique: "cupping", side: "right" });
  });

  it("applies a protocol with each step's own side, and the complaint's side where the protocol has none", async () => {
    const clientId = await clientWithComplaint("Sides");
    const step = { direction: null, minutes: 5, intensity: null, note: null };
    await post("/api/protocols", {
      name: "Both legs",
      description: null,
      plannedSessions: 2,
      spacingDays: 7,
      steps: [
        { ...step, technique: "cupping", regionCode: "rectus_femoris_distal", side: "left" },
        { ...step, technique: "hot_stones", regionCode: "rectus_femoris_distal", side: null },
      ],
    });
    await page.goto(`${server.baseUrl}/clients/${clientId}/sessions/new`);
    const entry = new SessionEntryPage(page);
    await entry.heading.waitFor();
    await entry.applyProtocol("Both legs");
    expect(await page.getByLabel("Step 1 side").inputValue()).toBe("left");
    expect(await page.getByLabel("Step 2 side").inputValue()).toBe("right");
  });

  it("summarises a batch upload file by file and charts the whole training history", async () => {
    const { client } = (await post("/api/clients", { firstName: "Files", lastName: "Runner" })) as { client: { id: string } };
    await page.goto(`${server.baseUrl}/clients/${client.id}/training`);
    const twoYearsAgo = new Date(Date.now() - 2 * 365 * 86_400_000).toISOString();
    const lastWeek = new Date(Date.now() - 6 * 86_400_000).toISOString();
    const files = [
      { name: "old.fit", buffer: Buffer.from(buildFitRun({ start: twoYearsAgo, seed: 11 })) },
      { name: "recent.fit", buffer: Buffer.from(buildFitRun({ start: lastWeek, seed: 12 })) },
      { name: "notes.txt", buffer: Buffer.from("not a run") },
    ];
    await page.locator('input[type="file"]').setInputFiles(files.map((file) => ({ ...file, mimeType: "application/octet-stream" })));
    const summary = page.getByRole("list", { name: "Upload summary" });
    await summary.waitFor();
    await summary.getByText("old.fit: imported").waitFor();
    await summary.getByText("recent.fit: imported").waitFor();
    await summary.getByText(/^notes\.txt: rejected/).waitFor();
    await page.getByText("3 files: 2 with new activities, 1 without.").waitFor();

    // The run two years ago is in the chart's range: all weeks, zoomable to the last 26.
    const range = page.getByRole("group", { name: "Chart range" });
    await range.getByRole("button", { name: /^All \d+ weeks$/ }).waitFor();
    const label = await page.locator(".weekly-chart [aria-label^='Bar chart']").first().getAttribute("aria-label");
    expect(label).toContain(String(new Date(twoYearsAgo).getUTCFullYear()));
    await range.getByRole("button", { name: "Last 26 weeks" }).click();
    expect(await range.getByRole("button", { name: "Last 26 weeks" }).getAttribute("aria-pressed")).toBe("true");
  });
});
