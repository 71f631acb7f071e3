/**
 * The pages that read a large part of the practice's record and compute over it (experiment
 * results, patterns). Each job answers the page's JSON body as text, so a worker thread hands it
 * back as one string (app/heavy-reads.ts) and the server's thread only sends it.
 */
import type { Database } from "../db/database.js";
import { sharedExperimentResults } from "../experiments/results.js";
import { listPatterns } from "../experiments/patterns/service.js";
import { fixedClock } from "../shared/clock.js";
import type { PracticeScope } from "../shared/scope.js";
import type { BlobStore } from "../storage/blob-store.js";

export type HeavyJob = { kind: "experiment-results"; experimentId: string } | { kind: "patterns"; weeks: number };

export interface HeavyJobDeps {
  database: Database;
  blobs: BlobStore;
}

/**
 * The JSON body of each kept result (the services keep the last results while their inputs are
 * unchanged and hand back the same object), so a reused result is not written out again: at 200
 * enrolled clients that is most of a megabyte each time.
 */
const bodies = new WeakMap<object, string>();

function bodyOf<T extends object>(value: T, wrap: (value: T) => unknown): string {
  let body = bodies.get(value);
  if (body === undefined) {
    body = JSON.stringify(wrap(value));
    bodies.set(value, body);
  }
  return body;
}

/** Runs one job as of `now` (the request's clock) and returns its JSON body. */
export async function runHeavyJob(deps: HeavyJobDeps, job: HeavyJob, scope: PracticeScope, now: Date): Promise<string> {
  const clocked = { ...deps, clock: fixedClock(now) };
  switch (job.kind) {
    case "experiment-results":
      return bodyOf(await sharedExperimentResults(clocked, scope, job.experimentId), (results) => ({ results }));
    case "patterns":
      return bodyOf(await listPatterns(clocked, scope, { weeks: job.weeks }), (view) => view);
  }
}
