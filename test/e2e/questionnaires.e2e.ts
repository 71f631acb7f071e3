import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CheckinLinkPage, CheckinPlansPage } from "./checkinPages";
import { chromiumAvailable, launchBrowser, startServer, type TestServer } from "./harness";
import { SetupPage } from "./pages";
import { QuestionnairesPage } from "./questionnairePages";

const owner = { email: "ines@stridelab.example", password: "long runs and slow recoveries all winter" };

describe.skipIf(!chromiumAvailable)("the practice's own questionnaire", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let phone: BrowserContext | undefined;

  beforeAll(async () => {
    server = await startServer();
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
  });

  async function api(method: "post" | "put", path: string, data: unknown): Promise<Record<string, unknown>> {
    const response = await page.request[method](`${server.baseUrl}${path}`, { data, headers: { Origin: server.baseUrl } });
    expect(response.status(), await response.text()).toBeLessThan(300);
    return (await response.json()) as Record<string, unknown>;
  }

  it("is built in the app, used in a plan, answered by the client on a phone, and charted on the timeline with its MCID band", async () => {
    // The builder: three items, one reverse-scored, a sum with an MCID and its source.
    await page.goto(`${server.baseUrl}/checkin-plans`);
    await page.locator("#main").getByRole("link", { name: "Questionnaires" }).click();
    await page.getByRole("heading", { name: "Questionnaires", level: 1 }).waitFor();
    const builder = new QuestionnairesPage(page);
    await builder.startNew("Calf readiness");
    await builder.wording(1, "How much did your calf hurt on your last run?");
    await builder.item(1).getByRole("textbox", { name: "Anchor at 0" }).fill("No pain");
    await builder.item(1).getByRole("textbox", { name: "Anchor at 10" }).fill("Worst pain");
    await builder.item(1).getByRole("checkbox", { name: "Reverse-scored" }).check();
    await builder.addItem();
    await builder.wording(2, "How confident are you to run tomorrow?");
    await builder.item(2).getByRole("textbox", { name: "Anchor at 0" }).fill("Not at all");
    await builder.item(2).getByRole("textbox", { name: "Anchor at 10" }).fill("Completely");
    await builder.addItem();
    await builder.wording(3, "Did you run at least twice this week?", "Yes / no");
    // A plain-words error naming the field first: MCID points without a source.
    await page.getByRole("textbox", { name: "MCID points (optional)" }).fill("3");
    await builder.create();
    await page.getByText("MCID source: must not be empty").first().waitFor();
    await page.getByRole("textbox", { name: "MCID source" }).fill("Practice audit, 2025");
    await builder.create();
    await page.getByText("Created Calf readiness.").waitFor();

    // The plan offers it like a library measure.
    await page.getByRole("link", { name: "check-in plans" }).click();
    await new CheckinPlansPage(page).create({ name: "Calf plan", measures: ["Calf readiness"], days: "1", hour: 0 });

    // A client with consent and a session yesterday; the plan scheduled after it.
    const { client } = (await api("post", "/api/clients", { firstName: "Tomas", lastName: "Brandt", email: "tomas@example.org" })) as {
      client: { id: string };
    };
    await api("put", `/api/clients/${client.id}/consents/checkin_messages`, { granted: true });
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    const { session } = (await api("post", `/api/clients/${client.id}/sessions`, { startedAt: yesterday })) as { session: { id: string } };
    const plans = (await (await page.request.get(`${server.baseUrl}/api/checkin-plans`)).json()) as {
      plans: { id: string; name: string }[];
    };
    const planId = plans.plans.find((p) => p.name === "Calf plan")?.id;
    const { checkins } = (await api("post", `/api/sessions/${session.id}/checkins`, { planId })) as { checkins: { linkUrl: string }[] };
    const link = checkins[0]?.linkUrl ?? "";

    // The client answers on a phone: the 0–10 items are rows of 11 tap targets.
    phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const clientPage = await phone.newPage();
    await clientPage.goto(link);
    await clientPage.getByRole("heading", { name: "Calf readiness" }).waitFor();
    const questionnaires = (await (await page.request.get(`${server.baseUrl}/api/questionnaires`)).json()) as {
      questionnaires: { code: string }[];
    };
    const code = questionnaires.questionnaires[0]?.code ?? "";
    expect(await clientPage.locator(`input[name="${code}.q1"]`).count()).toBe(11);
    const row = await clientPage.locator(`fieldset.scale-row`).first().boundingBox();
    expect(row?.width ?? 999).toBeLessThanOrEqual(390);
    const form = new CheckinLinkPage(clientPage);
    await form.answerScale(`${code}.q1`, 2);
    await form.answerScale(`${code}.q2`, 7);
    await clientPage.getByRole("radio", { name: "Yes" }).check();
    await form.submit();
    await clientPage.getByRole("heading", { name: "Thank you" }).waitFor();

    // The score on the timeline: pain 2 reversed → 8, confidence 7, yes 1 = 16, with the MCID band.
    await page.goto(`${server.baseUrl}/clients/${client.id}/timeline`);
    const chart = page.getByRole("figure", { name: /Calf readiness: scores 16; MCID band: 3 points/ });
    await chart.waitFor();
    expect(await chart.getByTestId("mcid-band").count()).toBe(1);
    await chart.getByText("MCID band: 3 points either side of the first score (Practice audit, 2025).").waitFor();
    // The check-in and its answer carry the questionnaire's title, not its code.
    await page.getByText("Calf readiness: 16 (version 1)").waitFor();
    expect(await page.getByText(/pq-[0-9a-f-]{36}/).count()).toBe(0);
  });
});
