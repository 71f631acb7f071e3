import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, buildPractice, buildPractitioner, buildSession, signedIn, type TestPractice } from "../support/factories.js";
import type { TestBrowser, TestResponse } from "../support/http.js";
import { startTestApp, type TestApp } from "../support/server.js";

/**
 * No lost writes: each scenario sends 50 requests at once through the real server and checks what
 * is stored afterwards. On PostgreSQL the requests really run in parallel (a pool of connections);
 * SQLite serialises writers, so there the same answers must come out of one-at-a-time execution.
 */
const N = 50;

let app: TestApp;
let practice: TestPractice;
let owner: TestBrowser;
let colleague: TestBrowser;

beforeAll(async () => {
  app = await startTestApp({ now: new Date("2026-11-28T10:00:00Z") });
  practice = await buildPractice(app);
  owner = await signedIn(app, practice.ownerEmail);
  colleague = await signedIn(app, (await buildPractitioner(app, practice, "owner")).email);
});
afterAll(async () => app.close());

/** Sends `n` requests at once and waits for every answer. */
async function atOnce(n: number, send: (i: number) => Promise<TestResponse>): Promise<TestResponse[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => send(i)));
}

function statuses(responses: TestResponse[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const r of responses) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

describe("session edits", () => {
  it("applies exactly one of 50 edits based on the same version; the other 49 get 409 with the current version and who changed it", async () => {
    const clientId = await buildClient(owner);
    const sessionId = await buildSession(owner, clientId);
    const opened = (await owner.get(`/api/sessions/${sessionId}`)).json.session;
    expect(opened.version).toBe(1);

    const responses = await atOnce(N, (i) =>
      (i % 2 === 0 ? owner : colleague).patch(`/api/sessions/${sessionId}`, { version: 1, advice: `Advice number ${i}` }),
    );
    expect(statuses(responses)).toEqual({ 200: 1, 409: N - 1 });
    const winner = responses.find((r) => r.status === 200)!;
    const winnerAdvice = winner.json.session.advice as string;
    const winnerName = responses.indexOf(winner) % 2 === 0 ? "Olive Owner" : "Pat owner";
    for (const lost of responses.filter((r) => r.status === 409)) {
      expect(lost.json.error).toMatchObject({
        code: "stale_version",
        current: { version: 2, updatedBy: { name: winnerName } },
        record: { version: 2, advice: winnerAdvice },
      });
      expect(lost.json.error.message).toContain(`changed by ${winnerName} since you opened it`);
    }
    const stored = (await owner.get(`/api/sessions/${sessionId}`)).json.session;
    expect(stored).toMatchObject({ version: 2, advice: winnerAdvice, updatedBy: { name: winnerName } });
    const history = (await owner.get(`/api/sessions/${sessionId}/history`)).json.revisions as { kind: string }[];
    expect(history.map((r) => r.kind)).toEqual(["created", "edited"]);
  });

  it("keeps every edit of 10 editors who each merge and retry after a 409", async () => {
    const clientId = await buildClient(owner);
    const sessionId = await buildSession(owner, clientId, { findings: [] });
    // Each editor adds its own line to the advice: read, change, save; on 409 read theirs and reapply the change.
    const editors = Array.from({ length: 10 }, (_, i) => i);
    await Promise.all(
      editors.map(async (i) => {
        for (;;) {
          const current = (await (i % 2 ? owner : colleague).get(`/api/sessions/${sessionId}`)).json.session;
          const lines = (current.advice ?? "").split("\n").filter(Boolean);
          const response = await (i % 2 ? owner : colleague).patch(`/api/sessions/${sessionId}`, {
            version: current.version,
            advice: [...lines, `line ${i}`].join("\n"),
          });
          if (response.status === 200) return;
          expect(response.status).toBe(409);
        }
      }),
    );
    const stored = (await owner.get(`/api/sessions/${sessionId}`)).json.session;
    expect(
      (stored.advice as string)
        .split("\n")
        .filter((l) => l.startsWith("line "))
        .sort(),
    ).toEqual(editors.map((i) => `line ${i}`).sort());
  });

  it("signs a draft once when 50 signatures arrive together: one 200, 49 × 409, one signed revision", async () => {
    const clientId = await buildClient(owner);
    const sessionId = await buildSession(owner, clientId);
    const responses = await atOnce(N, () => owner.post(`/api/sessions/${sessionId}/sign`, {}));
    expect(statuses(responses)).toEqual({ 200: 1, 409: N - 1 });
    for (const lost of responses.filter((r) => r.status === 409)) expect(lost.json.error.code).toBe("session_signed");
    const history = (await owner.get(`/api/sessions/${sessionId}/history`)).json.revisions as { kind: string }[];
    expect(history.map((r) => r.kind)).toEqual(["created", "signed"]);
  });

  it("numbers 50 concurrent amendments of a signed note 1…50 and keeps each one", async () => {
    const clientId = await buildClient(owner);
    const sessionId = await buildSession(owner, clientId);
    expect((await owner.post(`/api/sessions/${sessionId}/sign`, {})).status).toBe(200);
    const responses = await atOnce(N, (i) =>
      owner.post(`/api/sessions/${sessionId}/amendments`, { reason: `Correction ${i}`, changes: { advice: `Advice ${i}` } }),
    );
    expect(statuses(responses)).toEqual({ 200: N });
    const stored = (await owner.get(`/api/sessions/${sessionId}`)).json.session;
    expect(stored.amendments).toBe(N);
    const history = (await owner.get(`/api/sessions/${sessionId}/history`)).json.revisions as { revision: number; kind: string }[];
    expect(history.map((r) => r.revision)).toEqual(Array.from({ length: N + 2 }, (_, i) => i + 1));
    expect(history.filter((r) => r.kind === "amended")).toHaveLength(N);
  });
});
