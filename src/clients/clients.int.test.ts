import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, buildClientInput, buildPractice, signedIn, type TestPractice } from "../../test/support/factories.js";
import type { TestBrowser } from "../../test/support/http.js";
import { startTestApp, type TestApp } from "../../test/support/server.js";

let app: TestApp;
let practice: TestPractice;
let browser: TestBrowser;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  practice = await buildPractice(app);
  browser = await signedIn(app, practice.ownerEmail);
});
afterAll(async () => app.close());

describe("clients", () => {
  it("creates a client with the full running profile and reads it back", async () => {
    const input = buildClientInput({
      selfCare: [{ method: "percussion", detail: "Gun on the hip flexor", effect: "worse", notes: "bruised" }],
    });
    const created = await browser.post("/api/clients", input);
    expect(created.status).toBe(201);
    const read = await browser.get(`/api/clients/${created.json.client.id}`);
    expect(read.status).toBe(200);
    const client = read.json.client;
    expect(client).toMatchObject({
      firstName: "Maya",
      lastName: input.lastName,
      email: input.email,
      dateOfBirth: "1989-04-17",
      timeZone: "Europe/London",
      running: { yearsRunning: 6, weeklyKm: 62, goalEvent: { name: "Valencia Marathon", date: "2027-12-05", distanceKm: 42.2 } },
      injuries: [{ description: "Hamstring strain during a fast mile", side: "right", occurredOn: "2023-05", resolved: true }],
      selfCare: [{ method: "percussion", detail: "Gun on the hip flexor", effect: "worse", notes: "bruised" }],
      consents: { checkinMessages: { granted: false, on: null, history: [] } },
      archivedAt: null,
    });
  });

  it("edits fields and replaces the injury list, leaving other fields alone", async () => {
    const id = await buildClient(browser);
    const response = await browser.patch(`/api/clients/${id}`, {
      version: 1,
      phone: "",
      running: { weeklyKm: 70 },
      injuries: [{ description: "Plantar fasciitis", occurredOn: "2025" }, { description: "Calf strain" }],
    });
    expect(response.status).toBe(200);
    const client = response.json.client;
    expect(client.phone).toBeNull();
    expect(client.running.weeklyKm).toBe(70);
    expect(client.running.yearsRunning).toBe(6);
    expect(client.running.goalEvent.name).toBe("Valencia Marathon");
    expect(client.injuries.map((i: { description: string }) => i.description)).toEqual(["Plantar fasciitis", "Calf strain"]);
    expect(client.selfCare).toHaveLength(1);
  });

  it("finds clients by any part of the name or email, ignoring case and accents", async () => {
    const id = await buildClient(browser, { firstName: "Zoë", lastName: "Quarrington", email: "zq.searchable@example.test" });
    for (const q of ["zoe", "QUARR", "zoë quarr", "searchable@"]) {
      const response = await browser.get(`/api/clients?q=${encodeURIComponent(q)}`);
      expect(response.status, q).toBe(200);
      expect(
        response.json.clients.map((c: { id: string }) => c.id),
        q,
      ).toEqual([id]);
    }
    const none = await browser.get(`/api/clients?q=${encodeURIComponent("zoe nobody")}`);
    expect(none.json.clients).toEqual([]);
  });

  it("treats % and _ in a search as plain characters", async () => {
    await buildClient(browser, { lastName: "Percent" });
    const response = await browser.get("/api/clients?q=%25");
    expect(response.json.clients).toEqual([]);
  });

  it("archives a client out of the active list and restores it", async () => {
    const id = await buildClient(browser, { lastName: "Archivable" });
    const archived = await browser.post(`/api/clients/${id}/archive`);
    expect(archived.json.client.archivedAt).toBe("2026-11-28T10:00:00.000Z");
    expect((await browser.get("/api/clients?q=archivable")).json.clients).toEqual([]);
    expect((await browser.get("/api/clients?q=archivable&status=archived")).json.clients).toHaveLength(1);
    expect((await browser.get("/api/clients?q=archivable&status=all")).json.total).toBe(1);
    const restored = await browser.post(`/api/clients/${id}/restore`);
    expect(restored.json.client.archivedAt).toBeNull();
    expect((await browser.get("/api/clients?q=archivable")).json.clients).toHaveLength(1);
  });

  it("keeps every consent given or withdrawn, with its date and who recorded it", async () => {
    const id = await buildClient(browser);
    await browser.put(`/api/clients/${id}/consents/checkin_messages`, { granted: true, on: "2026-10-01" });
    const withdrawn = await browser.put(`/api/clients/${id}/consents/checkin_messages`, { granted: false });
    expect(withdrawn.status).toBe(200);
    const consent = withdrawn.json.client.consents.checkinMessages;
    expect(consent.granted).toBe(false);
    expect(consent.on).toBe("2026-11-28");
    expect(consent.history).toEqual([
      { granted: true, on: "2026-10-01", recordedAt: "2026-11-28T10:00:00.000Z", recordedBy: "Olive Owner" },
      { granted: false, on: "2026-11-28", recordedAt: "2026-11-28T10:00:00.000Z", recordedBy: "Olive Owner" },
    ]);
    expect(withdrawn.json.client.consents.anonymisedCaseReports.granted).toBe(false);
  });

  it("rejects an unknown consent kind as not found", async () => {
    const id = await buildClient(browser);
    const response = await browser.put(`/api/clients/${id}/consents/marketing`, { granted: true });
    expect(response.status).toBe(404);
  });
});

