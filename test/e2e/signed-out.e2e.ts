import { request, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launchBrowser, startServer, type TestServer } from "./harness";
import { SignInPage } from "./pages";

const owner = { email: "ana@stride.example", password: "distal third of the rectus femoris" };

describe.skipIf(!chromiumAvailable)("a signed-out visitor", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    const api = await request.newContext({ baseURL: server.baseUrl, extraHTTPHeaders: { Origin: server.baseUrl } });
    expect((await api.post("/api/setup", { data: { practiceName: "Stride Clinic", name: "Ana Okafor", ...owner } })).status()).toBe(201);
    await api.dispose();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("sees the sign-in page with nothing in the browser console", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    const signIn = new SignInPage(page, server.baseUrl);
    await page.goto(`${server.baseUrl}/clients`);
    await page.waitForURL(/\/sign-in/);
    await signIn.heading.waitFor();
    await signIn.open();
    await signIn.heading.waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
