import { parse } from "csv-parse/sync";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCheckinPlan,
  buildClient,
  buildPractice,
  buildPractitioner,
  buildSession,
  giveCheckinConsent,
  scheduleCheckins,
  signedIn,
  type TestPractice,
} from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { buildFitRun } from "../../test/support/runs.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { officialSchemaErrors } from "./fhir/official-schema.testing.js";

const EVIL_NAME = '=HYPERLINK("http://evil.example","Maya")';
const OCTETS = { "content-type": "application/octet-stream" };
const BOM = "\uFEFF";

let app: TestApp;
let practice: TestPractice;
let owner: TestBrowser;
let intruder: TestBrowser;
let clientId: string;
let otherClientId: string;
let sessionId: string;
const uploads: Uint8Array[] = [
  buildFitRun({ start: "2026-11-20T07:00:00Z", seed: 3 }),
  buildFitRun({ start: "2026-11-22T07:00:00Z", seed: 4 }),
];

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  practice = await buildPractice(app);
  const second = await buildPractice(app);
  owner = await signedIn(app, practice.ownerEmail);
  intruder = await signedIn(app, second.ownerEmail);

  clientId = await buildClient(owner, { firstName: EVIL_NAME, lastName: "Runner" });
  otherClientId = await buildClient(owner, { firstName: "Other", lastName: "Client" });
  // The same original name twice: the archive must keep both, under unique names.
  for (const bytes of uploads) {
    const upload = await owner.request("POST", `/api/clients/${clientId}/training/uploads?name=run.fit`, bytes, OCTETS);
    expect(upload.json.imported).toBe(1);
    // The archive lists files in import order.
    app.clock.advance(1000);
  }
  app.clock.set(new Date("2026-11-28T10:00:00Z"));
  sessionId = await buildSession(owner, clientId, {
    steps: [
      { technique: "cupping", regionCode: "vastus_lateralis", side: "right", minutes: 5 },
      { technique: "myofascial_release", regionCode: "rectus_femoris", side: "right", direction: "distal_to_proximal", minutes: 10 },
    ],
    soap: { s: "-5 after hills, =cmd|' /C calc'!A0", o: null, a: null, p: null },
  });
  expect((await owner.post(`/api/sessions/${sessionId}/sign`)).status).toBe(200);
  await buildSession(owner, otherClientId, { startedAt: "2026-11-26T09:00:00.000Z" });

  await giveCheckinConsent(owner, clientId);
  const planId = await buildCheckinPlan(owner, { offsetsDays: [1, 3] });
  const [first] = await scheduleCheckins(owner, sessionId, planId);
  const answered = await app
    .browser()
    .request(
      "POST",
      new URL(first!.linkUrl).pathname,
      new URLSearchParams({ "nprs.1": "3", "tightness-nrs.1": "4", "free-text.text": '@once, "looser"' }).toString(),
      { "content-type": "application/x-www-form-urlencoded" },
    );
  expect(answered.status).toBe(200);
});
afterAll(async () => app.close());

type Resource = Record<string, unknown> & { resourceType: string };

function csvRows(text: string): string[][] {
  expect(text.startsWith(BOM)).toBe(true);
  const rows: string[][] = parse(text.slice(BOM.length));
  return rows;
}

/** The file as the server sent it: fetch's text() would drop the byte-order mark, so decode keeping it. */
async function csvText(browser: TestBrowser, path: string): Promise<string> {
  const response = await download(browser, path);
  expect(response.status).toBe(200);
  expect([...response.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(response.bytes);
}

async function csvAt(browser: TestBrowser, path: string): Promise<string[][]> {
  return csvRows(await csvText(browser, path));
}

function column(rows: string[][], name: string): string[] {
  const index = rows[0]?.indexOf(name) ?? -1;
  expect(index).toBeGreaterThanOrEqual(0);
  return rows.slice(1).map((row) => row[index] ?? "");
}

async function download(browser: TestBrowser, path: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const cookie = browser
    .cookieNames()
    .map((name) => `${name}=${browser.cookie(name) ?? ""}`)
    .join("; ");
  const response = await fetch(new URL(path, browser.baseUrl), { headers: { cookie, origin: browser.baseUrl } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, file) => (error ? reject(error) : resolve(file))),
  );
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          entries.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
        stream.on("error", reject);
      });
    });
    zip.on("end", resolve);
    zip.on("error", reject);
    zip.readEntry();
  });
  return entries;
}

async function auditEvents(resourceType: string) {
  return app.db.database.db
    .selectFrom("audit_events")
    .selectAll()
    .where("action", "=", "export")
    .where("resource_type", "=", resourceType)
    .execute();
}

