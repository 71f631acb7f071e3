import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCaseReport,
  buildClient,
  buildComplaint,
  buildPractice,
  buildPractitioner,
  buildSession,
  signedIn,
} from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { CONSENT_TEXT, buildIntake, ensureConsentText, intakeForm, newIntakeLink, postForm } from "../../test/support/intake.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";

const DAY = 86_400_000;
let app: TestApp;
let owner: TestBrowser;
let therapist: TestBrowser;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-12-01T12:00:00Z") });
  const practice = await buildPractice(app);
  owner = await signedIn(app, practice.ownerEmail);
  therapist = await signedIn(app, (await buildPractitioner(app, practice, "therapist")).email);
  await ensureConsentText(owner);
});
afterAll(async () => app.close());

const db = () => app.db.database.db;
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

async function intakeRows(clientId: string) {
  const [links, submissions, signatures, events] = await Promise.all([
    db().selectFrom("intake_link").selectAll().where("client_id", "=", clientId).execute(),
    db().selectFrom("intake_submission").selectAll().where("client_id", "=", clientId).execute(),
    db().selectFrom("consent_signature").selectAll().where("client_id", "=", clientId).execute(),
    db().selectFrom("client_consent_event").selectAll().where("client_id", "=", clientId).execute(),
  ]);
  return { links, submissions, signatures, events };
}

describe("the practice's consent text", () => {
  it("makes a new version with the SHA-256 of its exact text on each edit, keeps the old ones, and refuses a stale edit", async () => {
    const start = (await owner.get("/api/consent-text")).json;
    expect(start.current.version).toBe(1);
    expect(start.current.sha256).toBe(sha256(CONSENT_TEXT));
    const edited = `${CONSENT_TEXT}\nÜpdated: we also keep your watch files.`;
    const saved = await owner.request("PUT", "/api/consent-text", { body: edited, basedOn: 1 });
    expect(saved.status).toBe(200);
    expect(saved.json.consentText).toMatchObject({ version: 2, sha256: sha256(edited), body: edited });
    const same = await owner.request("PUT", "/api/consent-text", { body: edited, basedOn: 2 });
    expect(same.json.consentText.version).toBe(2);
    const stale = await owner.request("PUT", "/api/consent-text", { body: `${edited} again`, basedOn: 1 });
    expect(stale.status).toBe(409);
    const tooShort = await owner.request("PUT", "/api/consent-text", { body: "ok", basedOn: 2 });
    expect(tooShort.status).toBe(400);
    expect(tooShort.json.error.fields.body).toMatch(/at least 20 characters/);
    expect((await therapist.request("PUT", "/api/consent-text", { body: `${edited} by a therapist`, basedOn: 2 })).status).toBe(403);
    const all = (await owner.get("/api/consent-text")).json.versions as { version: number; sha256: string }[];
    expect(all.map((v) => v.version)).toEqual([2, 1]);
    expect(all[1]?.sha256).toBe(sha256(CONSENT_TEXT));
    // Back to the first wording for the other tests, as version 3.
    expect((await owner.request("PUT", "/api/consent-text", { body: CONSENT_TEXT, basedOn: 2 })).json.consentText.version).toBe(3);
  });
});

describe("the intake link: tokens", () => {
  it("stores only the token's SHA-256, and opening the page changes nothing", async () => {
    const client = await buildClient(owner);
    const { token, path } = await newIntakeLink(owner, client);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const before = await intakeRows(client);
    expect(before.links).toHaveLength(1);
    expect(before.links[0]?.token_sha256).toBe(sha256(token));
    expect(JSON.stringify(before)).not.toContain(token);
    for (let i = 0; i < 2; i += 1) {
      const page = await fetch(new URL(path, app.url));
      expect(page.status).toBe(200);
      expect(page.headers.get("cache-control")).toBe("no-store");
      expect(page.headers.get("referrer-policy")).toBe("no-referrer");
      const html = await page.text();
      expect(html).toContain("Before your first visit");
      expect(html).toContain("Have you ever been diagnosed with cancer?");
      expect(html).toContain(CONSENT_TEXT);
      expect(html).not.toContain("<script");
    }
    expect(JSON.stringify(await intakeRows(client))).toBe(JSON.stringify(before));
  });

  it("stops working when it expires or is revoked, with the same page as an unknown link", async () => {
    const client = await buildClient(owner);
    const { path } = await newIntakeLink(owner, client);
    const unknown = await fetch(new URL(`/i/${"A".repeat(43)}`, app.url));
    expect(unknown.status).toBe(404);
    const unknownText = await unknown.text();
    expect(unknownText).toContain("This link can't be used");

    app.clock.advance(31 * DAY);
    const expired = await fetch(new URL(path, app.url));
    expect(expired.status).toBe(404);
    expect(await expired.text()).toBe(unknownText);
    expect((await postForm(app, path, intakeForm({ consentVersion: 3 }))).status).toBe(404);
    app.clock.advance(-31 * DAY);

    const second = await newIntakeLink(owner, client);
    expect((await owner.get(`/api/clients/${client}/intake-link`)).json.activeLinks).toHaveLength(2);
    expect((await owner.request("DELETE", `/api/clients/${client}/intake-link`)).json).toEqual({ revoked: 2 });
    expect((await fetch(new URL(second.path, app.url))).status).toBe(404);
    expect((await postForm(app, second.path, intakeForm({ consentVersion: 3 }))).status).toBe(404);
    expect((await intakeRows(client)).submissions).toHaveLength(0);
  });

  it("is refused until the practice has a consent text", async () => {
    const other = await signedIn(app, (await buildPractice(app)).ownerEmail);
    const client = await buildClient(other);
    const response = await other.post(`/api/clients/${client}/intake-link`, {});
    expect(response.status).toBe(409);
    expect(response.json.error.code).toBe("consent_text_missing");
  });
});