describe("bad client input", () => {
  it("names every invalid field and writes nothing", async () => {
    const before = (await browser.get("/api/clients?status=all")).json.total;
    const response = await browser.post("/api/clients", {
      firstName: "",
      lastName: 42,
      email: "not-an-email",
      dateOfBirth: "1990-02-30",
      running: { weeklyKm: -5, goalEvent: { name: "Race", date: "soon" } },
      injuries: [{ description: "ok" }, { side: "middle" }],
      selfCare: [{ method: "cryotherapy", effect: "helped" }],
    });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe("validation_failed");
    expect(response.json.error.fields).toMatchObject({
      firstName: "is required",
      lastName: "must be text",
      email: "must be an email address",
      dateOfBirth: "is not a real calendar date",
      "running.weeklyKm": "must be at least 0 km",
      "running.goalEvent.date": "must be a date as YYYY-MM-DD",
      "injuries.1.description": "is required",
      "injuries.1.side": "must be left, right or both",
      "selfCare.0.method": "must be one of rolling, stretching, percussion, other",
    });
    expect((await browser.get("/api/clients?status=all")).json.total).toBe(before);
  });

  it("refuses a date of birth in the future or before 1900", async () => {
    const future = await browser.post("/api/clients", { ...buildClientInput(), dateOfBirth: "2031-05-01" });
    expect(future.status).toBe(400);
    expect(future.json.error.fields).toEqual({ dateOfBirth: "must not be in the future" });
    const ancient = await browser.post("/api/clients", { ...buildClientInput(), dateOfBirth: "1850-05-01" });
    expect(ancient.json.error.fields).toEqual({ dateOfBirth: "must be after 1900" });
  });

  it("rejects unknown fields instead of silently dropping them", async () => {
    const response = await browser.post("/api/clients", { ...buildClientInput(), favouriteColour: "blue" });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.json.error)).toContain("favouriteColour");
  });

  it("rejects invalid JSON and non-JSON bodies with a clear message", async () => {
    const invalid = await browser.request("POST", "/api/clients", "{not json", { "content-type": "application/json" });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error).toEqual({ code: "invalid_json", message: "The request body is not valid JSON" });
    const form = await browser.request("POST", "/api/clients", "firstName=A", { "content-type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(400);
    expect(form.json.error.code).toBe("unsupported_media_type");
  });

  it("refuses an oversized body", async () => {
    const response = await browser.post("/api/clients", { ...buildClientInput(), notes: "x".repeat(400_000) });
    expect(response.status).toBe(413);
    expect(response.json.error.code).toBe("payload_too_large");
  });

  it("refuses a duplicate email in the same practice, whatever its case, and leaves the first client alone", async () => {
    const email = "dup.client@example.test";
    const first = await buildClient(browser, { email });
    const response = await browser.post("/api/clients", buildClientInput({ email: "DUP.Client@example.test" }));
    expect(response.status).toBe(409);
    expect(response.json.error.fields).toEqual({ email: "is already used by another client" });
    const other = await buildClient(browser);
    const edit = await browser.patch(`/api/clients/${other}`, { version: 1, email });
    expect(edit.status).toBe(409);
    expect((await browser.get(`/api/clients/${first}`)).json.client.email).toBe(email);
  });

  it("leaves the client unchanged when an edit fails validation part-way", async () => {
    const id = await buildClient(browser);
    const before = (await browser.get(`/api/clients/${id}`)).json.client;
    const response = await browser.patch(`/api/clients/${id}`, { version: 1, firstName: "Changed", injuries: [{ description: "" }] });
    expect(response.status).toBe(400);
    expect((await browser.get(`/api/clients/${id}`)).json.client).toEqual(before);
  });

  it("answers 404 for an unknown id and keeps serving", async () => {
    const response = await browser.get("/api/clients/00000000-0000-0000-0000-000000000000");
    expect(response.status).toBe(404);
    expect(response.json.error.code).toBe("not_found");
    expect((await browser.get("/api/health")).status).toBe(200);
  });

  it("validates list parameters", async () => {
    const response = await browser.get("/api/clients?status=deleted&limit=0");
    expect(response.status).toBe(400);
    expect(Object.keys(response.json.error.fields).sort()).toEqual(["limit", "status"]);
  });
});
