import { Writable } from "node:stream";
import { Hono } from "hono";
import { sql } from "kysely";
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
import { startTestApp, type TestApp } from "../../test/support/server.js";
import type { AppEnv } from "../platform/context.js";
import { ROUTE_ACTIONS } from "../platform/route-policy.js";
import { createLogger } from "../shared/logger.js";
import { auditApiRequests } from "./capture.js";
import { audit } from "./declare.js";
import { AUDITED_ROUTES, UNAUDITED_ROUTES, USER_AGENT_MAX_LENGTH } from "./events.js";

let app: TestApp;
let practice: TestPractice;
let owner: TestBrowser;
const START = new Date("2026-11-28T10:00:00Z");
const LAST_NAME = "Auditprobe";
const FORM = { "content-type": "application/x-www-form-urlencoded" };

interface EventView {
  id: string;
  occurredAt: string;
  actor: { kind: string; id: string | null; name: string | null };
  action: string;
  resource: { type: string; id: string | null };
  client: { id: string; name: string | null } | null;
  ip: string | null;
  userAgent: string | null;
  outcome: string;
  detail: Record<string, unknown> | null;
}

beforeAll(async () => {
  app = await startTestApp({ now: START });
  practice = await buildPractice(app);
  owner = await signedIn(app, practice.ownerEmail);
});
afterAll(async () => app.close());

/** Moves the clock a second on, so events have distinct times and "newest first" is well defined. */
function tick(): void {
  app.clock.advance(1000);
}

async function events(browser: TestBrowser, query = ""): Promise<EventView[]> {
  const response = await browser.get(`/api/audit${query}`);
  expect(response.status).toBe(200);
  return response.json.events as EventView[];
}

async function rawEvents() {
  return app.db.database.db.selectFrom("audit_events").selectAll().execute();
}

