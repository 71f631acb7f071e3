import { request, type APIRequestContext, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditLogPage, EraseClientPanel } from "./auditPages";
import { chromiumAvailable, launchBrowser, startServer, type TestServer } from "./harness";
import { ClientDetailPage, SignInPage } from "./pages";

const owner = { email: "ana@stride.example", password: "cupping the lower third of the quad" };

describe.skipIf(!chromiumAvailable)("erasing a client and reading the audit log", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let api: APIRequestContext;
  let clientId: string;

  beforeAll(async () => {
    server = await startServer();
    api = await request.newContext({ baseURL: server.baseUrl, extraHTTPHeaders: { Origin: server.baseUrl } });
    expect((await api.post("/api/setup", { data: { practiceName: "Stride Clinic", name: "Ana Okafor", ...owner } })).status()).toBe(201);
    expect((await api.post("/api/auth/sign-in/email", { data: owner })).status()).toBe(200);
    const created = await api.post("/api/clients", { data: { firstName: "Maya", lastName: "Okafor-Lind" } });
    clientId = ((await created.json()) as { client: { id: string } }).client.id;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.dispose();
    await server?.stop();
  });

  it("erases only after the owner types the client's full name, then shows the erasure in the audit log", async () => {
    const signIn = new SignInPage(page, server.baseUrl);
    await signIn.open();
    await signIn.signIn(owner);
    await page.getByRole("heading", { name: "Clients", level: 1 }).waitFor();
    await page.goto(`${server.baseUrl}/clients/${encodeURIComponent(clientId)}`);
    await new ClientDetailPage(page).heading("Maya Okafor-Lind").waitFor();

    const erase = new EraseClientPanel(page);
    await erase.open();
    await erase.typeName("Maya Okafor");
    expect(await erase.eraseButton.isDisabled()).toBe(true);
    await erase.typeName("Maya Okafor-Lind");
    await erase.eraseButton.click();
    await page.getByText("No clients yet.").waitFor();

    const audit = new AuditLogPage(page);
    await audit.openFromNav();
    await audit.rows().first().waitFor();
    await audit.filterByAction("Erase");
    await page.waitForURL(/\/audit\?action=erase$/);
    await expect.poll(async () => audit.rows().count()).toBe(1);
    const row = audit.rows().first();
    expect(await row.textContent()).toContain(`Erased client ${clientId}`);
    expect(await row.textContent()).toContain("Ana Okafor");
    expect(await page.getByText("Okafor-Lind").count()).toBe(0);
  });
});
