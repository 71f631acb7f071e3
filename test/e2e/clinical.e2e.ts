import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseIn, CountingActions, SessionEntryPage, TimelinePage } from "./clinicalPages";
import { chromiumAvailable, launchBrowser, startServer, type TestServer } from "./harness";
import { ClientDetailPage, SetupPage } from "./pages";

const owner = { email: "mara@hipflexor.example", password: "cupping and hot stones on the lower third" };
const DISTAL_RIGHT = "Right rectus femoris, distal third";

describe.skipIf(!chromiumAvailable)("a therapist recording a session", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];

  async function post(path: string, data: unknown) {
    const response = await page.request.post(`${server.baseUrl}${path}`, { data, headers: { Origin: server.baseUrl } });
    expect(response.status(), `${path}: ${await response.text()}`).toBe(201);
    return response.json();
  }

  async function createClient(firstName: string, lastName: string): Promise<string> {
    const { client } = await post("/api/clients", { firstName, lastName });
    return client.id as string;
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    page.on("console", (message) => {
      if (/content security policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(`${server.baseUrl}/setup`);
    await new SetupPage(page).createPractice({ practiceName: "Hip Flexor Clinic", name: "Mara Quist", ...owner });
    await page.waitForURL(/\/clients$/);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("records the distal-quad session through the UI and sees it on the timeline and the body map", async () => {
    const clientId = await createClient("Lena", "Varga");
    await page.goto(`${server.baseUrl}/clients/${clientId}`);
    await new ClientDetailPage(page).heading("Lena Varga").waitFor();

    // The complaint, with a trigger from the suggestions.
    const timeline = new TimelinePage(page);
    await timeline.open();
    await page.getByRole("button", { name: "Add complaint" }).click();
    await page.getByRole("textbox", { name: "Complaint" }).fill("Tight hip flexor, right");
    await page.getByLabel("Side").selectOption("right");
    const onset = new Date(Date.now() - 21 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("Onset").fill(onset);
    await page.getByRole("group", { name: "Regions" }).getByRole("button", { name: "Iliopsoas (hip flexor)" }).click();
    await page.getByRole("group", { name: "Triggers" }).getByRole("button", { name: "hill repeats" }).click();
    await page.getByRole("button", { name: "Add complaint" }).last().click();
    await page
      .getByRole("region", { name: "Complaints" })
      .getByText(/Iliopsoas \(hip flexor\) · Since .* · triggers: hill repeats/)
      .waitFor();

    await page.getByRole("link", { name: "New session" }).click();
    const entry = new SessionEntryPage(page);
    await entry.heading.waitFor();
    // The one active complaint is preselected.
    expect(
      await page
        .getByRole("group", { name: "Complaints" })
        .getByRole("button", { name: /Tight hip flexor/ })
        .getAttribute("aria-pressed"),
    ).toBe("true");

    await entry.measure("Pain before", 6);
    await entry.measure("Tightness before", 8);
    // The body map works from the keyboard too: focus the region and press Enter.
    await entry.region(DISTAL_RIGHT).focus();
    await page.keyboard.press("Enter");
    await entry.finding(DISTAL_RIGHT).waitFor();
    await entry.grade(DISTAL_RIGHT, "Tension / rigidity", "marked");
    await entry.grade(DISTAL_RIGHT, "Texture", "marked");
    await entry.grade(DISTAL_RIGHT, "Texture feels", "crunchy");
    await entry.addStep({ technique: "Cupping", region: "Rectus femoris, distal third", side: "right", minutes: 8 });
    await entry.addStep({ technique: "Hot stones", minutes: 10 });
    await entry.addStep({ technique: "Myofascial release", region: "Rectus femoris", direction: "distal_to_proximal", minutes: 12 });
    await entry.measure("Pain after", 2);
    await entry.measure("Tightness after", 3);
    await entry.saveAndSign();
    expect(page.url()).toMatch(/\/clients\/[^/]+\/sessions\/[^/]+$/);
    await page.getByText(/Myofascial release · Rectus femoris \(right\) · Distal → proximal · 12 min/i).waitFor();

    // Signed notes are read-only; a correction is an amendment with a reason, kept in the history.
    await page.getByRole("button", { name: "Add amendment" }).click();
    await entry.measure("Pain after", 1);
    await page.getByLabel("Reason for the amendment").fill("Pain re-rated after the client walked");
    await page.getByRole("button", { name: "Save amendment" }).click();
    await page.getByText("Amendment saved.").waitFor();
    await page
      .getByRole("region", { name: "History" })
      .getByText(/Amended .* “Pain re-rated after the client walked”/)
      .waitFor();

    await page.getByRole("link", { name: "← Lena Varga" }).click();
    await timeline.list.getByText(/pain 6 → 1, tightness 8 → 3/).waitFor();
    await timeline.list.getByText(`${DISTAL_RIGHT}: tension / rigidity marked, texture marked (crunchy)`).waitFor();
    await timeline.list.getByText("Onset: Tight hip flexor, right").waitFor();
    await timeline.shadedRegion(DISTAL_RIGHT, "marked").waitFor();
    await timeline.shadedRegion("Left rectus femoris, distal third", "no finding").waitFor();
    expect(cspViolations).toEqual([]);
  });

  it("takes a returning client from their page to a signed session with a protocol and two findings in at most 12 actions", async () => {
    const clientId = await createClient("Noor", "Haddad");
    await post(`/api/clients/${clientId}/complaints`, {
      title: "Tight hip flexor, right",
      side: "right",
      regions: ["iliopsoas"],
      onsetOn: null,
      triggers: ["downhill"],
      status: "active",
      notes: null,
    });
    await post("/api/protocols", {
      name: "Distal quad release",
      description: null,
      plannedSessions: 2,
      spacingDays: 7,
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
        {
          technique: "hot_stones",
          regionCode: "rectus_femoris_distal",
          side: "right",
          direction: null,
          minutes: 10,
          intensity: null,
          note: null,
        },
        {
          technique: "myofascial_release",
          regionCode: "rectus_femoris",
          side: "right",
          direction: "distal_to_proximal",
          minutes: 12,
          intensity: "light",
          note: null,
        },
      ],
    });
    await page.goto(`${server.baseUrl}/clients/${clientId}`);
    await new ClientDetailPage(page).heading("Noor Haddad").waitFor();

    const act = new CountingActions();
    const entry = new SessionEntryPage(page, act);
    await act.tap(page.getByRole("link", { name: "New session" }), "new session");
    await entry.heading.waitFor();
    await entry.applyProtocol("Distal quad release");
    await entry.measure("Pain before", 5);
    await entry.measure("Tightness before", 7);
    await entry.tapRegion(DISTAL_RIGHT);
    await entry.grade(DISTAL_RIGHT, "Tension / rigidity", "marked");
    await entry.tapRegion("Right vastus lateralis");
    await entry.grade("Right vastus lateralis", "Tenderness", "moderate");
    await entry.measure("Pain after", 2);
    await entry.measure("Tightness after", 3);
    await entry.saveAndSign();

    expect(act.count, act.actions.join("\n")).toBeLessThanOrEqual(12);
    const sessionId = new URL(page.url()).pathname.split("/").pop() ?? "";
    const response = await page.request.get(`${server.baseUrl}/api/sessions/${sessionId}`);
    const { session } = await response.json();
    expect(session.status).toBe("signed");
    expect(session.complaintIds).toHaveLength(1);
    expect(session.protocol.name).toBe("Distal quad release");
    expect(session.steps).toHaveLength(3);
    expect(session.deviation).toEqual([]);
    expect(session.findings).toHaveLength(2);
    expect(session.measures).toEqual({ pre: { pain: 5, tightness: 7 }, post: { pain: 2, tightness: 3 } });
    process.stdout.write(`Session entry took ${act.count} actions:\n  ${act.actions.join("\n  ")}\n`);
  });

  it("creates a protocol, saves a new version, lists both versions and adds a technique of its own", async () => {
    await page.goto(`${server.baseUrl}/clients`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Protocols" }).click();
    await page.getByRole("heading", { name: "Protocols", level: 1 }).waitFor();
    await page.getByRole("button", { name: "New protocol" }).click();
    await page.getByLabel("Protocol name").fill("Hip flexor direct");
    const step = page.getByRole("group", { name: "Step 1" });
    await chooseIn(step.getByRole("combobox", { name: "Step 1 technique" }), "Ischemic compression");
    await chooseIn(step.getByRole("combobox", { name: "Step 1 region" }), "Iliopsoas");
    await step.getByLabel("Step 1 side").selectOption("right");
    await step.getByLabel("Step 1 minutes").fill("5");
    await page.getByRole("button", { name: "Create protocol" }).click();
    await page.getByText("Created Hip flexor direct.").waitFor();

    const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /Hip flexor direct/ }) });
    await card.getByRole("button", { name: "New version" }).click();
    await card.getByLabel("Step 1 minutes").fill("3");
    await card.getByRole("button", { name: "Save new version" }).click();
    await page.getByText(/Saved Hip flexor direct v2/).waitFor();
    await card.getByRole("button", { name: "Versions" }).click();
    const versions = card.getByRole("list", { name: "Versions" });
    await versions.getByText(/Ischemic compression · Iliopsoas \(hip flexor\) \(right\) · 3 min/).waitFor();
    await versions.getByText(/Ischemic compression · Iliopsoas \(hip flexor\) \(right\) · 5 min/).waitFor();

    // A technique of the practice's own is offered in step pickers at once.
    await page.getByLabel("Technique name").fill("Instrument-assisted release");
    await page.getByRole("button", { name: "Add technique" }).click();
    await page.getByRole("region", { name: "Your own techniques" }).getByText("Instrument-assisted release").waitFor();
    await page.getByRole("button", { name: "New protocol" }).click();
    await chooseIn(page.getByRole("group", { name: "Step 1" }).getByRole("combobox", { name: "Step 1 technique" }), "Instrument-assisted");
    expect(await page.getByRole("combobox", { name: "Step 1 technique" }).inputValue()).toBe("Instrument-assisted release");
  });
});
