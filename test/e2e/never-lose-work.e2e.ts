import type { Browser, Dialog, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SessionEntryPage } from "./clinicalPages";
import { chromiumAvailable, launchBrowser, startServer, type TestServer } from "./harness";
import { SetupPage } from "./pages";

/**
 * Never lose work: the session, complaint, protocol and experiment forms keep a server-side draft
 * as the practitioner types (with a visible "saved" state), ask before a link or a reload leaves
 * unsaved changes, and come back filled in after a reload.
 */

const owner = { email: "noor@drafts.example", password: "a reload should never cost a note" };
const DISTAL_RIGHT = "Right rectus femoris, distal third";

describe.skipIf(!chromiumAvailable)("never losing work", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let clientId: string;

  /** Answers the next dialog; returns what it asked. */
  function nextDialog(accept: boolean): Promise<{ type: string; message: string }> {
    return new Promise((resolve) => {
      page.once("dialog", (dialog: Dialog) => {
        const seen = { type: dialog.type(), message: dialog.message() };
        void (accept ? dialog.accept() : dialog.dismiss()).then(() => resolve(seen));
      });
    });
  }

  async function draftSaved(): Promise<void> {
    await page
      .getByRole("status")
      .filter({ hasText: /^Draft saved/ })
      .waitFor();
  }

  /** Reloads, accepting the browser's "leave the page?" question; resolves with what it asked. */
  async function reloadThroughQuestion(): Promise<string> {
    const asked = nextDialog(true);
    await page.reload();
    return (await asked).type;
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(`${server.baseUrl}/setup`);
    await new SetupPage(page).createPractice({ practiceName: "Draft Clinic", name: "Noor Ali", ...owner });
    await page.waitForURL(/\/clients$/);
    const response = await page.request.post(`${server.baseUrl}/api/clients`, {
      data: { firstName: "Lena", lastName: "Varga" },
      headers: { Origin: server.baseUrl },
    });
    clientId = ((await response.json()) as { client: { id: string } }).client.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("keeps a session note as it is typed, asks before leaving, and restores it after a reload", async () => {
    await page.goto(`${server.baseUrl}/clients/${clientId}/sessions/new`);
    const entry = new SessionEntryPage(page);
    await entry.heading.waitFor();
    await entry.measure("Pain before", 6);
    await entry.tapRegion(DISTAL_RIGHT);
    await draftSaved();

    // A link in the navigation asks first; "stay" keeps everything on screen.
    const nav = page.getByRole("navigation", { name: "Main" });
    const stay = nextDialog(false);
    await nav.getByRole("link", { name: "Protocols" }).click();
    expect((await stay).message).toMatch(/not saved as a record/);
    expect(page.url()).toMatch(/\/sessions\/new$/);
    const pain6 = page.getByRole("radiogroup", { name: "Pain before" }).getByRole("radio", { name: "6", exact: true });
    expect(await pain6.getAttribute("aria-checked")).toBe("true");

    // A reload asks too, and the form comes back from the server's draft.
    expect(await reloadThroughQuestion()).toBe("beforeunload");
    await entry.heading.waitFor();
    await page.getByText(/Restored your unsaved changes from/).waitFor();
    await entry.finding(DISTAL_RIGHT).waitFor();
    expect(await pain6.getAttribute("aria-checked")).toBe("true");

    // Leaving by a link, then coming back: still there.
    const leave = nextDialog(true);
    await nav.getByRole("link", { name: "Protocols" }).click();
    await leave;
    await page.getByRole("heading", { name: "Protocols", level: 1 }).waitFor();
    await page.goto(`${server.baseUrl}/clients/${clientId}/sessions/new`);
    await entry.finding(DISTAL_RIGHT).waitFor();

    // Saved as a record, the draft is gone: a new note starts empty and leaving asks nothing.
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.getByRole("heading", { name: "Session Draft", level: 1 }).waitFor();
    await page.goto(`${server.baseUrl}/clients/${clientId}/sessions/new`);
    await entry.heading.waitFor();
    await page.getByText("No findings yet.").waitFor();
    expect(await page.getByText(/Restored your unsaved changes/).count()).toBe(0);
    await nav.getByRole("link", { name: "Protocols" }).click();
    await page.getByRole("heading", { name: "Protocols", level: 1 }).waitFor();
  });

  it("keeps a new complaint, protocol and experiment plan through a reload", async () => {
    await page.goto(`${server.baseUrl}/clients/${clientId}/timeline`);
    await page.getByRole("button", { name: "Add complaint" }).click();
    await page.getByRole("textbox", { name: "Complaint" }).fill("Tight hip flexor, right");
    await draftSaved();
    await reloadThroughQuestion();
    await page.getByText(/Restored your unsaved changes from/).waitFor();
    expect(await page.getByRole("textbox", { name: "Complaint" }).inputValue()).toBe("Tight hip flexor, right");
    await page.getByRole("button", { name: "Add complaint" }).last().click();
    await page.getByRole("region", { name: "Complaints" }).getByText("Tight hip flexor, right").waitFor();

    await page.goto(`${server.baseUrl}/protocols`);
    await page.getByRole("button", { name: "New protocol" }).click();
    await page.getByLabel("Protocol name").fill("Distal quad release");
    await draftSaved();
    await reloadThroughQuestion();
    await page.getByText(/Restored your unsaved changes from/).waitFor();
    expect(await page.getByLabel("Protocol name").inputValue()).toBe("Distal quad release");

    await page.goto(`${server.baseUrl}/experiments/new`);
    await page.getByRole("textbox", { name: "Title" }).fill("Distal quad work for tight hip flexors");
    await draftSaved();
    await reloadThroughQuestion();
    await page.getByText(/Restored your unsaved changes from/).waitFor();
    expect(await page.getByRole("textbox", { name: "Title" }).inputValue()).toBe("Distal quad work for tight hip flexors");
  });

  it("asks before the browser's Back button leaves unsaved changes, and stays when told to", async () => {
    await page.goto(`${server.baseUrl}/clients/${clientId}`);
    await page.getByRole("link", { name: "New session" }).click();
    const entry = new SessionEntryPage(page);
    await entry.heading.waitFor();
    await entry.measure("Pain before", 4);
    const pain4 = page.getByRole("radiogroup", { name: "Pain before" }).getByRole("radio", { name: "4", exact: true });

    const stay = nextDialog(false);
    await page.goBack();
    expect((await stay).message).toMatch(/not saved as a record/);
    await page.waitForURL(/\/sessions\/new$/);
    expect(await pain4.getAttribute("aria-checked")).toBe("true");
    await entry.heading.waitFor();

    const leave = nextDialog(true);
    await page.goBack();
    await leave;
    await page.waitForURL(new RegExp(`/clients/${clientId}$`));
    await page.getByRole("link", { name: "New session" }).waitFor();
  });
});