describe("the intake form", () => {
  it("stores the answers, the red flags and the signed consent with its version, hash, time, address and typed name", async () => {
    const client = await buildClient(owner);
    const { path } = await newIntakeLink(owner, client);
    const response = await postForm(app, path, intakeForm({ redFlag: "night_pain", consentVersion: 3, caseReports: true }));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Thank you");
    expect(html).toContain("Signed by <strong>Maya Runner</strong>");
    const rows = await intakeRows(client);
    expect(rows.submissions).toHaveLength(1);
    expect(rows.submissions[0]?.positive_flags).toBe(1);
    expect(rows.signatures[0]).toMatchObject({
      text_version: 3,
      text_sha256: sha256(CONSENT_TEXT),
      signed_name: "Maya Runner",
      signed_at: "2026-12-01T12:00:00.000Z",
      ip: "127.0.0.1",
      treatment: 1,
      data_processing: 1,
      case_reports: 1,
    });
    const intakes = (await owner.get(`/api/clients/${client}/intakes`)).json.intakes;
    expect(intakes[0].redFlags.filter((f: { answer: string }) => f.answer === "yes").map((f: { code: string }) => f.code)).toEqual([
      "night_pain",
    ]);
    expect(intakes[0].redFlagsBasis).toMatch(/IFOMPT .*Finucane et al\., J Orthop Sports Phys Ther 2020/);
    const consents = (await owner.get(`/api/clients/${client}/signed-consents`)).json.signatures;
    expect(consents[0]).toMatchObject({
      signedName: "Maya Runner",
      text: { version: 3, sha256: sha256(CONSENT_TEXT), body: CONSENT_TEXT },
    });
    const view = (await owner.get(`/api/clients/${client}`)).json.client;
    expect(view.consents.anonymisedCaseReports).toMatchObject({ granted: true });
    expect(view.consents.anonymisedCaseReports.history[0].recordedBy).toBe("The client, through their own link");
    // Reopening shows the thank-you page, not the form.
    expect(await (await fetch(new URL(path, app.url))).text()).toContain("Thank you");
  });

  it("names each problem on the page (422), keeps the answers, and stores nothing", async () => {
    const client = await buildClient(owner);
    const { path } = await newIntakeLink(owner, client);
    const form = intakeForm({ consentVersion: 3 });
    form.dateOfBirth = "2999-01-01";
    delete form.flag_fever;
    delete form.consentData;
    form.weeklyKm = "lots";
    const response = await postForm(app, path, form);
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain("Date of birth: must not be in the future");
    expect(html).toContain("Kilometres a week: must be a number");
    expect(html).toContain("Consent to data processing: tick");
    expect(html).toMatch(/Have you had a fever[^<]*Choose yes or no\./);
    // The answers are kept in the form to correct.
    expect(html).toContain("Half marathon, March 2026, 1:41");
    form.dateOfBirth = "1899-12-31";
    expect(await (await postForm(app, path, form)).text()).toContain("Date of birth: must be after 1900");
    const rows = await intakeRows(client);
    expect([rows.submissions.length, rows.signatures.length, rows.events.length]).toEqual([0, 0, 0]);
  });

  it("shows the consent text again when the practice edited it meanwhile", async () => {
    const client = await buildClient(owner);
    const { path } = await newIntakeLink(owner, client);
    const response = await postForm(app, path, intakeForm({ consentVersion: 2 }));
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("updated its consent text");
    expect((await intakeRows(client)).submissions).toHaveLength(0);
  });

  it("stores one intake when the same form is sent many times at once, each answered with the page", async () => {
    const client = await buildClient(owner);
    const { path } = await newIntakeLink(owner, client);
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => postForm(app, path, intakeForm({ redFlag: "fever", consentVersion: 3, caseReports: true }))),
    );
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/text\/html/);
      expect(await response.text()).toContain("Thank you");
    }
    const rows = await intakeRows(client);
    expect([rows.submissions.length, rows.signatures.length, rows.events.length]).toEqual([1, 1, 1]);
    const audits = await db()
      .selectFrom("audit_events")
      .selectAll()
      .where("client_id", "=", client)
      .where("action", "=", "submit_intake")
      .execute();
    expect(audits.map((a) => a.actor_kind)).toEqual(["client"]);
    expect(JSON.stringify(audits)).not.toContain("Maya");
  });
});

