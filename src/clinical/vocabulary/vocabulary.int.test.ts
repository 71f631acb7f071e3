import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPractice, signedIn } from "../../../test/support/factories.js";
import type { TestBrowser } from "../../../test/support/http.js";
import { startTestApp, type TestApp } from "../../../test/support/server.js";

let app: TestApp;
let browser: TestBrowser;
let other: TestBrowser;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  browser = await signedIn(app, (await buildPractice(app)).ownerEmail);
  other = await signedIn(app, (await buildPractice(app)).ownerEmail);
});
afterAll(async () => app.close());

describe("vocabulary", () => {
  it("serves the versioned vocabulary: regions with parents and views, techniques, grades", async () => {
    const response = await browser.get("/api/vocabulary");
    expect(response.status).toBe(200);
    const vocabulary = response.json;
    expect(vocabulary.version).toBe("2026.11");
    expect(vocabulary.regions).toContainEqual(
      expect.objectContaining({ code: "rectus_femoris_distal", parent: "rectus_femoris", view: "front", sided: true }),
    );
    expect(vocabulary.grades).toEqual(["none", "mild", "moderate", "marked"]);
    expect(vocabulary.techniques.map((t: { code: string }) => t.code)).toContain("ischemic_compression");
    expect(vocabulary.qualities.map((q: { code: string }) => q.code)).toEqual([
      "tension",
      "tenderness",
      "texture",
      "adhesion",
      "temperature",
    ]);
    expect(vocabulary.triggerSuggestions).toContain("hill sprint");
  });

  it("adds a practice's own technique, refuses a duplicate name, and keeps it to that practice", async () => {
    const created = await browser.post("/api/techniques", { name: "Instrument-assisted scraping" });
    expect(created.status).toBe(201);
    expect(created.json.technique).toMatchObject({ name: "Instrument-assisted scraping", custom: true });
    expect(created.json.technique.code).toMatch(/^custom:[0-9a-f-]{36}$/);
    const duplicate = await browser.post("/api/techniques", { name: "instrument-assisted SCRAPING" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error.fields).toHaveProperty("name");
    expect((await browser.post("/api/techniques", { name: "Cupping" })).status).toBe(409);
    const mine = (await browser.get("/api/vocabulary")).json.techniques;
    expect(mine).toContainEqual(created.json.technique);
    const theirs = (await other.get("/api/vocabulary")).json.techniques;
    expect(theirs.some((t: { custom: boolean }) => t.custom)).toBe(false);
  });

  it("refuses a technique without a name", async () => {
    const response = await browser.post("/api/techniques", { name: " " });
    expect(response.status).toBe(400);
    expect(response.json.error.fields).toHaveProperty("name");
  });
});