describe("FHIR bundle export", () => {
  it("is valid against the official FHIR R4 schema and holds the client's whole record", async () => {
    const response = await owner.get(`/api/clients/${clientId}/export/fhir`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/fhir+json; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="palpable-hyperlink-[a-z0-9-]+-fhir-2026-11-28\.json"$/,
    );
    const bundle = response.json as { resourceType: string; type: string; entry: { fullUrl: string; resource: Resource }[] };
    expect(officialSchemaErrors(bundle)).toEqual([]);
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "collection", timestamp: "2026-11-28T10:00:00.000Z" });

    const counts: Record<string, number> = {};
    for (const { resource } of bundle.entry) counts[resource.resourceType] = (counts[resource.resourceType] ?? 0) + 1;
    // Observations: 4 session measures + 1 finding + 2 check-in scores (NPRS, tightness).
    expect(counts).toEqual({
      Patient: 1,
      Practitioner: 1,
      Encounter: 1,
      Procedure: 2,
      Observation: 7,
      Questionnaire: 3,
      QuestionnaireResponse: 3,
    });
    const text = JSON.stringify(bundle);
    expect(text).toContain('"system":"http://loinc.org","code":"72514-3"');
    expect(text).toContain('"system":"http://snomed.info/sct","code":"1403006"');
    expect(text).toContain('"code":"cupping"');
    expect(text).not.toContain("null");
    const patient = bundle.entry[0]?.resource;
    expect(patient).toMatchObject({ resourceType: "Patient", name: [{ family: "Runner", given: [EVIL_NAME] }], birthDate: "1989-04-17" });
    const urls = new Set(bundle.entry.map((e) => e.fullUrl));
    for (const [, ref] of text.matchAll(/"reference":"([^"]+)"/g)) expect(urls.has(ref ?? "")).toBe(true);
  });

  it("records the export in the audit log with the client, and no names", async () => {
    const events = await auditEvents("client-fhir");
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events[0]).toMatchObject({ client_id: clientId, resource_id: clientId, outcome: "success", actor_kind: "practitioner" });
    expect(JSON.stringify(events)).not.toContain("HYPERLINK");
  });
});

