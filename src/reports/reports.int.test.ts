import path from "node:path";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, buildComplaint, buildPractice, buildSession, signedIn } from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from "../demo/seed.js";
import { DiskBlobStore } from "../platform/storage/blob-store.js";
import { findIdentifiers } from "./identifiers.js";

let app: TestApp;
let owner: TestBrowser;
let mayaId: string;
let singleCaseId: string;

const MAYA = { firstName: "Maya", lastName: "Lindqvist", email: "maya.lindqvist@example.com", phone: "+44 7700 900123" };
/** Strings from Maya's record that must never appear in anything published. */
const SECRETS = ["Maya", "Lindqvist", "maya.lindqvist", "7700 900123", "1989", "Valencia", "2027-12-05", "death grip"];

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T09:00:00Z") });
  await seedDemo(app.db.database, app.clock, new DiskBlobStore(path.join(app.db.dataDir, "blobs")));
  owner = app.browser();
  const login = DEMO_LOGINS[0];
  expect((await owner.signIn(login.email, DEMO_PASSWORD)).status).toBe(200);
  mayaId = (await owner.get("/api/clients?q=maya%20lindqvist")).json.clients[0].id as string;
  const experiments = (await owner.get("/api/experiments")).json.experiments as { id: string; title: string }[];
  singleCaseId = experiments.find((e) => e.title.startsWith("Maya"))?.id ?? "";
});
afterAll(async () => app.close());

/** Every entry of a zip, by name, as text. */
function unzip(bytes: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries = new Map<string, string>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            entries.set(entry.fileName, Buffer.concat(chunks).toString("utf8"));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(entries));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

