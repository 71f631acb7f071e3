import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialect } from "../../test/support/database.js";
import {
  buildCheckinPlan,
  buildClient,
  buildComplaint,
  buildExperiment,
  buildPractice,
  buildPractitioner,
  buildProtocol,
  buildSession,
  giveCheckinConsent,
  scheduleCheckins,
  signedIn,
  type TestPractice,
} from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { buildFitRun } from "../../test/support/runs.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { DiskBlobStore, sha256Hex } from "../platform/storage/blob-store.js";

let app: TestApp;
let practice: TestPractice;
let owner: TestBrowser;
let blobs: DiskBlobStore;
const OCTETS = { "content-type": "application/octet-stream" };
const FORM = { "content-type": "application/x-www-form-urlencoded" };
const ownFile = buildFitRun({ start: "2026-11-01T07:00:00Z", seed: 11 });
const sharedFile = buildFitRun({ start: "2026-11-03T07:00:00Z", seed: 12 });

/** Every table with a client_id column, found in the database itself so a new table cannot be missed. */
async function tablesWithClientId(): Promise<string[]> {
  const db = app.db.database.db;
  if (testDialect === "postgres") {
    const result = await sql<{ table_name: string }>`select table_name from information_schema.columns
      where table_schema = current_schema() and column_name = 'client_id' order by table_name`.execute(db);
    return result.rows.map((r) => r.table_name);
  }
  const result = await sql<{ name: string }>`select m.name from sqlite_master m, pragma_table_info(m.name) c
    where m.type = 'table' and c.name = 'client_id' order by m.name`.execute(db);
  return result.rows.map((r) => r.name);
}

