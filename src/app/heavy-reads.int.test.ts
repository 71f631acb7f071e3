import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/server.js";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from "../demo/seed.js";
import { DiskBlobStore } from "../platform/storage/blob-store.js";
import { silentLogger } from "../shared/logger.js";
import { AppError } from "../platform/errors.js";
import { runHeavyJob } from "../experiments/heavy-pages.js";
import { startHeavyReads } from "./heavy-reads.js";
import { listPatterns } from "../experiments/patterns/service.js";
import { sharedExperimentResults } from "../experiments/results.js";

// Experiment results and patterns run in a pool of worker threads with their own connections, on
// SQLite and PostgreSQL; the page is the same as computed in place, to the byte, and the server's
// thread stays free for other requests meanwhile.
let app: TestApp;
let practiceId: string;
const now = new Date("2026-11-28T09:00:00Z");
beforeAll(async () => {
  app = await startTestApp({ now });
  ({ practiceId } = await seedDemo(app.db.database, app.clock, new DiskBlobStore(path.join(app.db.dataDir, "blobs")), { training: true }));
}, 120_000);
afterAll(async () => app.close());

describe("heavy read pages", () => {
  it("answer the same through the server as computed in place, for every experiment and patterns", async () => {
    const browser = app.browser();
    await browser.signIn(DEMO_LOGINS[0].email, DEMO_PASSWORD);
    const deps = { database: app.db.database, blobs: new DiskBlobStore(path.join(app.db.dataDir, "blobs")) };
    const experiments = (await browser.get("/api/experiments")).json.experiments as { id: string }[];
    expect(experiments.length).toBeGreaterThan(0);
    for (const { id } of experiments) {
      const served = await browser.get(`/api/experiments/${id}/results`);
      expect(served.status).toBe(200);
      const inPlace = JSON.parse(await runHeavyJob(deps, { kind: "experiment-results", experimentId: id }, { practiceId }, now));
      expect(served.json).toEqual(inPlace);
    }
    const patterns = await browser.get("/api/patterns?weeks=12");
    expect(patterns.json).toEqual(JSON.parse(await runHeavyJob(deps, { kind: "patterns", weeks: 12 }, { practiceId }, now)));
  });

  it("leave the server answering /api/health while they compute", async () => {
    const browser = app.browser();
    await browser.signIn(DEMO_LOGINS[0].email, DEMO_PASSWORD);
    // Every heavy page of the practice at once (patterns over windows not computed before).
    const experiments = (await browser.get("/api/experiments")).json.experiments as { id: string }[];
    const finished: string[] = [];
    const heavy = [...experiments.map((e) => `/api/experiments/${e.id}/results`), "/api/patterns?weeks=8", "/api/patterns?weeks=16"].map(
      (path) =>
        browser.get(path).then((response) => {
          expect(response.status).toBe(200);
          finished.push(path);
        }),
    );
    // Computed on the server's thread, each heavy page would finish before health is even read.
    const health = await fetch(`${app.url}/api/health`);
    expect(health.status).toBe(200);
    const doneBeforeHealth = finished.length;
    await Promise.all(heavy);
    expect(doneBeforeHealth).toBeLessThan(heavy.length);
  });

  it("carry a page's error from the worker as the same answer, and start again after closing", async () => {
    const reads = startHeavyReads({ database: app.db.config, blobsDir: path.join(app.db.dataDir, "blobs") }, silentLogger());
    try {
      const failed = await reads
        .run({ kind: "experiment-results", experimentId: "00000000-0000-0000-0000-000000000000" }, { practiceId }, now)
        .catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(AppError);
      expect((failed as AppError).status).toBe(404);
      // Another practice's experiment is not found either.
      const experiments = await app.db.database.db.selectFrom("experiment").select("id").execute();
      const foreign = await reads
        .run({ kind: "experiment-results", experimentId: experiments[0]!.id }, { practiceId: "another-practice" }, now)
        .catch((error: unknown) => error);
      expect((foreign as AppError).status).toBe(404);
      const body = await reads.run({ kind: "patterns", weeks: 12 }, { practiceId }, now);
      expect(JSON.parse(body)).toHaveProperty("weeks", 12);
    } finally {
      await reads.close();
    }
  });
  it("compute a page once for identical requests that arrive while it is being computed", async () => {
    const deps = { database: app.db.database, clock: app.clock };
    // A window not asked for before: eight requests at once share one computation.
    const views = await Promise.all(Array.from({ length: 8 }, () => listPatterns(deps, { practiceId }, { weeks: 21 })));
    for (const view of views) expect(view).toBe(views[0]);
    const experiment = await app.db.database.db
      .selectFrom("experiment")
      .select("id")
      .where("practice_id", "=", practiceId)
      .executeTakeFirstOrThrow();
    const blobs = new DiskBlobStore(path.join(app.db.dataDir, "blobs"));
    // A change to an enrolled client's records makes the next requests compute again, once.
    const before = await sharedExperimentResults({ ...deps, blobs }, { practiceId }, experiment.id);
    const enrolled = await app.db.database.db
      .selectFrom("experiment_enrolment")
      .select("client_id")
      .where("experiment_id", "=", experiment.id)
      .executeTakeFirstOrThrow();
    await app.db.database.db
      .updateTable("activity")
      .set({ analysed_at: now.toISOString() })
      .where("client_id", "=", enrolled.client_id)
      .execute();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => sharedExperimentResults({ ...deps, blobs }, { practiceId }, experiment.id)),
    );
    expect(results[0]).not.toBe(before);
    for (const result of results) expect(result).toBe(results[0]);
  });
});
