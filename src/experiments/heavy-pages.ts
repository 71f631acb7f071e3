/**
 * The pages that read a large part of the practice's record and compute over it (experiment
 * results, the eligibility of every active client, a page at a time, patterns). Each job answers the page's JSON body as text, or that text gzipped for a
 * client that takes gzip, so a worker thread hands it back whole (app/heavy-reads.ts) and the
 * server's thread only sends it.
 */
import { gzipSync } from "node:zlib";
import type { Context } from "hono";
import type { AppDeps, AppEnv } from "../platform/context.js";
import type { Database } from "../db/database.js";
import type { ExperimentResults } from "./analysis.js";
import { experimentResults, sharedExperimentResults } from "./results.js";
import { listPatterns } from "./patterns/service.js";
import { eligibilityPage } from "./eligibility-list.js";
import type { EligibilityQuery } from "./schema.js";
import { DEFAULT_WINDOW_WEEKS } from "./patterns/rules.js";
import { fixedClock } from "../shared/clock.js";
import type { PracticeScope } from "../shared/scope.js";
import type { BlobStore } from "../platform/storage/blob-store.js";
import { acceptsEncoding } from "../platform/compression.js";

export type HeavyJob =
  | { kind: "experiment-results"; experimentId: string }
  | { kind: "experiment-eligibility"; experimentId: string; query: EligibilityQuery }
  | { kind: "patterns"; weeks: number };

export interface HeavyJobDeps {
  database: Database;
  blobs: BlobStore;
}

/**
 * The JSON body of each kept result (the services keep the last results while their inputs are
 * unchanged and hand back the same object), so a reused result is not written out again: at 200
 * enrolled clients that is most of a megabyte each time. Its gzip is made once too, the first
 * time a client that takes gzip asks, so the server's thread sends the compressed bytes as they are.
 */
interface Body {
  json: string;
  gzip?: Uint8Array<ArrayBuffer>;
}
const bodies = new WeakMap<object, Body>();

function bodyOf<T extends object>(value: T, wrap: (value: T) => unknown): Body {
  let body = bodies.get(value);
  if (body === undefined) {
    body = { json: JSON.stringify(wrap(value)) };
    bodies.set(value, body);
  }
  return body;
}

/** A heavy page's body: the JSON text, or its gzip for a client that takes gzip. */
export type HeavyBody = { json: string } | { gzip: Uint8Array<ArrayBuffer> };

async function jobBody(deps: HeavyJobDeps, job: HeavyJob, scope: PracticeScope, now: Date): Promise<Body> {
  const clocked = { ...deps, clock: fixedClock(now) };
  switch (job.kind) {
    case "experiment-results":
      return bodyOf(await sharedExperimentResults(clocked, scope, job.experimentId), (results) => ({ results }));
    case "experiment-eligibility":
      // A page of the kept list: small, and new for each request.
      return { json: JSON.stringify(await eligibilityPage(clocked, scope, job.experimentId, job.query)) };
    case "patterns":
      return bodyOf(await listPatterns(clocked, scope, { weeks: job.weeks }), (view) => view);
  }
}

/** Runs one job as of `now` (the request's clock) and returns its JSON body. */
export async function runHeavyJob(deps: HeavyJobDeps, job: HeavyJob, scope: PracticeScope, now: Date): Promise<string> {
  return (await jobBody(deps, job, scope, now)).json;
}

/** Runs one job as of `now` and returns its body, gzipped when asked (made once per kept result). */
export async function runHeavyJobEncoded(
  deps: HeavyJobDeps,
  job: HeavyJob,
  scope: PracticeScope,
  now: Date,
  gzip: boolean,
): Promise<HeavyBody> {
  const body = await jobBody(deps, job, scope, now);
  if (!gzip) return { json: body.json };
  body.gzip ??= gzipSync(body.json);
  return { gzip: body.gzip };
}

/** Runs heavy jobs off the server's thread (app/heavy-reads.ts: a pool of worker threads). */
export interface HeavyReads {
  /** The job's JSON body, computed in the worker; its AppError is thrown here as it was there. */
  run(job: HeavyJob, scope: PracticeScope, now: Date): Promise<string>;
  /** The same, gzipped in the worker when `gzip` (a reused result's gzip is made once). */
  runEncoded(job: HeavyJob, scope: PracticeScope, now: Date, gzip: boolean): Promise<HeavyBody>;
  close(): Promise<void>;
}

/** Answers a heavy page: computed in the worker when there is one, else in place; sent gzipped when the client takes it. */
export async function heavyJsonResponse(
  deps: AppDeps,
  heavyReads: HeavyReads | undefined,
  c: Context<AppEnv>,
  job: HeavyJob,
): Promise<Response> {
  const scope = c.get("actor");
  const gzip = acceptsEncoding(c.req.header("Accept-Encoding"), "gzip");
  const body = heavyReads
    ? await heavyReads.runEncoded(job, scope, deps.clock.now(), gzip)
    : await runHeavyJobEncoded({ database: deps.database, blobs: deps.blobs }, job, scope, deps.clock.now(), gzip);
  c.header("Vary", "Accept-Encoding", { append: true });
  if ("json" in body) return c.body(body.json, 200, { "content-type": "application/json" });
  // Already compressed: the compression middleware leaves a body with a Content-Encoding alone.
  return c.body(body.gzip, 200, {
    "content-type": "application/json",
    "content-encoding": "gzip",
    "content-length": String(body.gzip.byteLength),
  });
}

/**
 * Computes each practice's patterns page (its default window) once in the background, so the
 * first person to open it after a start does not wait for a cold computation (seconds on a large
 * practice). One practice at a time, at most `limit`; a failure only means that page computes on
 * first use, as it would have.
 */
export async function warmHeavyPages(database: Database, heavyReads: HeavyReads, clock: { now(): Date }, limit = 20): Promise<void> {
  const practices = await database.db.selectFrom("practice").select("id").orderBy("id").limit(limit).execute();
  for (const { id } of practices) {
    await heavyReads.run({ kind: "patterns", weeks: DEFAULT_WINDOW_WEEKS }, { practiceId: id }, clock.now()).catch(() => undefined);
  }
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
