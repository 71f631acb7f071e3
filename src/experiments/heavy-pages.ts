/**
 * The pages that read a large part of the practice's record and compute over it (experiment
 * results, patterns). Each job answers the page's JSON body as text, so a worker thread hands it
 * back as one string (app/heavy-reads.ts) and the server's thread only sends it.
 */
import type { Context } from "hono";
import type { AppDeps, AppEnv } from "../platform/context.js";
import type { Database } from "../db/database.js";
import { experimentResults } from "./results.js";
import { listPatterns } from "./patterns/service.js";
import { fixedClock } from "../shared/clock.js";
import type { PracticeScope } from "../shared/scope.js";
import type { BlobStore } from "../platform/storage/blob-store.js";

export type HeavyJob = { kind: "experiment-results"; experimentId: string } | { kind: "patterns"; weeks: number };

export interface HeavyJobDeps {
  database: Database;
  blobs: BlobStore;
}

/** Runs one job as of `now` (the request's clock) and returns its JSON body. */
export async function runHeavyJob(deps: HeavyJobDeps, job: HeavyJob, scope: PracticeScope, now: Date): Promise<string> {
  const clocked = { ...deps, clock: fixedClock(now) };
  switch (job.kind) {
    case "experiment-results":
      return JSON.stringify({ results: await experimentResults(clocked, scope, job.experimentId) });
    case "patterns":
      return JSON.stringify(await listPatterns(clocked, scope, { weeks: job.weeks }));
  }
}

/** Runs heavy jobs off the server's thread (SQLite: app/heavy-reads.ts starts the worker). */
export interface HeavyReads {
  /** The job's JSON body, computed in the worker; its AppError is thrown here as it was there. */
  run(job: HeavyJob, scope: PracticeScope, now: Date): Promise<string>;
  close(): Promise<void>;
}

/** Answers a heavy page: computed in the worker when there is one, else in place. */
export async function heavyJsonResponse(
  deps: AppDeps,
  heavyReads: HeavyReads | undefined,
  c: Context<AppEnv>,
  job: HeavyJob,
): Promise<Response> {
  const scope = c.get("actor");
  const body = heavyReads
    ? await heavyReads.run(job, scope, deps.clock.now())
    : await runHeavyJob({ database: deps.database, blobs: deps.blobs }, job, scope, deps.clock.now());
  return c.body(body, 200, { "content-type": "application/json" });
}
