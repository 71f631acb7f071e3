import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, buildPractice, buildSession, signedIn } from "../../../test/support/factories.js";
import type { TestBrowser } from "../../../test/support/http.js";
import { startTestApp, type TestApp } from "../../../test/support/server.js";

let app: TestApp;
let owner: TestBrowser;
let other: TestBrowser;

const step = (technique: string, regionCode: string | null, extra: Record<string, unknown> = {}) => ({
  technique,
  regionCode,
  side: regionCode ? "right" : null,
  direction: null,
  minutes: null,
  intensity: null,
  note: null,
  ...extra,
});

async function signedSessionWith(browser: TestBrowser, steps: unknown[]): Promise<string> {
  const clientId = await buildClient(browser);
  const id = await buildSession(browser, clientId, { steps });
  expect((await browser.post(`/api/sessions/${id}/sign`, {})).status).toBe(200);
  app.clock.advance(60_000);
  return id;
}

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  owner = await signedIn(app, (await buildPractice(app)).ownerEmail);
  other = await signedIn(app, (await buildPractice(app)).ownerEmail);
});
afterAll(async () => app.close());

describe("recent steps", () => {
  it("offers each step of the latest signed sessions once, as it was last done, newest first", async () => {
    expect((await owner.get("/api/recent-steps")).json).toEqual({ steps: [] });
    await signedSessionWith(owner, [
      step("cupping", "rectus_femoris_distal", { minutes: 6, note: "Four cups" }),
      step("myofascial_release", "rectus_femoris", { direction: "distal_to_proximal", minutes: 4 }),
    ]);
    await signedSessionWith(owner, [step("cupping", "rectus_femoris_distal", { minutes: 8 }), step("hot_stones", "rectus_femoris_distal")]);
    // A draft is not offered: only what was signed.
    await buildSession(owner, await buildClient(owner), { steps: [step("stretching", "iliopsoas")] });

    const { steps } = (await owner.get("/api/recent-steps")).json as { steps: { technique: string; minutes: number | null; note: null }[] };
    expect(steps).toEqual([
      { ...step("cupping", "rectus_femoris_distal"), minutes: 8 },
      step("hot_stones", "rectus_femoris_distal"),
      { ...step("myofascial_release", "rectus_femoris"), direction: "distal_to_proximal", minutes: 4 },
    ]);
  });

  it("leaves out a note entered in error", async () => {
    const id = await signedSessionWith(owner, [step("ischemic_compression", "iliopsoas")]);
    expect((await owner.get("/api/recent-steps")).json.steps[0].technique).toBe("ischemic_compression");
    const marked = await owner.post(`/api/sessions/${id}/entered-in-error`, { reason: "Wrong client" });
    expect(marked.status).toBe(200);
    const techniques = ((await owner.get("/api/recent-steps")).json.steps as { technique: string }[]).map((s) => s.technique);
    expect(techniques).not.toContain("ischemic_compression");
  });

  it("offers another practice none of them", async () => {
    expect((await other.get("/api/recent-steps")).json).toEqual({ steps: [] });
  });
});
