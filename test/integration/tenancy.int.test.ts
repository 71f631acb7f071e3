import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, buildPractice, buildPractitioner, signedIn, type TestPractice } from "../support/factories.js";
import { buildFitRun } from "../support/runs.js";
import type { TestBrowser } from "../support/http.js";
import { startTestApp, type TestApp } from "../support/server.js";

/**
 * Every API route that takes an id, and how to call it. A route that takes an id and is missing
 * here fails the first test: adding a route means adding it to this table.
 */
interface Ids {
  clientId: string;
  practitionerId: string;
  activityId: string;
}
const OCTETS = { "content-type": "application/octet-stream" };
const ROUTES_WITH_IDS: { method: string; path: string; url: (ids: Ids) => string; body?: unknown; headers?: Record<string, string> }[] = [
  { method: "GET", path: "/api/clients/:id", url: (ids) => `/api/clients/${ids.clientId}` },
  { method: "PATCH", path: "/api/clients/:id", url: (ids) => `/api/clients/${ids.clientId}`, body: { firstName: "Hijacked" } },
  { method: "POST", path: "/api/clients/:id/archive", url: (ids) => `/api/clients/${ids.clientId}/archive`, body: {} },
  { method: "POST", path: "/api/clients/:id/restore", url: (ids) => `/api/clients/${ids.clientId}/restore`, body: {} },
  {
    method: "PUT",
    path: "/api/clients/:id/consents/:kind",
    url: (ids) => `/api/clients/${ids.clientId}/consents/checkin_messages`,
    body: { granted: false },
  },
  { method: "PATCH", path: "/api/team/:id", url: (ids) => `/api/team/${ids.practitionerId}`, body: { role: "assistant" } },
  {
    method: "POST",
    path: "/api/clients/:id/training/uploads",
    url: (ids) => `/api/clients/${ids.clientId}/training/uploads?name=run.fit`,
    body: buildFitRun({ start: "2026-11-02T07:00:00Z", seed: 99 }),
    headers: OCTETS,
  },
  { method: "GET", path: "/api/clients/:id/activities", url: (ids) => `/api/clients/${ids.clientId}/activities` },
  { method: "GET", path: "/api/clients/:id/training/weeks", url: (ids) => `/api/clients/${ids.clientId}/training/weeks` },
  { method: "GET", path: "/api/activities/:id", url: (ids) => `/api/activities/${ids.activityId}` },
];

let app: TestApp;
let first: TestPractice;
let firstOwner: TestBrowser;
let intruder: TestBrowser;
let ids: Ids;
const SECRET_NAME = "Tenancyprobe";

beforeAll(async () => {
  app = await startTestApp();
  first = await buildPractice(app);
  const second = await buildPractice(app);
  firstOwner = await signedIn(app, first.ownerEmail);
  intruder = await signedIn(app, second.ownerEmail);
  const clientId = await buildClient(firstOwner, { lastName: SECRET_NAME });
  const member = await buildPractitioner(app, first, "therapist");
  const upload = await firstOwner.request(
    "POST",
    `/api/clients/${clientId}/training/uploads?name=first.fit`,
    buildFitRun({ start: "2026-11-01T07:00:00Z" }),
    OCTETS,
  );
  ids = { clientId, practitionerId: member.id, activityId: upload.json.results[0].activityId as string };
});
afterAll(async () => app.close());

describe("tenancy", () => {
  it("lists every API route that takes an id", () => {
    const withIds = app.server.routes
      .filter((r) => r.path.startsWith("/api/") && !r.path.startsWith("/api/auth/") && r.path.includes("/:") && r.method !== "ALL")
      .map((r) => `${r.method} ${r.path}`);
    const covered = new Set(ROUTES_WITH_IDS.map((r) => `${r.method} ${r.path}`));
    expect(withIds.filter((r) => !covered.has(r))).toEqual([]);
    expect([...covered].filter((r) => !withIds.includes(r))).toEqual([]);
  });

  it.each(ROUTES_WITH_IDS)("$method $path with another practice's id is 404 and reveals nothing", async (route) => {
    const response = await intruder.request(route.method, route.url(ids), route.body, route.headers);
    expect(response.status).toBe(404);
    expect(response.json.error.code).toBe("not_found");
    expect(response.text).not.toContain(SECRET_NAME);
    const unknown = await intruder.request(
      route.method,
      route.url({ clientId: "00000000-0000-0000-0000-000000000000", practitionerId: "nope", activityId: "nope" }),
      route.body,
      route.headers,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual(response.json);
  });

  it("left the first practice's data untouched", async () => {
    const client = (await firstOwner.get(`/api/clients/${ids.clientId}`)).json.client;
    expect(client.lastName).toBe(SECRET_NAME);
    expect(client.firstName).not.toBe("Hijacked");
    expect(client.archivedAt).toBeNull();
    expect(client.consents.checkinMessages.history).toEqual([]);
    const activities = (await firstOwner.get(`/api/clients/${ids.clientId}/activities`)).json.activities as unknown[];
    expect(activities).toHaveLength(1);
    const team = (await firstOwner.get("/api/team")).json.members as { id: string; role: string }[];
    expect(team.find((m) => m.id === ids.practitionerId)?.role).toBe("therapist");
  });

  it("never lists or finds another practice's clients or practitioners", async () => {
    const clients = await intruder.get(`/api/clients?status=all&q=${SECRET_NAME}`);
    expect(clients.json).toEqual({ clients: [], total: 0 });
    const team = await intruder.get("/api/team");
    expect(team.text).not.toContain(first.ownerEmail);
  });
});
