import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExperimentFormPage, ExperimentPage } from "./experimentPages";
import { chromiumAvailable, launchBrowser, startServer, type TestServer } from "./harness";
import { SignInPage } from "./pages";

const OWNER = { email: "owner@demo.palpable.test", password: "palpable-demo-2026" };
const DEMO_EXPERIMENT = "Distal-quad release vs direct hip-flexor work for tight hip flexors in runners";
const TITLE = "Distal-quad release vs direct hip-flexor work: practice replication";
const DAY_MS = 86_400_000;

interface ExperimentJson {
  id: string;
  title: string;
  registration: { sha256: string; record: string } | null;
  enrolments: { clientName: string; arm: "intervention" | "comparator"; position: number }[];
}

describe.skipIf(!chromiumAvailable)("a therapist running a pre-registered experiment", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];

  async function api<T>(route: string): Promise<T> {
    const response = await page.request.get(`${server.baseUrl}${route}`);
    expect(response.status(), `${route}: ${await response.text()}`).toBe(200);
    return (await response.json()) as T;
  }

  async function demoExperiment(): Promise<ExperimentJson> {
    const { experiments } = await api<{ experiments: { id: string; title: string }[] }>("/api/experiments");
    const summary = experiments.find((e) => e.title === DEMO_EXPERIMENT);
    if (!summary) throw new Error(`the demo has no experiment "${DEMO_EXPERIMENT}"`);
    return (await api<{ experiment: ExperimentJson }>(`/api/experiments/${summary.id}`)).experiment;
  }

  beforeAll(async () => {
    server = await startServer({ demo: true });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    page.on("console", (message) => {
      if (/content security policy/i.test(message.text())) cspViolations.push(message.text());
    });
    const signIn = new SignInPage(page, server.baseUrl);
    await signIn.open();
    await signIn.signIn(OWNER);
    await page.waitForURL(/\/clients$/);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("plans the story's experiment, pre-registers it, enrols runners with their earlier data and reads the results", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Experiments" }).click();
    await page.getByRole("link", { name: "New experiment" }).click();
    const form = new ExperimentFormPage(page);
    await form.heading.waitFor();
    // The demo runners do hill repeats, intervals or downhill runs every week, so the training criterion stays in.
    await form.fill({
      title: TITLE,
      hypothesis:
        "In runners with a tight hip flexor and a rigid distal third of rectus femoris, releasing the distal quad lowers tightness at day 14 more often than direct hip-flexor work.",
      rationale:
        "Direct work on the hip flexor did not change the death-grip tightness; cupping, hot stones and slow release of the lower quad did.",
      complaintRegion: "Iliopsoas (hip flexor)",
      finding: { region: "Rectus femoris, distal third", quality: "Tension / rigidity", minGrade: "moderate (2) or more" },
      training: { patterns: ["Hill repeats", "Intervals", "Downhill"], minRunsPerWeek: "1", weeks: "4" },
      intervention: "Distal quad release",
      comparator: "Direct hip-flexor work",
      design: "Two protocols compared across clients",
      allocation: "Therapist's choice",
      measure: "tightness-nrs",
      day: "14",
      plannedClients: "10",
    });
    await form.save();

    const experiment = new ExperimentPage(page);
    await experiment.heading(`${TITLE} Draft`).waitFor();
    const id = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    await expect.poll(() => page.getByRole("region", { name: "The plan" }).textContent()).toContain("Allocation: therapist's choice.");

    await experiment.preRegister();
    await experiment.heading(`${TITLE} Running`).waitFor();
    const hash = await experiment.registrationHash();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    // The hash on the page is the SHA-256 of the frozen record the server keeps.
    const registered = (await api<{ experiment: ExperimentJson }>(`/api/experiments/${id}`)).experiment;
    expect(
      createHash("sha256")
        .update(registered.registration?.record ?? "")
        .digest("hex"),
    ).toBe(hash);
    await experiment.registration.getByText("Frozen record (canonical JSON)").click();
    await expect
      .poll(() => experiment.registration.locator("pre").textContent())
      .toContain('"format": "palpable-experiment-registration/1"');

    await experiment.amend("Planned number of clients", "12", "More eligible runners than expected");
    const amendments = experiment.registration.getByRole("table");
    await expect.poll(() => amendments.textContent()).toContain("More eligible runners than expected");
    expect(await amendments.textContent()).toContain("10 → 12");
    await experiment.registration.getByLabel("Current plan SHA-256").waitFor();
    expect(await experiment.registrationHash()).toBe(hash);

    // Each runner goes into the group of the protocol their sessions applied, as in the demo's own experiment.
    const demo = await demoExperiment();
    const chosen = [
      ...demo.enrolments.filter((e) => e.arm === "intervention").slice(0, 3),
      ...demo.enrolments.filter((e) => e.arm === "comparator").slice(0, 3),
    ];
    expect(chosen).toHaveLength(6);
    const tenWeeksAgo = new Date(Date.now() - 70 * DAY_MS).toISOString().slice(0, 10);
    for (const client of chosen) {
      const eligible = experiment.enrolment
        .getByRole("listitem")
        .filter({ has: page.getByRole("form", { name: `Enrol ${client.clientName}` }) });
      await expect
        .poll(() => eligible.getByRole("list", { name: `Criteria for ${client.clientName}` }).textContent())
        .toMatch(/✓.*Iliopsoas.*✓.*Rectus femoris, distal third.*✓.*run\(s\) a week/s);
      await experiment.enrol(client.clientName, {
        dataFrom: tenWeeksAgo,
        group: client.arm === "intervention" ? /^Intervention/ : /^Comparator/,
      });
      const row = experiment.enrolledRow(client.clientName);
      expect(await row.textContent()).toContain("Therapist's choice.");
      expect(await row.textContent()).toContain("Retrospective");
      expect(await row.textContent()).toContain(client.arm === "intervention" ? "Distal quad release" : "Direct hip-flexor work");
    }

    // The numbers on the page are the server's analysis, each with its meaning.
    const { results } = await api<{
      results: {
        caseSeries: { ok: boolean; n: number; responders: number; responderMeaning: string; medianMeaning: string };
        comparison: {
          ok: boolean;
          intervention: { n: number; responders: number };
          comparator: { n: number; responders: number };
          differenceMeaning: string;
          probabilityMeaning: string;
        };
      };
    }>(`/api/experiments/${id}/results`);
    expect(results.caseSeries.ok).toBe(true);
    expect(results.comparison.ok).toBe(true);
    await expect.poll(() => experiment.results.textContent()).toContain(`SHA-256`);
    expect(await experiment.results.getByLabel("Registration SHA-256 (results)").textContent()).toBe(hash);
    const responders = experiment.figure("Responders");
    expect(await responders.value.textContent()).toBe(`${results.caseSeries.responders} of ${results.caseSeries.n}`);
    expect(await responders.meaning.textContent()).toBe(results.caseSeries.responderMeaning);
    expect(await responders.meaning.textContent()).toMatch(/improved by at least 2 points/);
    expect(await experiment.figure("Median change").meaning.textContent()).toBe(results.caseSeries.medianMeaning);
    const { intervention, comparator } = results.comparison;
    expect(await experiment.figure("Responders by group").value.textContent()).toBe(
      `${intervention.responders} of ${intervention.n} vs ${comparator.responders} of ${comparator.n}`,
    );
    expect(await experiment.figure("Difference in responder rates").meaning.textContent()).toBe(results.comparison.differenceMeaning);
    expect(await experiment.figure("Probability the intervention is better").meaning.textContent()).toBe(
      results.comparison.probabilityMeaning,
    );
    const caveats = experiment.results.getByRole("region", { name: "What these numbers cannot show" });
    expect(await caveats.textContent()).toContain("recorded before the experiment was registered (retrospective)");
    expect(await caveats.textContent()).toContain("Groups were chosen by the therapist");
    expect(await caveats.textContent()).toContain("amended 1 time(s)");
    // One chart per client, described for screen readers.
    expect(await experiment.results.getByRole("img", { name: /^Tightness of / }).count()).toBe(6);

    await experiment.results.evaluate((element) => element.scrollIntoView());
    await page.screenshot({ path: path.join(os.tmpdir(), "palpable-experiment-results-1024.png") });
    await experiment.results.getByRole("heading", { name: "Each client" }).evaluate((element) => element.scrollIntoView());
    await page.screenshot({ path: path.join(os.tmpdir(), "palpable-experiment-clients-1024.png") });

    await experiment.finish();
    await experiment.heading(`${TITLE} Finished`).waitFor();
    expect(await experiment.enrolment.getByRole("form").count()).toBe(0);
    expect(cspViolations).toEqual([]);
  }, 180_000);

  it("shows the demo's finished two-protocol experiment with its comparison", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Experiments" }).click();
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: DEMO_EXPERIMENT }) });
    expect(await row.textContent()).toContain("Finished");
    await row.getByRole("link", { name: DEMO_EXPERIMENT }).click();
    const experiment = new ExperimentPage(page);
    await experiment.heading(`${DEMO_EXPERIMENT} Finished`).waitFor();
    const demo = await demoExperiment();
    const { results } = await api<{
      results: { comparison: { ok: boolean; differenceMeaning: string; probabilityMeaning: string } };
    }>(`/api/experiments/${demo.id}/results`);
    expect(results.comparison.ok).toBe(true);
    await expect
      .poll(() => experiment.figure("Difference in responder rates").meaning.textContent())
      .toBe(results.comparison.differenceMeaning);
    expect(await experiment.figure("Probability the intervention is better").meaning.textContent()).toBe(
      results.comparison.probabilityMeaning,
    );
    expect(await experiment.results.getByLabel("Registration SHA-256 (results)").textContent()).toBe(demo.registration?.sha256);
    // Finished: no enrolment forms, no finish button.
    expect(await page.getByRole("button", { name: "Finish experiment" }).count()).toBe(0);
    await page.setViewportSize({ width: 1440, height: 900 });
    await experiment.results.evaluate((element) => element.scrollIntoView());
    await page.screenshot({ path: path.join(os.tmpdir(), "palpable-demo-experiment-1440.png") });
    await page.setViewportSize({ width: 1024, height: 768 });
  }, 60_000);

  it("shows the first 50 enrolled clients and the rest on Show more", async () => {
    async function post<T>(route: string, data: unknown, status = 201): Promise<T> {
      const response = await page.request.post(`${server.baseUrl}${route}`, { data, headers: { Origin: server.baseUrl } });
      expect(response.status(), `${route}: ${await response.text()}`).toBe(status);
      return (await response.json()) as T;
    }
    const { protocols } = await api<{ protocols: { id: string }[] }>("/api/protocols");
    const { experiment: created } = await post<{ experiment: { id: string } }>("/api/experiments", {
      title: "Open enrolment check of the table",
      hypothesis: "Every client of the practice can be enrolled when the plan asks for nothing.",
      eligibility: { complaintRegions: [], requiredFindings: [], training: null },
      interventionProtocolId: protocols[0]?.id,
      comparator: { kind: "usual-care" },
      design: "case-series",
      primaryOutcome: { kind: "measure", measureCode: "tightness-nrs", days: 14 },
      plannedClients: 100,
    });
    await post(`/api/experiments/${created.id}/start`, {}, 200);
    for (let i = 1; i <= 52; i++) {
      const { client } = await post<{ client: { id: string } }>("/api/clients", { firstName: "Paged", lastName: `Runner ${i}` });
      await post(`/api/experiments/${created.id}/enrolments`, { clientId: client.id });
    }

    await page.goto(`${server.baseUrl}/experiments/${created.id}`);
    const experiment = new ExperimentPage(page);
    const rows = experiment.enrolment.getByRole("table").getByRole("row");
    await experiment.enrolledRow("Paged Runner 50").waitFor();
    expect(await rows.count()).toBe(51); // the header and 50 clients
    expect(await experiment.enrolledRow("Paged Runner 51").count()).toBe(0);
    await experiment.enrolment.getByRole("button", { name: "Show more (50 of 52 shown)" }).click();
    await experiment.enrolledRow("Paged Runner 52").waitFor();
    expect(await rows.count()).toBe(53);
    expect(await experiment.enrolment.getByRole("button", { name: /^Show more/ }).count()).toBe(0);

    // The clients not yet enrolled: found by name, a page at a time.
    const candidates = experiment.enrolment.locator(".eligibility-list > li");
    await candidates.first().waitFor();
    await experiment.enrolment.getByLabel("Find a client").fill("okafor");
    await expect.poll(() => candidates.allTextContents()).toEqual([expect.stringContaining("Hannah Okafor")]);
    expect(await experiment.enrolment.getByText("1 eligible client named “okafor”.").count()).toBe(1);
    await page.getByRole("form", { name: "Enrol Hannah Okafor" }).waitFor();
    await experiment.enrolment.getByLabel("Find a client").fill("");
    await expect.poll(() => candidates.count()).toBeGreaterThan(1);
  }, 120_000);
});
