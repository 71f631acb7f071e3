import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildClient,
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

let app: TestApp;
let browser: TestBrowser;
const FORM = { "content-type": "application/x-www-form-urlencoded" };

export const THREE_ITEMS = {
  title: "Return to running",
  instructions: "About the last seven days.",
  items: [
    {
      key: "pain",
      type: "scale",
      text: "How much did your calf hurt on your last run?",
      lowAnchor: "No pain",
      highAnchor: "Worst pain",
      reverse: true,
    },
    {
      key: "stairs",
      type: "choice",
      text: "Going down stairs is",
      options: [
        { label: "Easy", score: 2 },
        { label: "A little hard", score: 1 },
        { label: "Very hard", score: 0 },
      ],
    },
    { key: "ran", type: "yes-no", text: "Did you run at least twice this week?" },
  ],
  scoring: { method: "sum", minAnswered: 2, prorate: true, higherIsBetter: true },
  mcid: { points: 3, source: "Practice audit of 40 runners, 2025" },
};

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  browser = await signedIn(app, (await buildPractice(app)).ownerEmail);
});
afterAll(async () => app.close());

function submit(linkUrl: string, fields: Record<string, string>) {
  return app.browser().request("POST", new URL(linkUrl).pathname, new URLSearchParams(fields).toString(), FORM);
}

async function createQuestionnaire(body: object = THREE_ITEMS) {
  const response = await browser.post("/api/questionnaires", body);
  expect(response.status).toBe(201);
  return response.json.questionnaire as {
    id: string;
    code: string;
    version: number;
    versions: { number: number; frozenAt: string | null }[];
  };
}

async function planWith(codes: string[]) {
  const response = await browser.post("/api/checkin-plans", { name: `Plan ${codes.join(" ")}`, measureCodes: codes, offsetsDays: [1] });
  return response;
}

async function answeredCheckin(code: string, fields: (code: string) => Record<string, string>) {
  const plan = await planWith([code]);
  expect(plan.status).toBe(201);
  const clientId = await buildClient(browser);
  await giveCheckinConsent(browser, clientId);
  const sessionId = await buildSession(browser, clientId);
  const [checkin] = await scheduleCheckins(browser, sessionId, plan.json.plan.id as string);
  const page = await app.browser().get(new URL(checkin!.linkUrl).pathname);
  const saved = await submit(checkin!.linkUrl, fields(code));
  return { clientId, checkin: checkin!, page, saved };
}

