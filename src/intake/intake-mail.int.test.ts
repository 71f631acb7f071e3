import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCheckinPlan,
  buildClient,
  buildPractice,
  buildSession,
  giveCheckinConsent,
  scheduleCheckins,
  signedIn,
} from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { ensureConsentText, intakeForm, newIntakeLink, postForm } from "../../test/support/intake.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { startTestSmtpServer, type TestSmtpServer } from "../../test/support/smtp.js";

const START = new Date("2026-11-28T10:00:00Z");
let app: TestApp;
let smtp: TestSmtpServer;
let owner: TestBrowser;
let ownerEmail: string;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  app = await startTestApp({ now: START, smtpUrl: smtp.url });
  ownerEmail = (await buildPractice(app)).ownerEmail;
  owner = await signedIn(app, ownerEmail);
  await ensureConsentText(owner);
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

function mailTo(address: string): ParsedMail[] {
  return smtp.messages.filter((m) =>
    (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).some((to) => to.value.some((v) => v.address === address)),
  );
}

async function waitForMail(address: string): Promise<ParsedMail> {
  for (let i = 0; i < 100; i += 1) {
    const [mail] = mailTo(address);
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no mail to ${address}`);
}

describe("the intake link by e-mail", () => {
  it("sends the link to the client's address (the answer does not carry it), and the link opens the form", async () => {
    const email = `runner.${Math.random().toString(36).slice(2, 10)}@example.test`;
    const client = await buildClient(owner, { firstName: "Maya", email });
    const response = await owner.post(`/api/clients/${client}/intake-link`, { delivery: "email" });
    expect(response.status).toBe(201);
    expect(response.json.sentTo).toBe(email);
    expect(response.text).not.toContain("/i/");
    const mail = await waitForMail(email);
    const path = /http:\/\/\S+(\/i\/[A-Za-z0-9_-]{43})/.exec(mail.text ?? "")?.[1] ?? "";
    expect(path).not.toBe("");
    expect(mail.text).toContain("Hello Maya");
    const page = await app.browser().get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Before your first visit");

    const noAddress = await buildClient(owner, { email: null });
    const refused = await owner.post(`/api/clients/${noAddress}/intake-link`, { delivery: "email" });
    expect(refused.status).toBe(422);
    expect(refused.json.error.fields).toEqual({ email: "is missing" });
  });
});

describe("withdrawing consent from a check-in e-mail's unsubscribe page", () => {
  it("shows the signed consent there and records a withdrawal as the client's own act", async () => {
    app.clock.set(START);
    const email = `runner.${Math.random().toString(36).slice(2, 10)}@example.test`;
    const client = await buildClient(owner, { firstName: "Maya", email });
    const { path: intakePath } = await newIntakeLink(owner, client);
    expect((await postForm(app, intakePath, intakeForm({ caseReports: true }))).status).toBe(200);
    await giveCheckinConsent(owner, client);
    const session = await buildSession(owner, client, { startedAt: new Date(START.getTime() - 3_600_000).toISOString() });
    const plan = await buildCheckinPlan(owner, { offsetsDays: [1], expiresAfterDays: 7 });
    const [checkin] = await scheduleCheckins(owner, session, plan);
    app.clock.set(new Date(checkin?.dueAt ?? ""));
    await app.server.scheduler?.runOnce();
    const mail = await waitForMail(email);
    const path = /http:\/\/\S+(\/c\/unsubscribe\/[A-Za-z0-9_-]{43})/.exec(mail.text ?? "")?.[1] ?? "";
    expect(path).not.toBe("");
    app.clock.set(START);
    // Sign-in sessions end 12 h after sign-in by the app's clock.
    owner = await signedIn(app, ownerEmail);

    const page = await app.browser().get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Stop check-in messages?");
    expect(page.text).toContain("Signed by <strong>Maya Runner</strong>");
    expect(page.text).toContain('name="withdraw_data_processing"');
    expect(page.text).toContain('name="withdraw_case_reports"');

    const withdrawn = await app.browser().request("POST", `${path}/consents`, "withdraw_data_processing=yes&withdraw_case_reports=yes", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.text).toContain("Your consent was withdrawn");
    const view = (await owner.get(`/api/clients/${client}`)).json.client;
    // Check-in messages are another matter: still given.
    expect(view.consents.checkinMessages.granted).toBe(true);
    expect(view.consents.anonymisedCaseReports).toMatchObject({ granted: false });
    const signature = (await owner.get(`/api/clients/${client}/signed-consents`)).json.signatures[0];
    expect(signature.consents.map((c: { kind: string; withdrawnAt: string | null }) => [c.kind, c.withdrawnAt !== null])).toEqual([
      ["treatment", false],
      ["data_processing", true],
      ["case_reports", true],
    ]);
    const audits = await app.db.database.db
      .selectFrom("audit_events")
      .selectAll()
      .where("client_id", "=", client)
      .where("action", "=", "withdraw")
      .execute();
    expect(audits.map((a) => [a.actor_kind, a.detail_json])).toEqual([
      ["client", JSON.stringify({ kind: "data_processing" })],
      ["client", JSON.stringify({ kind: "case_reports" })],
    ]);
  });
});
