import { request, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SessionEntryPage } from "./clinicalPages";
import { chromiumAvailable, launchBrowser, startServer, type TestServer } from "./harness";
import { SignInPage } from "./pages";

const owner = { email: "ana@stride.example", password: "screening questions before the first visit" };
const CONSENT =
  "Consent to treatment: soft-tissue work after it has been explained.\nData: we keep your details and notes for your care.\nCase reports: only anonymised, only if you tick.";

describe.skipIf(!chromiumAvailable)("a runner's intake with a red flag, and the first session", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let clientId: string;

  beforeAll(async () => {
    server = await startServer();
    const api = await request.newContext({ baseURL: server.baseUrl, extraHTTPHeaders: { Origin: server.baseUrl } });
    expect((await api.post("/api/setup", { data: { practiceName: "Stride Clinic", name: "Ana Okafor", ...owner } })).status()).toBe(201);
    expect((await api.post("/api/auth/sign-in/email", { data: owner })).status()).toBe(200);
    expect((await api.put("/api/consent-text", { data: { body: CONSENT, basedOn: 0 } })).status()).toBe(200);
    const created = await api.post("/api/clients", { data: { firstName: "Maya", lastName: "Lind" } });
    clientId = ((await created.json()) as { client: { id: string } }).client.id;
    await api.dispose();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("fills the intake on a phone with one red flag and signs consent; the first session waits until the therapist reviews the flag", async () => {
    const signIn = new SignInPage(page, server.baseUrl);
    await signIn.open();
    await signIn.signIn(owner);
    await page.getByRole("heading", { name: "Clients", level: 1 }).waitFor();
    await page.goto(`${server.baseUrl}/clients/${clientId}`);
    await page.getByRole("heading", { name: "Intake and consent form" }).waitFor();
    await page.getByRole("button", { name: "Show a link and QR code" }).click();
    await page.getByRole("img", { name: /QR code of the intake link/ }).waitFor();
    const url = await page.getByLabel("Intake link for the client").inputValue();
    expect(url).toMatch(/\/i\/[A-Za-z0-9_-]{43}$/);

    // The runner, on their phone.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const runner = await phone.newPage();
    await runner.goto(url.replace(/^https?:\/\/[^/]+/, server.baseUrl));
    await runner.getByRole("heading", { name: "Before your first visit", level: 1 }).waitFor();
    expect(await runner.getByLabel("First name").inputValue()).toBe("Maya");
    await runner.getByLabel("E-mail").fill("maya@example.test");
    await runner.getByLabel("Date of birth").fill("1991-06-02");
    await runner.getByLabel("How many years have you been running?").fill("7");
    await runner.getByLabel("About how many kilometres a week, lately?").fill("50");
    await runner.getByLabel("Your next goal event, if any").fill("Berlin Marathon");
    await runner.getByRole("group", { name: "Injury 1" }).getByLabel("What was it?").fill("Left Achilles tendinopathy");
    await runner.getByLabel("Foam rolling").selectOption("helped");
    for (const fieldset of await runner.locator("fieldset.flag").all()) {
      const code = await fieldset.getAttribute("data-flag");
      await fieldset.getByLabel(code === "night_pain" ? "Yes" : "No", { exact: true }).check();
    }
    await runner.getByText(CONSENT.split("\n")[0] ?? "").waitFor();
    await runner.getByLabel("I consent to treatment as described above.").check();
    await runner.getByLabel(/I consent to the practice keeping and using my information/).check();
    await runner.getByLabel("Type your full name to sign").fill("Maya Lind");
    expect(await runner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await runner.getByRole("button", { name: "Send to my therapist" }).click();
    await runner.getByRole("heading", { name: "Thank you", level: 1 }).waitFor();
    await runner.getByText("Signed by Maya Lind").waitFor();
    expect(await runner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.close();

    // The therapist sees the flag highlighted on the client page.
    await page.reload();
    await page.getByRole("alert").filter({ hasText: "Red flags to review: Night pain or pain at rest" }).waitFor();
    await page.locator(".red-flags .red-flag").filter({ hasText: "Night pain or pain at rest" }).waitFor();
    await page.getByRole("heading", { name: "Signed consent" }).waitFor();
    await page.getByText(/Signed “Maya Lind”/).waitFor();
    await page.getByText(/based on the IFOMPT international framework for red flags/).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The first session cannot be signed yet.
    await page.goto(`${server.baseUrl}/clients/${clientId}/sessions/new`);
    const entry = new SessionEntryPage(page);
    await entry.heading.waitFor();
    await entry.measure("Pain before", 5);
    await page.getByRole("button", { name: "Save and sign" }).click();
    await entry.signDialog.getByRole("button", { name: "Sign", exact: true }).click();
    await page.getByText(/Review them on the client's page before signing the first session/).waitFor();
    // The draft is kept; only the signature waits.
    const sessions = await page.evaluate(async (id) => {
      const response = await fetch(`/api/clients/${id}/sessions`);
      return ((await response.json()) as { sessions: { id: string; status: string }[] }).sessions;
    }, clientId);
    expect(sessions.map((s) => s.status)).toEqual(["draft"]);

    // She reviews the flag; then the same note is signed.
    await page.goto(`${server.baseUrl}/clients/${clientId}`);
    await page.getByRole("button", { name: "I have reviewed these red flags" }).click();
    await page.getByText(/Reviewed by Ana Okafor/).waitFor();
    expect(await page.getByText(/Red flags to review/).count()).toBe(0);

    await page.goto(`${server.baseUrl}/clients/${clientId}/sessions/${sessions[0]?.id ?? ""}`);
    await page.getByRole("button", { name: "Save and sign" }).click();
    await entry.signDialog.getByRole("button", { name: "Sign", exact: true }).click();
    await page.getByRole("heading", { name: "Session Signed", level: 1 }).waitFor();
  });
});
