import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildClient,
  buildComplaint,
  buildExperimentInput,
  buildPractice,
  buildProtocol,
  buildSession,
  giveCheckinConsent,
  scheduleCheckins,
  signedIn,
} from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";

/** A practice's own questionnaire and its UWRI wording, in the places the library's measures go. */

let app: TestApp;
let owner: TestBrowser;
const FORM = { "content-type": "application/x-www-form-urlencoded" };
const MARK = "wording entered by the practice";

const CALF = {
  title: "Calf readiness",
  items: [
    { key: "pain", type: "scale", text: "Calf pain on your last run", lowAnchor: "None", highAnchor: "Worst", reverse: true },
    { key: "hop", type: "number", text: "Single-leg hops before pain", unit: "hops", min: 0, max: 30, scored: false },
    { key: "note", type: "text", text: "Anything else?" },
    { key: "ran", type: "yes-no", text: "Did you run twice this week?" },
  ],
  scoring: { method: "sum", minAnswered: 2, higherIsBetter: true },
  mcid: { points: 3, source: "Practice audit of 40 runners, 2025" },
};
const UWRI_WORDING = {
  items: Array.from({ length: 9 }, (_, index) => ({
    text: `Item ${index + 1} as our copy words it`,
    options: ["Answer 0", "Answer 1", "Answer 2", "Answer 3", "Answer 4"],
  })),
};

let clientId: string;
let complaintId: string;
let calfCode: string;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  owner = await signedIn(app, (await buildPractice(app)).ownerEmail);
  const created = await owner.post("/api/questionnaires", CALF);
  expect(created.status, created.text).toBe(201);
  calfCode = created.json.questionnaire.code as string;
  expect((await owner.put("/api/uwri-wording", UWRI_WORDING)).status).toBe(200);

  // A signed session for a complaint, and a check-in after it answering both measures.
  clientId = await buildClient(owner);
  await giveCheckinConsent(owner, clientId);
  complaintId = await buildComplaint(owner, clientId);
  const sessionId = await buildSession(owner, clientId, { startedAt: "2026-11-27T09:00:00.000Z", complaintIds: [complaintId] });
  expect((await owner.post(`/api/sessions/${sessionId}/sign`, {})).status).toBe(200);
  const plan = await owner.post("/api/checkin-plans", { name: "Calf and UWRI", measureCodes: [calfCode, "uwri"], offsetsDays: [1] });
  expect(plan.status, plan.text).toBe(201);
  const [checkin] = await scheduleCheckins(owner, sessionId, plan.json.plan.id as string);
  const fields = {
    [`${calfCode}.pain`]: "2",
    [`${calfCode}.hop`]: "12",
    [`${calfCode}.note`]: "Felt fine uphill",
    [`${calfCode}.ran`]: "1",
    ...Object.fromEntries(UWRI_WORDING.items.map((_, index) => [`uwri.${index + 1}`, "3"])),
  };
  const linkPath = new URL(checkin!.linkUrl).pathname;
  const page = (await app.browser().get(linkPath)).text;
  expect(page).toContain("Single-leg hops before pain (hops)");
  expect(page).toContain("From 0 to 30 (hops)");
  expect(page).toContain(`name="${calfCode}.note"`);
  expect(page).toContain("Item 1 as our copy words it");
  const outOfRange = await app
    .browser()
    .request("POST", linkPath, new URLSearchParams({ ...fields, [`${calfCode}.hop`]: "45" }).toString(), FORM);
  expect(outOfRange.status).not.toBe(200);
  expect(outOfRange.text).toContain("Single-leg hops before pain");
  const saved = await app.browser().request("POST", linkPath, new URLSearchParams(fields).toString(), FORM);
  expect(saved.status).toBe(200);
});
afterAll(async () => app.close());

