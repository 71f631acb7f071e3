import { request, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SessionEntryPage } from "./clinicalPages";
import { chromiumAvailable, launchBrowser, startServer, type TestServer } from "./harness";
import { SignInPage } from "./pages";

const owner = { email: "ana@stride.example", password: "deliberate signing of the distal quad" };

describe.skipIf(!chromiumAvailable)("signing a session note deliberately", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let clientId: string;

  beforeAll(async () => {
    server = await startServer();
    const api = await request.newContext({ baseURL: server.baseUrl, extraHTTPHeaders: { Origin: server.baseUrl } });
    expect((await api.post("/api/setup", { data: { practiceName: "Stride Clinic", name: "Ana Okafor", ...owner } })).status()).toBe(201);
    expect((await api.post("/api/auth/sign-in/email", { data: owner })).status()).toBe(200);
    const created = await api.post("/api/clients", { data: { firstName: "Maya", lastName: "Okafor-Lind" } });
    clientId = ((await created.json()) as { client: { id: string } }).client.id;
    await api.dispose();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("refuses a blank note, confirms what will be signed, and marks a signed note entered in error without deleting it", async () => {
    const signIn = new SignInPage(page, server.baseUrl);
    await signIn.open();
    await signIn.signIn(owner);
    await page.getByRole("heading", { name: "Clients", level: 1 }).waitFor();
    await page.goto(`${server.baseUrl}/clients/${clientId}/sessions/new`);
    const entry = new SessionEntryPage(page);
    await entry.heading.waitFor();

    // A blank form is not signed, and nothing is saved.
    await page.getByRole("button", { name: "Save and sign" }).click();
    await page.getByText("There is nothing to sign yet: add at least one finding, technique step, measure or SOAP line first").waitFor();
    expect(page.url()).toMatch(/\/sessions\/new$/);

    // With a measure and a plan, the confirmation lists them; "Keep as draft" leaves a draft.
    await entry.measure("Pain before", 6);
    await page.getByText("SOAP notes and advice (optional)").click();
    await page.getByLabel("Plan", { exact: true }).fill("Review in a week");
    await page.getByRole("button", { name: "Save and sign" }).click();
    await entry.signDialog.waitFor();
    await entry.signDialog.getByText(/^Measures: pain 6 →/).waitFor();
    await entry.signDialog.getByText("Plan: Review in a week").waitFor();
    await entry.signDialog.getByRole("button", { name: "Keep as draft" }).click();
    await page.getByRole("heading", { name: "Session Draft", level: 1 }).waitFor();

    await page.getByRole("button", { name: "Save and sign" }).click();
    await entry.signDialog.getByRole("button", { name: "Sign", exact: true }).click();
    await page.getByRole("heading", { name: "Session Signed", level: 1 }).waitFor();

    await page.getByRole("button", { name: "Mark entered in error" }).click();
    await page.getByLabel("Why was this note entered in error?").fill("Wrong client");
    await page.getByRole("form", { name: "Mark entered in error" }).getByRole("button", { name: "Mark entered in error" }).click();
    await page.getByRole("heading", { name: "Session Entered in error", level: 1 }).waitFor();
    await page
      .getByRole("note")
      .getByText(/Wrong client/)
      .waitFor();
    const struck = await page.locator(".session-record").evaluate((element) => getComputedStyle(element).textDecorationLine);
    expect(struck).toBe("line-through");
  });
});
