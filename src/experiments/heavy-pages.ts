/**
 * The pages that read a large part of the practice's record and compute over it (experiment
 * results, patterns). Each job answers the page's JSON body as text, so a worker thread hands it
 * back as one string (app/heavy-reads.ts) and the server's thread only sends it.
 */
import type { Context } from "hono";
import type { AppDeps, AppEnv } from "../platform/context.js";
import type { Database } from "../db/database.js";
import type { ExperimentResults } from "./analysis.js";
import { experimentResults, sharedExperimentResults } from "./results.js";
import { listPatterns } from "./patterns/service.js";
import { fixedClock } from "../shared/clock.js";
import type { PracticeScope } from "../shared/scope.js";
import type { BlobStore } from "../platform/storage/blob-store.js";

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

/** Runs heavy jobs off the server's thread (app/heavy-reads.ts: a pool of worker threads). */
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

/**
 * An experiment's results for another page (a case report): computed in the workers when there
 * are some, else in place.
 */
export async function experimentResultsFor(
  deps: Pick<AppDeps, "database" | "blobs" | "clock">,
  heavyReads: HeavyReads | undefined,
  scope: PracticeScope,
  experimentId: string,
): Promise<ExperimentResults> {
  if (!heavyReads) return experimentResults(deps, scope, experimentId);
  const body = await heavyReads.run({ kind: "experiment-results", experimentId }, scope, deps.clock.now());
  return (JSON.parse(body) as { results: ExperimentResults }).results;
}