describe("a practice's own measures where the library's go", () => {
  it("scores every item type the builder offers, leaving free text and unscored numbers out", async () => {
    const answers = (await owner.get(`/api/clients/${clientId}/checkins`)).json.checkins[0].versions[0].answers;
    // Pain 2 reversed → 8, plus yes → 1; the hop count and the note are kept but not scored.
    expect(answers[calfCode]).toEqual({ kind: "questionnaire", version: "1", items: [2, 12, "Felt fine uphill", 1], score: 9 });
    expect(answers.uwri).toMatchObject({ kind: "item-scale", score: 27 });
  });

  it("charts both in a case report with their MCID, the UWRI named as worded by the practice", async () => {
    const created = await owner.post(`/api/clients/${clientId}/case-reports`, { complaintId });
    expect(created.status, created.text).toBe(201);
    const report = created.json.report;
    const files = report.charts.map((c: { file: string }) => c.file);
    expect(files).toEqual(expect.arrayContaining([`charts/outcome-${calfCode}.svg`, "charts/outcome-uwri.svg"]));
    const outcomes = JSON.stringify(report.document.sections.find((s: { heading: string }) => s.heading === "Outcomes"));
    expect(outcomes).toContain("Calf readiness");
    expect(outcomes).toContain("Important change (MCID): 3 points.");
    expect(outcomes).toContain(`(${MARK})`);
    const calfChart = report.charts.find((c: { file: string }) => c.file === `charts/outcome-${calfCode}.svg`);
    expect(calfChart.svg ?? JSON.stringify(calfChart)).toContain("shaded band is the MCID of 3 points");
  });

  it("is an experiment's primary outcome with its own MCID for the chart's band", async () => {
    const protocol = await buildProtocol(owner);
    const input = buildExperimentInput(protocol.id) as { primaryOutcome: Record<string, unknown> };
    const created = await owner.post("/api/experiments", { ...input, primaryOutcome: { ...input.primaryOutcome, measureCode: calfCode } });
    expect(created.status, created.text).toBe(201);
    const view = (await owner.get(`/api/experiments/${created.json.experiment.id as string}`)).json.experiment;
    expect(view.labels).toMatchObject({ primaryOutcomeMcid: 3, primaryOutcomeHigherIsBetter: true });
    expect(view.labels.primaryOutcome).toContain("Calf readiness");

    const uwri = await owner.post("/api/experiments", { ...input, primaryOutcome: { ...input.primaryOutcome, measureCode: "uwri" } });
    expect(uwri.status, uwri.text).toBe(201);
    const uwriView = (await owner.get(`/api/experiments/${uwri.json.experiment.id as string}`)).json.experiment;
    expect(uwriView.labels.primaryOutcome).toContain(MARK);
  });

  it("exports both as FHIR Questionnaire and QuestionnaireResponse, and in the measures CSV", async () => {
    const fhir = (await owner.get(`/api/clients/${clientId}/export/fhir`)).json as { entry: { resource: Record<string, unknown> }[] };
    const resources = fhir.entry.map((e) => e.resource);
    const questionnaire = (end: string) =>
      resources.find((r) => r.resourceType === "Questionnaire" && String(r.url).endsWith(end) && r.version !== undefined);
    const calf = questionnaire(calfCode);
    expect(calf).toMatchObject({ title: "Calf readiness", version: "1" });
    expect(JSON.stringify(calf?.item)).toContain("Single-leg hops before pain");
    const uwri = questionnaire("uwri");
    expect(String(uwri?.title)).toContain(MARK);
    expect(uwri?.publisher).toBe("the practice");
    const responses = resources.filter((r) => r.resourceType === "QuestionnaireResponse").map((r) => String(r.questionnaire));
    expect(responses.some((q) => q.includes(`${calfCode}|1`))).toBe(true);
    expect(responses.some((q) => q.includes("uwri|"))).toBe(true);

    const csv = (await owner.get(`/api/exports/measures.csv?clientId=${clientId}`)).text;
    expect(csv).toContain("Calf readiness,");
    expect(csv).toContain(MARK);
  });
});
