import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPractice, buildProtocol, buildProtocolInput, signedIn } from "../../../test/support/factories.js";
import type { TestBrowser } from "../../../test/support/http.js";
import { startTestApp, type TestApp } from "../../../test/support/server.js";

let app: TestApp;
let browser: TestBrowser;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  browser = await signedIn(app, (await buildPractice(app)).ownerEmail);
});
afterAll(async () => app.close());

describe("protocols", () => {
  it("creates a protocol as version 1, with its steps and who wrote it", async () => {
    const response = await browser.post("/api/protocols", buildProtocolInput());
    expect(response.status).toBe(201);
    const protocol = response.json.protocol;
    expect(protocol.name).toBe("Distal quad release");
    expect(protocol.current).toMatchObject({ version: 1, plannedSessions: 4, spacingDays: 7, createdBy: "Olive Owner" });
    expect(protocol.current.steps[2]).toEqual({
      technique: "myofascial_release",
      regionCode: "rectus_femoris",
      side: "right",
      direction: "distal_to_proximal",
      minutes: 10,
      intensity: null,
      note: null,
    });
    const list = await browser.get("/api/protocols");
    expect(list.json.protocols.map((p: { id: string }) => p.id)).toContain(protocol.id);
  });

  it("writes a new version on PUT and never changes the old one", async () => {
    const { id, versionId } = await buildProtocol(browser);
    const before = (await browser.get(`/api/protocols/${id}`)).json.versions[0];
    const revised = await browser.put(`/api/protocols/${id}`, {
      ...buildProtocolInput({ name: "Distal quad release (longer)", plannedSessions: 6 }),
      version: 1,
    });
    expect(revised.status).toBe(200);
    expect(revised.json.protocol).toMatchObject({ id, name: "Distal quad release (longer)", current: { version: 2, plannedSessions: 6 } });
    expect(revised.json.protocol.current.id).not.toBe(versionId);
    const read = (await browser.get(`/api/protocols/${id}`)).json;
    expect(read.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(read.versions[1]).toEqual(before);
  });

  it("accepts the practice's own technique and refuses another's or an unknown one", async () => {
    const technique = (await browser.post("/api/techniques", { name: "Kinesio taping" })).json.technique;
    const ok = await browser.post("/api/protocols", buildProtocolInput({ steps: [{ technique: technique.code }] }));
    expect(ok.status).toBe(201);
    const unknown = await browser.post(
      "/api/protocols",
      buildProtocolInput({ steps: [{ technique: "cupping" }, { technique: "custom:00000000-0000-0000-0000-000000000000" }] }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.fields).toEqual({ "steps.1.technique": "is not a known technique code" });
  });

  it("refuses bad input and names the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ steps: [] }, "steps"],
      [{ plannedSessions: 0 }, "plannedSessions"],
      [{ spacingDays: 91 }, "spacingDays"],
      [{ steps: [{ technique: "cupping", minutes: 121 }] }, "steps.0.minutes"],
      [{ steps: [{ technique: "cupping", regionCode: "elbow_of_doom" }] }, "steps.0.regionCode"],
      [{ steps: [{ technique: "reiki" }] }, "steps.0.technique"],
      [{ steps: [{ technique: "cupping", direction: "sideways" }] }, "steps.0.direction"],
    ];
    const before = (await browser.get("/api/protocols")).json.protocols.length;
    for (const [override, field] of cases) {
      const response = await browser.post("/api/protocols", buildProtocolInput(override));
      expect(response.status, field).toBe(400);
      expect(Object.keys(response.json.error.fields), field).toEqual([field]);
    }
    expect((await browser.get("/api/protocols")).json.protocols).toHaveLength(before);
  });

  it("answers 404 for an unknown protocol", async () => {
    expect((await browser.get("/api/protocols/nope")).status).toBe(404);
    expect((await browser.put("/api/protocols/nope", { ...buildProtocolInput(), version: 1 })).status).toBe(404);
  });
});