describe("CSV exports", () => {
  it("exports sessions practice-wide with a BOM, a header, ISO dates and neutralised formulas", async () => {
    const response = await owner.get("/api/exports/sessions.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="palpable-sessions-2026-11-28.csv"');
    const text = await csvText(owner, "/api/exports/sessions.csv");
    expect(text).toMatch(/^\uFEFFsession_id,client_id,client_name,started_at,[^\r\n]*\r\n/);
    const rows = csvRows(text);
    expect(rows).toHaveLength(3);
    expect(column(rows, "client_name").sort()).toEqual(['\'=HYPERLINK("http://evil.example","Maya") Runner', "Other Client"]);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""Maya"") Runner"`);
    const own = rows.find((row) => row[0] === sessionId) ?? [];
    const at = (name: string) => own[rows[0]?.indexOf(name) ?? -1];
    expect(at("started_at")).toBe("2026-11-27T09:00:00.000Z");
    expect(at("status")).toBe("signed");
    expect(at("signed_at")).toBe("2026-11-28T10:00:00.000Z");
    expect(at("pain_before")).toBe("5");
    expect(at("subjective")).toBe("'-5 after hills, =cmd|' /C calc'!A0");
    expect(at("techniques")).toBe(
      "Cupping, Vastus lateralis (right), 5 min | Myofascial release, Rectus femoris (right), 10 min, distal to proximal",
    );
    for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("narrows to one client with ?clientId and refuses an unknown or foreign client with 404", async () => {
    const rows = await csvAt(owner, `/api/exports/sessions.csv?clientId=${otherClientId}`);
    expect(column(rows, "client_id")).toEqual([otherClientId]);
    const unknown = await owner.get("/api/exports/sessions.csv?clientId=00000000-0000-0000-0000-000000000000");
    expect(unknown.status).toBe(404);
    const foreign = await intruder.get(`/api/exports/measures.csv?clientId=${clientId}`);
    expect(foreign.status).toBe(404);
    expect(foreign.json).toEqual(unknown.json);
    expect((await owner.get("/api/exports/sessions.csv?clientId=")).json.error.fields).toEqual({ clientId: "must not be empty" });
    expect((await owner.get("/api/exports/notes.csv")).status).toBe(404);
  });

  it("exports measures from sessions and check-ins, one row per value, negative-safe numbers", async () => {
    const rows = await csvAt(owner, `/api/exports/measures.csv?clientId=${clientId}`);
    const summary = rows
      .slice(1)
      .map((row) => [row[rows[0]!.indexOf("measure")], row[rows[0]!.indexOf("timing")], row[rows[0]!.indexOf("score")]]);
    expect(summary).toEqual([
      ["session-pain", "before treatment", "5"],
      ["session-tightness", "before treatment", "8"],
      ["session-pain", "after treatment", "2"],
      ["session-tightness", "after treatment", "4"],
      ["nprs", "day 1 after session", "3"],
      ["tightness-nrs", "day 1 after session", "4"],
      ["free-text", "day 1 after session", ""],
    ]);
    expect(column(rows, "answer").at(-1)).toBe('\'@once, "looser"');
  });

  it("exports check-ins with their state and activities with their files", async () => {
    const checkins = await csvAt(owner, `/api/exports/checkins.csv?clientId=${clientId}`);
    expect(column(checkins, "state")).toEqual(["answered", "scheduled"]);
    expect(column(checkins, "measures")).toEqual(["nprs;tightness-nrs;free-text", "nprs;tightness-nrs;free-text"]);
    expect(column(checkins, "answer_versions")).toEqual(["1", "0"]);
    const activities = await csvAt(owner, "/api/exports/activities.csv");
    expect(column(activities, "start_time")).toEqual([
      expect.stringMatching(/^2026-11-20T07:00:0\d\.000Z$/),
      expect.stringMatching(/^2026-11-22T07:00:0\d\.000Z$/),
    ]);
    expect(column(activities, "file_name")).toEqual(["run.fit", "run.fit"]);
    for (const distance of column(activities, "distance_m")) expect(Number(distance)).toBeGreaterThan(7000);
  });

  it("records each CSV export in the audit log", async () => {
    const events = await auditEvents("csv-sessions");
    expect(events.map((e) => e.client_id)).toContain(null);
    expect(events.map((e) => e.client_id)).toContain(otherClientId);
  });
});

describe("who may export the whole practice", () => {
  it("lets owners and therapists download the practice-wide CSVs and refuses assistants with 403", async () => {
    const therapist = await signedIn(app, (await buildPractitioner(app, practice, "therapist")).email);
    const assistant = await signedIn(app, (await buildPractitioner(app, practice, "assistant")).email);
    expect((await therapist.get("/api/exports/sessions.csv")).status).toBe(200);
    for (const kind of ["sessions", "measures", "checkins", "activities"]) {
      const refused = await assistant.get(`/api/exports/${kind}.csv`);
      expect(refused.status, kind).toBe(403);
      expect(refused.json.error).toMatchObject({ code: "forbidden", action: "client.export" });
    }
    // One client's records are for the owner and the client's treating therapists, never an assistant.
    const one = await assistant.get(`/api/exports/sessions.csv?clientId=${otherClientId}`);
    expect(one.status).toBe(403);
    expect(one.json.error).toMatchObject({ code: "forbidden", action: "client.export" });
  });
});

describe("client archive", () => {
  it("streams a zip with the bundle, the client's CSVs, a README and the raw files byte for byte", async () => {
    const response = await download(owner, `/api/clients/${clientId}/export`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="palpable-[a-z0-9-]+-2026-11-28\.zip"$/);
    const entries = await unzip(response.bytes);
    expect([...entries.keys()]).toEqual([
      "README.txt",
      "fhir-bundle.json",
      "sessions.csv",
      "measures.csv",
      "checkins.csv",
      "activities.csv",
      "training-files/run.fit",
      "training-files/run (2).fit",
    ]);
    expect(entries.get("training-files/run.fit")?.equals(Buffer.from(uploads[0]!))).toBe(true);
    expect(entries.get("training-files/run (2).fit")?.equals(Buffer.from(uploads[1]!))).toBe(true);
    const bundle = JSON.parse(entries.get("fhir-bundle.json")?.toString("utf8") ?? "{}") as unknown;
    expect(officialSchemaErrors(bundle)).toEqual([]);
    const sessions = csvRows(entries.get("sessions.csv")?.toString("utf8") ?? "");
    expect(column(sessions, "session_id")).toEqual([sessionId]);
    expect(column(csvRows(entries.get("activities.csv")?.toString("utf8") ?? ""), "client_id")).toEqual([clientId, clientId]);
    expect(entries.get("README.txt")?.toString("utf8")).toContain("fhir-bundle.json");

    const events = await auditEvents("client-archive");
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]?.detail_json ?? "{}")).toMatchObject({ trainingFiles: 2, missingFiles: 0 });
  });
});

describe("another practice", () => {
  it("gets 404 for the client's bundle and archive, the same as an unknown id", async () => {
    for (const path of [`/api/clients/${clientId}/export/fhir`, `/api/clients/${clientId}/export`]) {
      const foreign = await intruder.get(path);
      const unknown = await intruder.get(path.replace(clientId, "00000000-0000-0000-0000-000000000000"));
      expect(foreign.status).toBe(404);
      expect(foreign.json).toEqual({ error: { code: "not_found", message: "Client not found" } });
      expect(unknown.json).toEqual(foreign.json);
    }
  });

  it("sees none of this practice's rows in its own practice-wide CSVs", async () => {
    for (const kind of ["sessions", "measures", "checkins", "activities"]) {
      const rows = await csvAt(intruder, `/api/exports/${kind}.csv`);
      expect(rows).toHaveLength(1);
    }
  });
});