describe("the practice's own questionnaires", () => {
  it("refuses a bad definition with every problem named in words", async () => {
    const response = await browser.post("/api/questionnaires", {
      ...THREE_ITEMS,
      title: " ",
      items: [{ key: "a", type: "choice", text: "Pick", options: [{ label: "Only", score: 1 }] }],
      scoring: { method: "sum", minAnswered: 3 },
    });
    expect(response.status).toBe(400);
    expect(response.json.error.fields).toMatchObject({
      title: "Title: must not be empty",
      "items.0.options": "Item 1, answers: needs at least 2 options",
    });
    const counted = await browser.post("/api/questionnaires", { ...THREE_ITEMS, scoring: { method: "sum", minAnswered: 4 } });
    expect(counted.json.error.fields["scoring.minAnswered"]).toBe(
      "Score when at least this many items are answered: must be at most 3, the number of scored items",
    );
  });

  it("is asked on the link page, scored with its version, and keeps that version after an edit makes a new one", async () => {
    const questionnaire = await createQuestionnaire();
    expect(questionnaire.code).toBe(`pq-${questionnaire.id}`);
    // Not used yet: an edit changes version 1 in place.
    const renamed = await browser.put(`/api/questionnaires/${questionnaire.id}`, { ...THREE_ITEMS, title: "Back to running", version: 1 });
    expect(renamed.status).toBe(200);
    expect(renamed.json.questionnaire.versions.map((v: { number: number }) => v.number)).toEqual([1]);

    const { clientId, page, saved } = await answeredCheckin(questionnaire.code, (code) => ({
      [`${code}.pain`]: "3",
      [`${code}.ran`]: "1",
    }));
    expect(page.text).toContain("Back to running");
    expect(page.text).toContain("How much did your calf hurt on your last run?");
    expect(page.text.match(new RegExp(`name="${questionnaire.code}.pain"`, "g"))).toHaveLength(11);
    expect(page.text).not.toMatch(/<script/);
    expect(saved.status).toBe(200);

    const listed = (await browser.get(`/api/clients/${clientId}/checkins`)).json.checkins[0];
    // Pain 3 reversed → 7, plus yes → 1: 8 from 2 of 3 items, prorated × 3/2 = 12.
    expect(listed.versions[0].answers[questionnaire.code]).toEqual({ kind: "questionnaire", version: "1", items: [3, null, 1], score: 12 });

    const current = (await browser.get(`/api/questionnaires/${questionnaire.id}`)).json.questionnaire;
    expect(current.versions[0].frozenAt).not.toBeNull();
    const edited = await browser.put(`/api/questionnaires/${questionnaire.id}`, {
      ...THREE_ITEMS,
      title: "Back to running (v2)",
      version: current.version,
    });
    expect(edited.status).toBe(200);
    expect(edited.json.questionnaire.versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    const after = (await browser.get(`/api/clients/${clientId}/checkins`)).json.checkins[0];
    expect(after.versions[0].answers[questionnaire.code].version).toBe("1");

    const csv = await browser.get(`/api/exports/measures.csv?clientId=${clientId}`);
    expect(csv.text).toContain("Back to running,");
    expect(csv.text).toContain("version 1: 3;;1");
    const fhir = (await browser.get(`/api/clients/${clientId}/export/fhir`)).json as { entry: { resource: Record<string, unknown> }[] };
    const questionnaires = fhir.entry.map((e) => e.resource).filter((r) => r.resourceType === "Questionnaire" && r.version !== undefined);
    expect(
      questionnaires
        .filter((q) => String(q.url).endsWith(questionnaire.code))
        .map((q) => q.version)
        .sort(),
    ).toEqual(["1", "2"]);
    const response = fhir.entry
      .map((e) => e.resource)
      .find((r) => r.resourceType === "QuestionnaireResponse" && String(r.questionnaire).includes(questionnaire.code));
    expect(response?.questionnaire).toMatch(/\|1$/);
  });

  it("freezes a version when a plan lists it, so the next edit is a new version", async () => {
    const questionnaire = await createQuestionnaire();
    expect((await planWith([questionnaire.code])).status).toBe(201);
    const edited = await browser.put(`/api/questionnaires/${questionnaire.id}`, { ...THREE_ITEMS, title: "Changed", version: 1 });
    expect(
      edited.json.questionnaire.versions.map((v: { number: number; frozenAt: string | null }) => [v.number, v.frozenAt === null]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it("answers a stale edit with 409 and the current version", async () => {
    const questionnaire = await createQuestionnaire();
    const [first, second] = await Promise.all([
      browser.put(`/api/questionnaires/${questionnaire.id}`, { ...THREE_ITEMS, title: "One", version: 1 }),
      browser.put(`/api/questionnaires/${questionnaire.id}`, { ...THREE_ITEMS, title: "Two", version: 1 }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const stale = first.status === 409 ? first : second;
    expect(stale.json.error.code).toBe("stale_version");
    const missing = await browser.put(`/api/questionnaires/${questionnaire.id}`, { ...THREE_ITEMS });
    expect(missing.status).toBe(400);
  });

  it("refuses a plan with a questionnaire of another practice or the UWRI before its wording is entered", async () => {
    const other = await signedIn(app, (await buildPractice(app)).ownerEmail);
    const foreign = (await other.post("/api/questionnaires", THREE_ITEMS)).json.questionnaire as { code: string };
    const refused = await planWith([foreign.code]);
    expect(refused.status).toBe(400);
    expect(refused.json.error.fields["measureCodes.0"]).toContain(foreign.code);
    expect((await planWith(["uwri"])).status).toBe(400);
  });

  it("uses the UWRI with the practice's wording, marked as entered by the practice, scored 0–36 by the library", async () => {
    const items = Array.from({ length: 9 }, (_, index) => ({
      text: `Wording of item ${index + 1} from our copy`,
      options: ["Answer 0", "Answer 1", "Answer 2", "Answer 3", "Answer 4"],
    }));
    const tooFew = await browser.put("/api/uwri-wording", { items: items.slice(0, 8) });
    expect(tooFew.status).toBe(400);
    expect(tooFew.json.error.fields.items).toBe("Items: must be exactly 9 items, in the instrument's order");
    const saved = await browser.put("/api/uwri-wording", { items });
    expect(saved.status).toBe(200);
    expect(saved.json.questionnaire.code).toBe("uwri");
    const { clientId, page } = await answeredCheckin("uwri", () => Object.fromEntries(items.map((_, index) => [`uwri.${index + 1}`, "4"])));
    expect(page.text).toContain("Wording of item 1 from our copy");
    expect(page.text).not.toContain("must be entered");
    const answer = (await browser.get(`/api/clients/${clientId}/checkins`)).json.checkins[0].versions[0].answers.uwri;
    expect(answer).toMatchObject({ kind: "item-scale", version: "1.0.0+practice.1", score: 36 });
    const csv = await browser.get(`/api/exports/measures.csv?clientId=${clientId}`);
    expect(csv.text).toContain("wording entered by the practice");
  });

  it("can be an experiment's outcome when it is scored; an unknown one is refused naming the field", async () => {
    const questionnaire = await createQuestionnaire();
    const protocol = await buildProtocol(browser);
    const input = buildExperimentInput(protocol.id) as { primaryOutcome: Record<string, unknown> };
    const created = await browser.post("/api/experiments", {
      ...input,
      primaryOutcome: { ...input.primaryOutcome, measureCode: questionnaire.code },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.text).toContain("Return to running");
    const refused = await browser.post("/api/experiments", {
      ...input,
      primaryOutcome: { ...input.primaryOutcome, measureCode: "pq-unknown" },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.fields["primaryOutcome.measureCode"]).toBeDefined();
  });
});
