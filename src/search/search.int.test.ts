import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildClient,
  buildComplaint,
  buildPractice,
  buildPractitioner,
  buildProtocol,
  buildSession,
  signedIn,
  type TestPractice,
} from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { rebuildSearchIndex } from "./indexer.js";

/** GET /api/search over SQLite FTS5 or PostgreSQL full-text search, whichever the test database is. */

let app: TestApp;
let practice: TestPractice;
let browser: TestBrowser;
let other: TestBrowser;

interface Result {
  kind: string;
  id: string;
  href: string;
  title: string;
  client: { id: string; name: string; archived: boolean } | null;
  excerpt: string;
  enteredInError: boolean;
}

async function find(as: TestBrowser, q: string): Promise<Result[]> {
  const response = await as.get(`/api/search?q=${encodeURIComponent(q)}`);
  expect(response.status, response.text).toBe(200);
  return response.json.results as Result[];
}

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  practice = await buildPractice(app);
  browser = await signedIn(app, practice.ownerEmail);
  other = await signedIn(app, (await buildPractice(app)).ownerEmail);
});
afterAll(async () => app.close());

describe("search", () => {
  let clientId: string;
  let sessionId: string;
  let complaintId: string;
  let protocolId: string;

  beforeAll(async () => {
    clientId = await buildClient(browser, { firstName: "Ingrid", lastName: "Sjöberg" });
    complaintId = await buildComplaint(browser, clientId, { title: "Tight right hip flexor", triggers: ["hill sprint"] });
    sessionId = await buildSession(browser, clientId, {
      soap: { s: "Hip flexor tight after hill repeats on Saturday", o: null, a: "Quad fascia restricting hip extension", p: null },
    });
    protocolId = (await buildProtocol(browser, { name: "Distal quad release" })).id;
  });

  it("finds clients, complaints, findings, SOAP text and protocols, each linking to its record", async () => {
    const byName = await find(browser, "sjoberg");
    expect(byName.find((r) => r.kind === "client")).toMatchObject({ id: clientId, href: `/clients/${clientId}`, title: "Ingrid Sjöberg" });

    const byFinding = await find(browser, "rectus femoris distal");
    expect(byFinding.find((r) => r.kind === "session")).toMatchObject({
      id: sessionId,
      href: `/clients/${clientId}/sessions/${sessionId}`,
      title: "Right rectus femoris, distal third",
      client: { id: clientId, name: "Ingrid Sjöberg", archived: false },
      enteredInError: false,
    });

    // English stemming on both databases: "repeat" finds "repeats", "sprints" finds "sprint".
    expect((await find(browser, "hill repeat")).map((r) => r.id)).toContain(sessionId);
    const complaint = (await find(browser, "sprints")).find((r) => r.kind === "complaint");
    expect(complaint).toMatchObject({ id: complaintId, href: `/clients/${clientId}/timeline`, title: "Tight right hip flexor" });

    const protocol = (await find(browser, "cupping")).find((r) => r.kind === "protocol");
    expect(protocol).toMatchObject({ id: protocolId, href: `/protocols?id=${protocolId}`, title: "Distal quad release", client: null });

    // The client's name finds their notes too; a phrase and an exclusion narrow them.
    expect((await find(browser, "ingrid fascia")).map((r) => r.id)).toEqual([sessionId]);
    expect((await find(browser, '"hip extension"')).map((r) => r.id)).toEqual([sessionId]);
    expect((await find(browser, "hip -fascia")).map((r) => r.id)).not.toContain(sessionId);
    const excerpt = (await find(browser, "fascia"))[0]?.excerpt ?? "";
    expect(excerpt).toContain("Quad fascia restricting hip extension");
  });

  it("finds a word by its start as it is typed: the last word, in this practice only", async () => {
    const client = await buildClient(browser, { firstName: "Pia", lastName: "Okonkwo" });
    const strain = await buildComplaint(browser, client, { title: "Left hamstring strain", regions: ["hamstrings"], side: "left" });
    const session = await buildSession(browser, client, {
      findings: [],
      steps: [{ technique: "cupping", regionCode: null, side: null, direction: null, minutes: 6, intensity: null, note: null }],
      soap: { s: "Running easy again", o: null, a: null, p: null },
    });
    expect((await find(browser, "hams")).map((r) => r.id)).toContain(strain);
    // The index keeps "cupping" as the stem "cup": "cupp" finds it through its shorter stem.
    expect((await find(browser, "cupp")).map((r) => r.id)).toEqual(expect.arrayContaining([session, protocolId]));
    expect((await find(browser, "okonkwo cupp")).map((r) => r.id)).toEqual([session]);
    expect((await find(browser, "pia runn")).map((r) => r.id)).toEqual([session]);
    expect((await find(browser, "Left hamstr")).find((r) => r.kind === "complaint")).toMatchObject({
      id: strain,
      title: "Left hamstring strain",
    });
    // Only the last word: an earlier one is a whole word.
    expect(await find(browser, "hams strain okonkw -pia")).toEqual([]);
    expect(await find(other, "hams")).toEqual([]);
    expect(await find(other, "okonk")).toEqual([]);
  });

  it("follows edits: a changed complaint is found by its new words, not its old ones", async () => {
    const current = await browser.get(`/api/clients/${clientId}/complaints`);
    const version = (current.json.complaints as { id: string; version: number }[]).find((c) => c.id === complaintId)?.version;
    const edited = await browser.patch(`/api/complaints/${complaintId}`, { version, title: "Achilles niggle" });
    expect(edited.status).toBe(200);
    expect((await find(browser, "achilles")).map((r) => r.id)).toContain(complaintId);
    expect((await find(browser, "tight")).map((r) => r.id)).not.toContain(complaintId);
  });

  it("never finds another practice's records", async () => {
    const foreign = await buildClient(other, { firstName: "Quillon", lastName: "Farthingale" });
    await buildSession(other, foreign, { soap: { s: "Zygomatic quillwort discomfort", o: null, a: null, p: null } });
    expect(await find(browser, "quillon")).toEqual([]);
    expect(await find(browser, "quillwort")).toEqual([]);
    expect((await find(other, "quillwort")).map((r) => r.kind)).toEqual(["session"]);
    expect((await find(other, "distal quad release")).filter((r) => r.kind === "protocol")).toEqual([]);
  });

  it("lists a note entered in error last, marked, and finds nothing of an erased client", async () => {
    const client = await buildClient(browser, { firstName: "Odile", lastName: "Marchetti" });
    const kept = await buildSession(browser, client, { soap: { s: "Peroneal ache after trail race", o: null, a: null, p: null } });
    const wrong = await buildSession(browser, client, { soap: { s: "Peroneal ache, wrong client", o: null, a: null, p: null } });
    await browser.post(`/api/sessions/${wrong}/sign`);
    expect((await browser.post(`/api/sessions/${wrong}/entered-in-error`, { reason: "Wrong client" })).status).toBe(200);
    const results = (await find(browser, "peroneal")).filter((r) => r.kind === "session");
    expect(results.map((r) => [r.id, r.enteredInError])).toEqual([
      [kept, false],
      [wrong, true],
    ]);

    const erased = await browser.post(`/api/clients/${client}/erase`, { confirm: "Odile Marchetti" });
    expect(erased.status).toBe(200);
    expect(await find(browser, "peroneal")).toEqual([]);
    expect(await find(browser, "marchetti")).toEqual([]);
  });

  it("shows an assistant without clinical notes clients only", async () => {
    const assistant = await signedIn(app, (await buildPractitioner(app, practice, "assistant")).email);
    const response = await assistant.get(`/api/search?q=${encodeURIComponent("ingrid")}`);
    expect(response.json.clinical).toBe(false);
    expect((response.json.results as Result[]).map((r) => r.kind)).toEqual(["client"]);
  });

  it("builds the index for records written before it existed", async () => {
    await app.db.database.db.deleteFrom("search_document").where("practice_id", "=", practice.practiceId).execute();
    expect(await find(browser, "fascia")).toEqual([]);
    await rebuildSearchIndex(app.db.database.db);
    expect((await find(browser, "fascia")).map((r) => r.id)).toEqual([sessionId]);
    expect((await find(browser, "cupping")).map((r) => r.id)).toContain(protocolId);
  });

  it("says what is wrong with a bad search, and treats search syntax as text", async () => {
    const empty = await browser.get("/api/search?q=%20");
    expect(empty.status).toBe(400);
    expect(empty.json.error.fields.q).toMatch(/type what to look for/);
    const long = await browser.get(`/api/search?q=${"a".repeat(201)}`);
    expect(long.status).toBe(400);
    for (const odd of ["NEAR(hip flexor)", "col:hip", "*", '"', "-", "hip OR", "( ) AND NOT"]) {
      expect((await browser.get(`/api/search?q=${encodeURIComponent(odd)}`)).status, odd).toBe(200);
    }
  });
});
