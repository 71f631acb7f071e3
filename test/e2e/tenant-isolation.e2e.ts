import { request, type APIRequestContext, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launchBrowser, startServer, type TestServer } from "./harness";
import { ClientsPage, NotFoundPage, SignInPage } from "./pages";

const firstOwner = { email: "ana@stride.example", password: "cupping the lower third of the quad" };
const otherOwner = { email: "x@other.example", password: "hot stones then slow release" };

/** Sets up the first practice through the API and returns the id of one of its clients. */
async function firstPracticeClientId(api: APIRequestContext): Promise<string> {
  const setup = await api.post("/api/setup", {
    data: { practiceName: "Stride Clinic", name: "Ana Okafor", ...firstOwner },
  });
  expect(setup.status()).toBe(201);
  const signIn = await api.post("/api/auth/sign-in/email", { data: firstOwner });
  expect(signIn.status()).toBe(200);
  const created = await api.post("/api/clients", { data: { firstName: "Maya", lastName: "Okafor-Lind" } });
  expect(created.status()).toBe(201);
  const body = (await created.json()) as { client: { id: string } };
  return body.client.id;
}

describe.skipIf(!chromiumAvailable)("tenant isolation in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let api: APIRequestContext;

  beforeAll(async () => {
    server = await startServer();
    api = await request.newContext({ baseURL: server.baseUrl, extraHTTPHeaders: { Origin: server.baseUrl } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.dispose();
    await server?.stop();
  });

  it("shows Not found to a practitioner of another practice who opens the first practice's client URL", async () => {
    const clientId = await firstPracticeClientId(api);

    const added = await server.cli([
      "user",
      "add",
      "--practice-name",
      "Other Practice",
      "--email",
      otherOwner.email,
      "--name",
      "X Other",
      "--role",
      "owner",
      "--password",
      otherOwner.password,
    ]);
    expect(added.code, added.stderr).toBe(0);

    const signIn = new SignInPage(page, server.baseUrl);
    await signIn.open();
    await signIn.signIn(otherOwner);
    const clients = new ClientsPage(page, server.baseUrl);
    await clients.heading.waitFor();
    await page.getByText("No clients yet.").waitFor();

    await page.goto(`${server.baseUrl}/clients/${encodeURIComponent(clientId)}`);
    await new NotFoundPage(page).heading.waitFor();
    expect(await page.getByText("Okafor-Lind").count()).toBe(0);

    // An id that never existed looks exactly the same.
    await page.goto(`${server.baseUrl}/clients/00000000-0000-4000-8000-000000000000`);
    await new NotFoundPage(page).heading.waitFor();
  });

  it("shows Not found for an address the app does not know", async () => {
    await page.goto(`${server.baseUrl}/no-such-page`);
    await new NotFoundPage(page).heading.waitFor();
  });
});
