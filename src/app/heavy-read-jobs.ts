/**
 * The pages that read a large part of the practice's record and compute over it (experiment
 * results, patterns). Each job answers the page's JSON body as text, so a worker thread hands it
 * back as one string (app/heavy-reads.ts) and the server's thread only sends it.
 */
import type { Database } from "../db/database.js";
import { experimentResults } from "../experiments/results.js";
import { listPatterns } from "../experiments/patterns/service.js";
import { fixedClock } from "../shared/clock.js";
import type { PracticeScope } from "../shared/scope.js";
import type { BlobStore } from "../storage/blob-store.js";

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