describe("red flags and the first session", () => {
  it("refuses to sign a first session until the red flags are reviewed, then records who reviewed them and when", async () => {
    const client = await buildClient(owner);
    const intakeId = await buildIntake(app, owner, client, { redFlag: "bladder_bowel" });
    const session = await buildSession(owner, client);
    const refused = await owner.post(`/api/sessions/${session}/sign`, {});
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe("red_flags_unreviewed");
    expect(refused.json.error.message).toContain("bladder or bowel changes");
    expect((await owner.get(`/api/sessions/${session}`)).json.session.status).toBe("draft");

    app.clock.advance(60_000);
    const reviewed = await owner.post(`/api/intakes/${intakeId}/flags-review`, {});
    expect(reviewed.status).toBe(200);
    expect(reviewed.json.intake.flagsReview).toMatchObject({ at: "2026-12-01T12:01:00.000Z", by: { name: expect.any(String) } });
    const again = await therapist.post(`/api/intakes/${intakeId}/flags-review`, {});
    expect(again.json.intake.flagsReview.at).toBe("2026-12-01T12:01:00.000Z");
    expect((await owner.post(`/api/sessions/${session}/sign`, {})).status).toBe(200);
    app.clock.advance(-60_000);
  });

  it("does not hold up a client whose intake has no red flags", async () => {
    const client = await buildClient(owner);
    const intakeId = await buildIntake(app, owner, client);
    expect((await owner.post(`/api/intakes/${intakeId}/flags-review`, {})).status).toBe(409);
    const session = await buildSession(owner, client);
    expect((await owner.post(`/api/sessions/${session}/sign`, {})).status).toBe(200);
  });
});

describe("accepting the intake into the record", () => {
  it("fills the client's fields, and keeps a history of the profile from then on", async () => {
    const client = await buildClient(owner, { firstName: "M", lastName: "R", email: null });
    await owner.request("PATCH", `/api/clients/${client}`, { version: 1, phone: "+44 1" });
    const intakeId = await buildIntake(app, owner, client);
    const accepted = await therapist.post(`/api/intakes/${intakeId}/accept`, {});
    expect(accepted.status).toBe(200);
    expect(accepted.json.intake.accepted).toMatchObject({ by: { name: expect.any(String) } });
    expect((await owner.post(`/api/intakes/${intakeId}/accept`, {})).json.error.code).toBe("intake_accepted");
    const view = (await owner.get(`/api/clients/${client}`)).json.client;
    expect(view).toMatchObject({
      firstName: "Maya",
      lastName: "Runner",
      email: "maya.intake@example.test",
      dateOfBirth: "1990-04-12",
      running: { yearsRunning: 6, weeklyKm: 45, goalEvent: { name: "Valencia Marathon", date: "2027-12-05", distanceKm: 42.2 } },
    });
    expect(view.injuries.map((i: { description: string }) => i.description)).toContain("Achilles pain, left");
    // What the client tried is added after what the practice had recorded.
    expect(view.selfCare.map((s: { method: string; effect: string }) => `${s.method}:${s.effect}`).slice(-2)).toEqual([
      "rolling:helped",
      "percussion:no_change",
    ]);
    expect(view.notes).toContain("Half marathon, March 2026, 1:41");

    const edit = await owner.request("PATCH", `/api/clients/${client}`, { version: view.version, running: { weeklyKm: 60 } });
    expect(edit.status).toBe(200);
    const history = (await owner.get(`/api/clients/${client}/profile-history`)).json.revisions;
    expect(history.map((r: { source: string }) => r.source)).toEqual(["earlier", "intake", "edit"]);
    expect(history[0].profile).toMatchObject({ firstName: "M", phone: "+44 1" });
    expect(history[1].changedFields).toEqual(expect.arrayContaining(["firstName", "email", "dateOfBirth", "injuries"]));
    expect(history[2].changedFields).toEqual(["weeklyKm"]);
    expect(history[2].profile.weeklyKm).toBe(60);
  });
});