async function countWhere(table: string, column: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await sql<{
    n: number | string;
  }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(column)} in (${sql.join(ids)})`.execute(app.db.database.db);
  return Number(result.rows[0]?.n ?? 0);
}

async function idsOf(table: string, clientId: string): Promise<string[]> {
  const result = await sql<{ id: string }>`select id from ${sql.table(table)} where client_id = ${clientId}`.execute(app.db.database.db);
  return result.rows.map((r) => r.id);
}

/** Row counts about a client, table by table: tables with client_id, and the children of its sessions and check-ins. */
async function rowsAbout(clientId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tablesWithClientId()) {
    if (table === "audit_events") continue;
    counts[table] = await countWhere(table, "client_id", [clientId]);
  }
  counts.client = await countWhere("client", "id", [clientId]);
  const sessions = await idsOf("treatment_session", clientId);
  for (const table of ["session_revision", "session_finding", "session_step", "session_complaint", "checkin_auto_schedule"]) {
    counts[table] = await countWhere(table, "session_id", sessions);
  }
  const checkins = await idsOf("checkin", clientId);
  for (const table of ["checkin_answer", "outbox_message", "checkin_delivery"]) {
    counts[table] = await countWhere(table, "checkin_id", checkins);
  }
  return counts;
}

/** A client with a bit of everything: files, activities, a complaint, a signed and amended session, check-ins answered, sent and rescheduled, a case report, an experiment enrolment. */
async function buildFullClient(lastName: string, experimentId: string, protocolVersionId: string): Promise<string> {
  const clientId = await buildClient(owner, { lastName });
  for (const [name, bytes] of [
    ["own.fit", lastName === "Erasable" ? ownFile : buildFitRun({ start: "2026-11-05T07:00:00Z", seed: 13 })],
    ["shared.fit", sharedFile],
  ] as const) {
    const upload = await owner.request("POST", `/api/clients/${clientId}/training/uploads?name=${name}`, bytes, OCTETS);
    expect(upload.status).toBe(200);
  }
  const complaintId = await buildComplaint(owner, clientId);
  const sessionId = await buildSession(owner, clientId, { complaintIds: [complaintId], protocolVersionId });
  expect((await owner.post(`/api/sessions/${sessionId}/sign`)).status).toBe(200);
  expect((await owner.post(`/api/sessions/${sessionId}/amendments`, { reason: "Typo", changes: { advice: "Rest a day" } })).status).toBe(
    200,
  );
  await giveCheckinConsent(owner, clientId);
  const planId = await buildCheckinPlan(owner);
  const [first, second, third] = await scheduleCheckins(owner, sessionId, planId);
  if (!first || !second || !third) throw new Error("expected check-ins");
  const answer = new URLSearchParams({ "nprs.1": "3", "tightness-nrs.1": "4" }).toString();
  expect((await app.browser().request("POST", new URL(first.linkUrl).pathname, answer, FORM)).status).toBe(200);
  expect((await owner.post(`/api/checkins/${second.id}/send`)).status).toBe(200);
  expect((await owner.post(`/api/checkins/${third.id}/reschedule`, { dueAt: "2026-12-20T18:00:00.000Z" })).status).toBe(200);
  expect((await owner.post(`/api/clients/${clientId}/case-reports`, { complaintId })).status).toBe(201);
  const enrolled = await owner.post(`/api/experiments/${experimentId}/enrolments`, { clientId });
  expect(enrolled.status, enrolled.text).toBeLessThan(300);
  return clientId;
}

let erasable: string;
let kept: string;
let keptBefore: Record<string, number>;
let sharedExperimentId: string;
let soleExperimentId: string;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  blobs = new DiskBlobStore(path.join(app.db.dataDir, "blobs"));
  practice = await buildPractice(app);
  owner = await signedIn(app, practice.ownerEmail);
  const protocol = await buildProtocol(owner);
  const experimentId = await buildExperiment(owner, protocol.id);
  sharedExperimentId = experimentId;
  expect((await owner.post(`/api/experiments/${experimentId}/start`)).status).toBe(200);
  erasable = await buildFullClient("Erasable", experimentId, protocol.versionId);
  kept = await buildFullClient("Keeper", experimentId, protocol.versionId);
  // The erasable client's own single-case experiment, whose title and amendment name her.
  soleExperimentId = await buildExperiment(owner, protocol.id, {
    title: "Maya Erasable's distal-quad release",
    design: "single-case-ab",
    plannedClients: 1,
  });
  expect((await owner.post(`/api/experiments/${soleExperimentId}/start`)).status).toBe(200);
  const amended = await owner.post(`/api/experiments/${soleExperimentId}/amendments`, {
    field: "rationale",
    value: "Maya Erasable asked to try it before her March race.",
    reason: "Maya Erasable's wish",
  });
  expect(amended.status, amended.text).toBe(201);
  expect((await owner.post(`/api/experiments/${soleExperimentId}/enrolments`, { clientId: erasable })).status).toBeLessThan(300);
  expect((await owner.post(`/api/clients/${erasable}/case-reports`, { experimentId: soleExperimentId })).status).toBe(201);
  keptBefore = await rowsAbout(kept);
});
afterAll(async () => app.close());

describe("client erasure", () => {
  it("refuses therapists, a wrong name and unknown ids, and changes nothing", async () => {
    const therapist = await signedIn(app, (await buildPractitioner(app, practice, "therapist")).email);
    const refused = await therapist.post(`/api/clients/${erasable}/erase`, { confirm: "Maya Erasable" });
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toBe("Your role (therapist) does not allow you to erase a client");
    expect(refused.json.error.action).toBe("client.erase");

    const wrongName = await owner.post(`/api/clients/${erasable}/erase`, { confirm: "Maya Erasabl" });
    expect(wrongName.status).toBe(400);
    expect(wrongName.json.error.fields).toEqual({ confirm: "must be the client's full name, exactly as shown" });
    const missing = await owner.post(`/api/clients/${erasable}/erase`, {});
    expect(missing.json.error.fields).toEqual({ confirm: "must be the client's full name" });

    const unknown = await owner.post("/api/clients/00000000-0000-0000-0000-000000000000/erase", { confirm: "Maya Erasable" });
    expect(unknown.status).toBe(404);
    expect((await owner.get(`/api/clients/${erasable}`)).status).toBe(200);
  });

  it("removes every row about the client and their own raw files, and leaves other clients alone", async () => {
    const before = await rowsAbout(erasable);
    for (const table of [
      "client",
      "activity",
      "training_file",
      "complaint",
      "treatment_session",
      "session_revision",
      "session_finding",
      "client_consent_event",
      "client_injury",
      "client_self_care",
      "checkin",
      "checkin_answer",
      "outbox_message",
      "experiment_enrolment",
      "case_report",
    ]) {
      expect(before[table], table).toBeGreaterThan(0);
    }
    const scope = { practiceId: practice.practiceId };
    expect(await blobs.has(scope, sha256Hex(ownFile))).toBe(true);

    const response = await owner.post(`/api/clients/${erasable}/erase`, { confirm: " Maya Erasable " });
    expect(response.status).toBe(200);
    const removed = response.json.erased.removed as Record<string, number>;
    for (const [table, n] of Object.entries(before)) {
      if (n > 0) expect(removed[table], table).toBe(n);
    }
    expect(removed.blobs).toBe(1);

    const after = await rowsAbout(erasable);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    expect(await blobs.has(scope, sha256Hex(ownFile))).toBe(false);
    // The other client uploaded the same bytes: that file stays.
    expect(await blobs.has(scope, sha256Hex(sharedFile))).toBe(true);
    expect(await rowsAbout(kept)).toEqual(keptBefore);
    expect((await owner.get(`/api/clients/${kept}`)).json.client.lastName).toBe("Keeper");
    expect((await owner.get(`/api/clients/${erasable}`)).status).toBe(404);
    expect((await owner.post(`/api/clients/${erasable}/erase`, { confirm: "Maya Erasable" })).status).toBe(404);
  });

  it("deletes the experiments that enrolled only this client, with their amendments, and keeps shared ones", async () => {
    // Runs after the erasure above.
    expect((await owner.get(`/api/experiments/${soleExperimentId}`)).status).toBe(404);
    expect(await countWhere("experiment", "id", [soleExperimentId])).toBe(0);
    for (const table of ["experiment_amendment", "experiment_enrolment", "case_report"]) {
      expect(await countWhere(table, "experiment_id", [soleExperimentId]), table).toBe(0);
    }
    const shared = await owner.get(`/api/experiments/${sharedExperimentId}`);
    expect(shared.status).toBe(200);
    expect(shared.json.experiment.enrolments.map((e: { clientId: string }) => e.clientId)).toEqual([kept]);
    const list = (await owner.get(`/api/audit?client=${erasable}`)).json.events as {
      action: string;
      outcome: string;
      detail: Record<string, number> | null;
    }[];
    const erase = list.find((e) => e.action === "erase" && e.outcome === "success");
    // Her own experiment and its amendment; her two enrolments and two case reports (episode and experiment).
    expect(erase?.detail).toMatchObject({ experiment: 1, experiment_amendment: 1, experiment_enrolment: 2, case_report: 2 });
    expect(JSON.stringify((await owner.get("/api/experiments")).json)).not.toContain("Erasable");
  });

  it("records the erasure with counts only, and keeps the client's earlier events without a name", async () => {
    const list = (await owner.get(`/api/audit?client=${erasable}`)).json.events as {
      action: string;
      resource: { type: string; id: string };
      client: { id: string; name: string | null };
      detail: Record<string, unknown> | null;
      outcome: string;
    }[];
    const erase = list.find((e) => e.action === "erase" && e.outcome === "success");
    expect(erase).toMatchObject({ resource: { type: "client", id: erasable }, client: { id: erasable, name: null } });
    expect(erase?.detail).toMatchObject({ client: 1, training_file: 2, activity: 2, checkin: 5 });
    expect(list.some((e) => e.action === "read" && e.resource.type === "client")).toBe(true);
    // Refused attempts (403, 400) and the later 404 are not linked to the client; only the erasure is.
    const outcomes = list.filter((e) => e.action === "erase").map((e) => e.outcome);
    expect(outcomes.sort()).toEqual(["success"]);
    expect(JSON.stringify(list)).not.toContain("Erasable");
  });
});
