import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launchBrowser, startServer, type TestServer } from "./harness";
import { AppNav, ClientDetailPage, ClientFormPage, ClientsPage, SetupPage, SignInPage } from "./pages";

const owner = { email: "ana@stride.example", password: "slow fascial release knee to hip" };

describe.skipIf(!chromiumAvailable)("a practice owner's first day", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("sets up the practice, signs in, adds a client, finds them by search and signs out", async () => {
    const signIn = new SignInPage(page, server.baseUrl);
    const clients = new ClientsPage(page, server.baseUrl);
    const nav = new AppNav(page);

    // A fresh installation sends every visitor to first-run setup, which signs the owner in.
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(/\/setup$/);
    await new SetupPage(page).createPractice({ practiceName: "Stride Clinic", name: "Ana Okafor", ...owner });
    await page.waitForURL(/\/clients$/);
    await clients.heading.waitFor();

    await nav.signOut();
    await page.waitForURL(/\/sign-in/);
    await signIn.signIn(owner);
    await page.waitForURL(/\/clients$/);
    await clients.heading.waitFor();

    // Another client already on the books, so the search has something to leave out.
    const other = await page.request.post(`${server.baseUrl}/api/clients`, {
      data: { firstName: "Tom", lastName: "Reyes", email: "tom@runner.example" },
      headers: { Origin: server.baseUrl },
    });
    expect(other.status()).toBe(201);

    await clients.startNewClient();
    const form = new ClientFormPage(page);
    await form.fillBasics({ firstName: "Maya", lastName: "Okafor-Lind", email: "maya@runner.example", weeklyKm: 55 });
    await form.addInjury("Achilles tendinopathy");
    await form.save();
    await new ClientDetailPage(page).heading("Maya Okafor-Lind").waitFor();
    expect(page.url()).toMatch(/\/clients\/[^/]+$/);

    await nav.goToClients();
    await clients.clientLink("Tom Reyes").waitFor();
    await clients.search("okafor");
    await clients.clientLink("Tom Reyes").waitFor({ state: "detached" });
    await clients.clientLink("Maya Okafor-Lind").click();
    await new ClientDetailPage(page).heading("Maya Okafor-Lind").waitFor();

    await nav.signOut();
    await signIn.heading.waitFor();
    // Signed out means signed out: the client list now asks for a sign-in again.
    await clients.open();
    await page.waitForURL(/\/sign-in\?next=%2Fclients$/);
    await signIn.heading.waitFor();
  });
});