describe("withdrawing consent", () => {
  it("is the client's own act from the intake page, and case reports see it at once", async () => {
    const client = await buildClient(owner);
    const complaint = await buildComplaint(owner, client);
    const report = await buildCaseReport(owner, client, { complaintId: complaint });
    await ensureConsentText(owner);
    const { path } = await newIntakeLink(owner, client);
    await postForm(app, path, intakeForm({ consentVersion: 3, caseReports: true }));
    expect((await owner.get(`/api/case-reports/${report}`)).json.report.consent.granted).toBe(true);

    const page = await (await fetch(new URL(path, app.url))).text();
    expect(page).toContain('name="withdraw_case_reports"');
    const withdrawn = await postForm(app, `${path}/withdraw`, { withdraw_case_reports: "yes", withdraw_treatment: "yes" });
    expect(withdrawn.status).toBe(200);
    const html = await withdrawn.text();
    expect(html).toContain("Your consent was withdrawn");
    expect(html).toMatch(/Treatment: withdrawn/);
    expect(html).not.toContain('name="withdraw_case_reports"');

    expect((await owner.get(`/api/case-reports/${report}`)).json.report.consent.granted).toBe(false);
    expect((await owner.get(`/api/case-reports/${report}/print?paper=a4`)).json.error.code).toBe("consent_required");
    const view = (await owner.get(`/api/clients/${client}`)).json.client;
    expect(view.consents.anonymisedCaseReports.history.at(-1)).toMatchObject({
      granted: false,
      recordedBy: "The client, through their own link",
    });
    const signature = (await owner.get(`/api/clients/${client}/signed-consents`)).json.signatures[0];
    expect(signature.consents).toEqual([
      { kind: "treatment", given: true, withdrawnAt: "2026-12-01T12:00:00.000Z" },
      { kind: "data_processing", given: true, withdrawnAt: null },
      { kind: "case_reports", given: true, withdrawnAt: "2026-12-01T12:00:00.000Z" },
    ]);
    const rows = await db().selectFrom("consent_withdrawal").selectAll().where("client_id", "=", client).execute();
    expect(rows.map((r) => r.source)).toEqual(["client_link", "client_link"]);
    // Withdrawing again changes nothing.
    await postForm(app, `${path}/withdraw`, { withdraw_case_reports: "yes" });
    expect(await db().selectFrom("consent_withdrawal").selectAll().where("client_id", "=", client).execute()).toHaveLength(2);
    expect((await owner.get(`/api/clients/${client}`)).json.client.consents.anonymisedCaseReports.history).toHaveLength(2);
  });
});

describe("erasing a client", () => {
  it("erases their intake links, intakes, signed consents, withdrawals and profile history", async () => {
    const client = await buildClient(owner);
    const intakeId = await buildIntake(app, owner, client, { redFlag: "trauma", caseReports: true });
    await owner.post(`/api/intakes/${intakeId}/accept`, {});
    const name = (await owner.get(`/api/clients/${client}`)).json.client;
    const erased = await owner.post(`/api/clients/${client}/erase`, { confirm: `${name.firstName} ${name.lastName}` });
    expect(erased.status).toBe(200);
    for (const table of [
      "intake_link",
      "intake_submission",
      "consent_signature",
      "consent_withdrawal",
      "client_profile_revision",
    ] as const) {
      expect(await db().selectFrom(table).select("id").where("client_id", "=", client).execute()).toEqual([]);
    }
  });
});

describe("the intake pages' rate limit", () => {
  it("answers floods from one address with 429", async () => {
    app.clock.advance(3_600_000);
    const statuses: number[] = [];
    for (let i = 0; i < 65; i += 1) statuses.push((await fetch(new URL(`/i/${"B".repeat(43)}`, app.url))).status);
    // The window may already hold this file's earlier requests: some go through, then all are refused.
    expect(statuses[0]).toBe(404);
    expect(statuses.every((s) => s === 404 || s === 429)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    app.clock.advance(-3_600_000);
  });
});