describe("audit log", () => {
  it("lists every route of the route policy as audited or deliberately not audited, never both", () => {
    const audited = Object.keys(AUDITED_ROUTES);
    const unaudited = Object.keys(UNAUDITED_ROUTES);
    const policy = Object.keys(ROUTE_ACTIONS);
    expect(policy.filter((r) => !(r in AUDITED_ROUTES) && !(r in UNAUDITED_ROUTES))).toEqual([]);
    expect(audited.filter((r) => r in UNAUDITED_ROUTES)).toEqual([]);
    expect([...audited, ...unaudited].filter((r) => !(r in ROUTE_ACTIONS))).toEqual([]);
    const served = new Set(app.server.routes.map((r) => `${r.method} ${r.path}`));
    expect(policy.filter((r) => !served.has(r))).toEqual([]);
  });

  it("refuses a read whose handler did not declare what it touched, and logs a change that did not", async () => {
    const clientId = await buildClient(owner);
    const logged: string[] = [];
    const logger = createLogger({
      destination: new Writable({
        write(chunk, _encoding, done) {
          logged.push(String(chunk));
          done();
        },
      }),
    });
    // Handlers on audited routes, as a route that forgot its declaration would be written.
    const api = new Hono<AppEnv>();
    api.use("*", async (c, next) => {
      c.set("requestId", "forgetful");
      c.set("actor", { practiceId: practice.practiceId, practitionerId: practice.ownerPractitionerId, userId: "u", role: "owner" });
      await next();
    });
    api.use(
      "/api/*",
      auditApiRequests({ database: app.db.database, clock: app.clock, logger }, () => "127.0.0.1"),
    );
    api.get("/api/clients/:id", (c) => c.json({ client: { id: c.req.param("id"), lastName: LAST_NAME } }));
    api.patch("/api/clients/:id", (c) => c.json({ client: { id: c.req.param("id") } }));
    api.get("/api/sessions/:id", (c) => {
      audit(c, { resourceId: c.req.param("id"), clientId });
      return c.json({ session: { id: c.req.param("id") } });
    });
    const before = (await rawEvents()).length;

    const read = await api.request(`/api/clients/${clientId}`);
    expect(read.status).toBe(500);
    expect(await read.text()).not.toContain(LAST_NAME);
    expect((await api.request(`/api/clients/${clientId}`, { method: "PATCH" })).status).toBe(200);
    const missing = logged.map((line) => JSON.parse(line) as { msg: string; route: string; method: string });
    expect(missing.map((l) => [l.msg.startsWith("audit declaration missing"), l.method, l.route])).toEqual([
      [true, "GET", "/api/clients/:id"],
      [true, "PATCH", "/api/clients/:id"],
    ]);
    // Nothing is recorded that the handler did not say; what it said is recorded as said.
    expect((await rawEvents()).length).toBe(before);
    const sessionId = "11111111-1111-1111-1111-111111111111";
    expect((await api.request(`/api/sessions/${sessionId}`)).status).toBe(200);
    const recorded = (await rawEvents()).slice(before);
    expect(recorded).toMatchObject([{ action: "read", resource_type: "session", resource_id: sessionId, client_id: clientId }]);
  });

  it("records reading and updating a client: who, what, when and from where, without names", async () => {
    const clientId = await buildClient(owner, { lastName: LAST_NAME });
    tick();
    const agent = `Mozilla/5.0 ${"x".repeat(400)}`;
    expect((await owner.get(`/api/clients/${clientId}`, { "user-agent": agent })).status).toBe(200);
    tick();
    expect((await owner.patch(`/api/clients/${clientId}`, { version: 1, notes: "Sore after the long run" })).status).toBe(200);

    const [update, read] = await events(owner, `?client=${clientId}&limit=2`);
    expect(read).toMatchObject({
      occurredAt: "2026-11-28T10:00:01.000Z",
      actor: { kind: "practitioner", id: practice.ownerPractitionerId, name: "Olive Owner" },
      action: "read",
      resource: { type: "client", id: clientId },
      client: { id: clientId, name: `Maya ${LAST_NAME}` },
      ip: "127.0.0.1",
      outcome: "success",
    });
    expect(read?.userAgent).toHaveLength(USER_AGENT_MAX_LENGTH);
    expect(update).toMatchObject({ occurredAt: "2026-11-28T10:00:02.000Z", action: "update", resource: { type: "client", id: clientId } });

    const stored = JSON.stringify(await rawEvents());
    expect(stored).not.toContain(LAST_NAME);
    expect(stored).not.toContain("Sore after the long run");
    expect(stored).not.toContain("Maya");
  });

  it("records the creation of a client and a client's session with the new rows' ids", async () => {
    tick();
    const clientId = await buildClient(owner);
    tick();
    const sessionId = await buildSession(owner, clientId);
    tick();
    expect((await owner.get(`/api/sessions/${sessionId}`)).status).toBe(200);
    const list = await events(owner, `?client=${clientId}`);
    expect(list.map((e) => [e.action, e.resource.type, e.resource.id])).toEqual([
      ["read", "session", sessionId],
      ["create", "session", sessionId],
      ["create", "client", clientId],
    ]);
  });

  it("records a refused request and a foreign id without linking a client", async () => {
    tick();
    const missing = "00000000-0000-0000-0000-000000000000";
    expect((await owner.get(`/api/clients/${missing}`)).status).toBe(404);
    const [event] = await events(owner, "?limit=1");
    expect(event).toMatchObject({ action: "read", resource: { type: "client", id: missing }, client: null, outcome: "not_found" });
  });

  it('stores a route id that is not shaped like one of ours as "invalid", never the text asked for', async () => {
    tick();
    expect((await owner.get(`/api/clients/${encodeURIComponent("jane.doe@example.com")}`)).status).toBe(404);
    tick();
    expect((await owner.get("/api/sessions/Jane%20Doe")).status).toBe(404);
    const [session, client] = await events(owner, "?limit=2");
    expect(client).toMatchObject({ action: "read", resource: { type: "client", id: "invalid" }, client: null, outcome: "not_found" });
    expect(session).toMatchObject({ action: "read", resource: { type: "session", id: "invalid" }, client: null, outcome: "not_found" });
    const stored = JSON.stringify(await rawEvents());
    expect(stored).not.toContain("jane.doe");
    expect(stored).not.toContain("Jane");
  });

  it("links a client only when the request succeeded, not when it was refused", async () => {
    const clientId = await buildClient(owner);
    const therapist = await signedIn(app, (await buildPractitioner(app, practice, "therapist")).email);
    tick();
    expect((await therapist.post(`/api/clients/${clientId}/erase`, { confirm: "Someone" })).status).toBe(403);
    tick();
    expect((await owner.post(`/api/clients/${clientId}/erase`, { confirm: "Not the name" })).status).toBe(400);
    const [rejected, denied] = await events(owner, "?limit=2");
    expect(denied).toMatchObject({ action: "erase", resource: { type: "client", id: clientId }, client: null, outcome: "denied" });
    expect(rejected).toMatchObject({ action: "erase", resource: { type: "client", id: clientId }, client: null, outcome: "rejected" });
    tick();
    expect((await owner.get(`/api/clients/${clientId}`)).status).toBe(200);
    const [read] = await events(owner, "?limit=1");
    expect(read).toMatchObject({
      action: "read",
      resource: { type: "client", id: clientId },
      client: { id: clientId },
      outcome: "success",
    });
  });

  it("records failed sign-ins: a known e-mail in its practice, an unknown one with no practice and no address", async () => {
    tick();
    const wrong = await app.browser().signIn(practice.ownerEmail, "not-the-password-at-all");
    expect(wrong.status).toBe(401);
    const [failure] = await events(owner, "?action=sign_in&limit=1");
    expect(failure).toMatchObject({
      actor: { kind: "practitioner", id: practice.ownerPractitionerId },
      action: "sign_in",
      resource: { type: "session", id: null },
      outcome: "failure",
      ip: "127.0.0.1",
      detail: { method: "password", status: 401 },
    });

    const stranger = "nobody-here@example.test";
    expect((await app.browser().signIn(stranger, "whatever-password-1")).status).toBe(401);
    const orphan = (await rawEvents()).filter((e) => e.practice_id === null);
    expect(orphan).toHaveLength(1);
    expect(orphan[0]).toMatchObject({ actor_kind: "unknown", actor_id: null, action: "sign_in", outcome: "failure" });
    expect(JSON.stringify(await rawEvents())).not.toContain("nobody-here");
  });

  it("records a successful sign-in and a sign-out", async () => {
    const therapist = await buildPractitioner(app, practice, "therapist");
    tick();
    const browser = await signedIn(app, therapist.email);
    tick();
    expect((await browser.signOut()).status).toBe(200);
    const list = await events(owner, `?actor=${therapist.id}`);
    expect(list.map((e) => [e.action, e.outcome])).toEqual([
      ["sign_out", "success"],
      ["sign_in", "success"],
    ]);
    expect(list[1]?.actor).toMatchObject({ kind: "practitioner", id: therapist.id, name: "Pat therapist" });
  });

  it("records a check-in submission as the client's, with the check-in's id and none of the answers", async () => {
    const clientId = await buildClient(owner);
    await giveCheckinConsent(owner, clientId);
    const sessionId = await buildSession(owner, clientId);
    const planId = await buildCheckinPlan(owner);
    const [checkin] = await scheduleCheckins(owner, sessionId, planId);
    if (!checkin) throw new Error("no check-in scheduled");
    tick();
    const path = new URL(checkin.linkUrl).pathname;
    const fields = new URLSearchParams({ "nprs.1": "3", "tightness-nrs.1": "4", "free-text.text": "Hills feel smoother" }).toString();
    expect((await app.browser().request("POST", path, fields, FORM)).status).toBe(200);

    const [submitted] = await events(owner, "?action=submit_checkin");
    expect(submitted).toMatchObject({
      actor: { kind: "client", id: null, name: null },
      resource: { type: "checkin", id: checkin.id },
      client: { id: clientId },
      outcome: "success",
      ip: "127.0.0.1",
      detail: null,
    });
    expect(JSON.stringify(await rawEvents())).not.toContain("Hills feel smoother");
  });

  it("lets the owner filter by action, resource type, client, practitioner and day, and page newest first", async () => {
    const clientId = await buildClient(owner);
    for (let i = 0; i < 5; i += 1) {
      tick();
      await owner.get(`/api/clients/${clientId}/timeline`);
    }
    const timeline = await events(owner, `?resourceType=timeline&client=${clientId}&action=read`);
    expect(timeline).toHaveLength(5);
    const times = timeline.map((e) => e.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);

    const first = await owner.get(`/api/audit?resourceType=timeline&limit=2`);
    expect(first.json.events).toHaveLength(2);
    const second = await owner.get(`/api/audit?resourceType=timeline&limit=2&cursor=${first.json.nextCursor as string}`);
    const third = await owner.get(`/api/audit?resourceType=timeline&limit=2&cursor=${second.json.nextCursor as string}`);
    expect(third.json.nextCursor).toBeNull();
    const paged = [...first.json.events, ...second.json.events, ...third.json.events] as EventView[];
    expect(paged.map((e) => e.id)).toEqual(timeline.map((e) => e.id));

    expect(await events(owner, `?actor=${practice.ownerPractitionerId}&resourceType=timeline`)).toHaveLength(5);
    // 28 Nov 2026 in London is the UTC day; nothing was recorded on the 27th.
    expect(await events(owner, "?from=2026-11-28&to=2026-11-28&resourceType=timeline")).toHaveLength(5);
    expect(await events(owner, "?to=2026-11-27")).toEqual([]);

    const bad = await owner.get("/api/audit?from=28-11-2026&limit=0");
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fields as object).sort()).toEqual(["from", "limit"]);
    const badCursor = await owner.get("/api/audit?cursor=bm9wZQ");
    expect(badCursor.json.error.fields).toEqual({ cursor: "is not a cursor from a previous page" });
  });

  it("refuses the log to therapists and assistants with a clear message", async () => {
    for (const role of ["therapist", "assistant"] as const) {
      const member = await buildPractitioner(app, practice, role);
      const browser = await signedIn(app, member.email);
      const response = await browser.get("/api/audit");
      expect(response.status).toBe(403);
      expect(response.json.error).toEqual({
        code: "forbidden",
        action: "audit.read",
        message: `Your role (${role}) does not allow you to read the audit log`,
      });
    }
  });

  it("never shows one practice's events to another", async () => {
    const other = await buildPractice(app);
    const otherOwner = await signedIn(app, other.ownerEmail);
    const list = await events(otherOwner, "?limit=200");
    expect(list.map((e) => e.actor.id)).toEqual([other.ownerPractitionerId]);
    expect(list[0]?.action).toBe("sign_in");
    const clientFilter = await events(otherOwner, `?actor=${practice.ownerPractitionerId}`);
    expect(clientFilter).toEqual([]);
  });

  it("cannot be updated or deleted, not even with SQL", async () => {
    const db = app.db.database.db;
    const before = await rawEvents();
    expect(before.length).toBeGreaterThan(0);
    await expect(sql`update audit_events set action = 'tampered'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events`.execute(db)).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom("audit_events").where("practice_id", "=", practice.practiceId).execute()).rejects.toThrow(/append-only/);
    expect(await rawEvents()).toEqual(before);
  });
});
