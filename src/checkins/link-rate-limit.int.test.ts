import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/server.js";

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
});
afterAll(async () => app.close());

describe("check-in link rate limit", () => {
  it("refuses an address after 60 requests a minute and lets it back in the next minute", async () => {
    const client = app.browser();
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await client.get("/c/unknown-token")).status);
    expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
    const refused = await client.get("/c/unknown-token");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(statuses[60]).toBe(429);
    app.clock.advance(60_000);
    expect((await client.get("/c/unknown-token")).status).toBe(404);
  });

  it("does not limit the practitioner API", async () => {
    for (let i = 0; i < 5; i++) expect((await app.browser().get("/api/health")).status).toBe(200);
  });
});