async function download(browser: TestBrowser, url: string): Promise<{ status: number; type: string | null; bytes: Buffer; text: string }> {
  const response = await fetch(new URL(url, browser.baseUrl), {
    headers: {
      cookie: browser
        .cookieNames()
        .map((n) => `${n}=${browser.cookie(n)}`)
        .join("; "),
    },
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, type: response.headers.get("content-type"), bytes, text: bytes.toString("utf8") };
}

function expectAnonymous(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  expect(findIdentifiers(text, MAYA)).toEqual([]);
}

describe("case reports", () => {
  it("writes up the runner's single-case experiment, anonymised, with a first narrative from structured data", async () => {
    const created = await owner.post(`/api/clients/${mayaId}/case-reports`, { experimentId: singleCaseId });
    expect(created.status).toBe(201);
    const report = created.json.report;
    expect(report).toMatchObject({ clientId: mayaId, experimentId: singleCaseId, consent: { granted: true }, blockedReason: null });
    expect(report.problems).toEqual({ title: [], narrative: [] });
    const headings = report.document.sections.map((s: { heading: string }) => s.heading);
    expect(headings).toEqual([
      "Summary",
      "The runner",
      "The episode",
      "Sessions and techniques",
      "Findings over time",
      "Outcomes",
      "Training context",
      "The experiment",
      "About this report",
    ]);
    const text = JSON.stringify(report.document) + report.title + report.narrative;
    expectAnonymous(text);
    expect(text).toContain("35–39 years");
    expect(text).toContain("running for 6 years");
    expect(text).toContain("Pre-registered on day");
    const experiment = report.document.sections.find((s: { heading: string }) => s.heading === "The experiment");
    expect(JSON.stringify(experiment)).toContain("NAP");
    expect(report.charts.map((c: { file: string }) => c.file)).toEqual(
      expect.arrayContaining(["charts/outcome-tightness-nrs.svg", "charts/body-map-first.svg", "charts/body-map-last.svg"]),
    );
    const listed = (await owner.get(`/api/clients/${mayaId}/case-reports`)).json.reports;
    expect(listed).toEqual([expect.objectContaining({ id: report.id, source: "experiment" })]);
  });

  it("exports report.md and SVG charts with no name, contact or calendar date, and records the export", async () => {
    const report = (await owner.post(`/api/clients/${mayaId}/case-reports`, {})).json.report;
    const zip = await download(owner, `/api/case-reports/${report.id}/export.zip`);
    expect(zip.status).toBe(200);
    expect(zip.type).toBe("application/zip");
    const entries = await unzip(zip.bytes);
    expect([...entries.keys()]).toContain("report.md");
    const charts = [...entries.keys()].filter((name) => name.startsWith("charts/") && name.endsWith(".svg"));
    expect(charts.length).toBeGreaterThanOrEqual(3);
    for (const [name, content] of entries) {
      expectAnonymous(content);
      if (name.endsWith(".svg")) expect(content.startsWith("<svg")).toBe(true);
    }
    const markdown = entries.get("report.md") ?? "";
    expect(markdown).toMatch(/^# /);
    for (const chart of charts) expect(markdown).toContain(`](${chart})`);
    const audit = (await owner.get(`/api/audit?action=export&client=${mayaId}`)).json.events as {
      resource: { type: string; id: string };
      detail: Record<string, unknown> | null;
    }[];
    expect(audit.filter((e) => e.resource.id === report.id)).toEqual([
      expect.objectContaining({ resource: { type: "case_report", id: report.id }, detail: expect.objectContaining({ format: "zip" }) }),
    ]);
  });

  it("serves a print page for A4 and US Letter with its paper size", async () => {
    const report = (await owner.post(`/api/clients/${mayaId}/case-reports`, { experimentId: singleCaseId })).json.report;
    for (const paper of ["a4", "letter"]) {
      const page = await download(owner, `/api/case-reports/${report.id}/print?paper=${paper}`);
      expect(page.status).toBe(200);
      expect(page.type).toContain("text/html");
      expect(page.text).toContain(`/api/case-report-print.css?paper=${paper}`);
      expect(page.text).toContain("<svg");
      expectAnonymous(page.text);
    }
    const css = await download(owner, "/api/case-report-print.css?paper=letter");
    expect(css.text).toContain("size: letter");
    expect((await owner.get(`/api/case-reports/${report.id}/print?paper=a5`)).json.error.fields).toEqual({
      paper: "must be one of a4, letter",
    });
  });

  it("refuses to export while the narrative names the client, naming the field and what was found", async () => {
    const report = (await owner.post(`/api/clients/${mayaId}/case-reports`, {})).json.report;
    const edited = await owner.put(`/api/case-reports/${report.id}`, {
      version: report.version,
      title: "Distal quad release in a marathon runner",
      narrative: "Maya came in on 12 March with a tight hip flexor.",
    });
    expect(edited.status).toBe(200);
    expect(edited.json.report.problems.narrative).toEqual([
      { kind: "name", text: "Maya" },
      { kind: "date", text: "12 March" },
    ]);
    expect(edited.json.report.blockedReason).toMatch(/identifying details/);
    const refused = await owner.get(`/api/case-reports/${report.id}/export.zip`);
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe("identifying_details");
    expect(refused.json.error.fields.narrative).toBe('contains the client\'s name "Maya", a calendar date "12 March"');
    expect((await owner.get(`/api/case-reports/${report.id}/print`)).status).toBe(422);
    const fixed = await owner.put(`/api/case-reports/${report.id}`, {
      version: edited.json.report.version,
      title: "Distal quad release in a marathon runner",
      narrative: "The runner came in with a tight hip flexor.",
    });
    expect(fixed.json.report.blockedReason).toBeNull();
    expect((await download(owner, `/api/case-reports/${report.id}/export.zip`)).status).toBe(200);
  });

  it("refuses to export while the title names the client's goal event, naming the field and the event", async () => {
    const report = (await owner.post(`/api/clients/${mayaId}/case-reports`, {})).json.report;
    const edited = await owner.put(`/api/case-reports/${report.id}`, {
      version: report.version,
      title: "Distal quad release before the valencia marathon",
      narrative: "The runner came in with a tight hip flexor.",
    });
    expect(edited.status).toBe(200);
    expect(edited.json.report.problems.title).toEqual([{ kind: "event", text: "valencia marathon" }]);
    const refused = await owner.get(`/api/case-reports/${report.id}/export.zip`);
    expect(refused.status).toBe(422);
    expect(refused.json.error.fields.title).toBe('contains the client\'s goal event "valencia marathon"');
    expect(JSON.stringify(edited.json.report.document.sections)).not.toMatch(/valencia/i);
  });

  it("refuses print and download once the client withdraws consent, and shows why", async () => {
    const report = (await owner.post(`/api/clients/${mayaId}/case-reports`, {})).json.report;
    expect((await owner.put(`/api/clients/${mayaId}/consents/anonymised_case_reports`, { granted: false })).status).toBe(200);
    try {
      const zip = await owner.get(`/api/case-reports/${report.id}/export.zip`);
      expect(zip.status).toBe(409);
      expect(zip.json.error.code).toBe("consent_required");
      expect(zip.headers.get("content-type")).toContain("application/json");
      expect((await owner.get(`/api/case-reports/${report.id}/print?paper=letter`)).json.error.code).toBe("consent_required");
      const preview = (await owner.get(`/api/case-reports/${report.id}`)).json.report;
      expect(preview.consent.granted).toBe(false);
      expect(preview.blockedReason).toMatch(/has not consented/);
    } finally {
      await owner.put(`/api/clients/${mayaId}/consents/anonymised_case_reports`, { granted: true });
    }
    expect((await download(owner, `/api/case-reports/${report.id}/export.zip`)).status).toBe(200);
  });

  it("refuses an experiment or complaint that is not this client's, naming the field", async () => {
    const other = await buildPractice(app);
    const stranger = await signedIn(app, other.ownerEmail);
    const clientId = await buildClient(stranger);
    const complaintId = await buildComplaint(stranger, clientId);
    const foreign = await stranger.post(`/api/clients/${clientId}/case-reports`, { experimentId: singleCaseId });
    expect(foreign.status).toBe(400);
    expect(foreign.json.error.fields).toEqual({ experimentId: "is not an experiment of this practice" });
    const otherClient = (await owner.get("/api/clients?limit=2")).json.clients.find((c: { id: string }) => c.id !== mayaId).id as string;
    const mismatched = await owner.post(`/api/clients/${otherClient}/case-reports`, { experimentId: singleCaseId });
    expect(mismatched.json.error.fields).toEqual({ experimentId: "does not include this client" });
    const wrongComplaint = await owner.post(`/api/clients/${mayaId}/case-reports`, { complaintId });
    expect(wrongComplaint.json.error.fields).toEqual({ complaintId: "is not a complaint of this client" });
  });

  it("writes up an episode of a client who never consented, and refuses to export it", async () => {
    const other = await buildPractice(app);
    const therapist = await signedIn(app, other.ownerEmail);
    const clientId = await buildClient(therapist, { firstName: "Ingrid", lastName: "Halvorsen", dateOfBirth: null });
    const complaintId = await buildComplaint(therapist, clientId);
    const sessionId = await buildSession(therapist, clientId, { complaintIds: [complaintId], startedAt: "2026-11-20T09:00:00.000Z" });
    expect((await therapist.post(`/api/sessions/${sessionId}/sign`, {})).status).toBe(200);
    const created = await therapist.post(`/api/clients/${clientId}/case-reports`, { complaintId });
    expect(created.status).toBe(201);
    const report = created.json.report;
    expect(report.consent).toEqual({ granted: false, on: null });
    expect(JSON.stringify(report.document)).toContain("age not recorded");
    expect(JSON.stringify(report.document)).not.toContain("Rigid, stuck to itself");
    expect((await therapist.get(`/api/case-reports/${report.id}/export.zip`)).status).toBe(409);
    // Another practice cannot see it.
    expect((await owner.get(`/api/case-reports/${report.id}`)).status).toBe(404);
    // Erasing the client takes their reports with them.
    expect((await therapist.post(`/api/clients/${clientId}/erase`, { confirm: "Ingrid Halvorsen" })).status).toBe(200);
    expect((await therapist.get(`/api/case-reports/${report.id}`)).status).toBe(404);
  });
});
