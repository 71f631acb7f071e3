/**
 * Heavy read pages off the server's thread. A page that reads and computes over much of the
 * record (experiment results, patterns, the results behind a case report) would stall every other
 * request — `/api/health`, a client's check-in — for its whole computation: better-sqlite3 is
 * synchronous, and on PostgreSQL the statistics (bootstrap, Tau-U, the outcome series) are
 * JavaScript on the same thread. On both databases those pages run in a small pool of worker
 * threads (min(2, cores)), each with its own connection (SQLite: read-only, WAL lets it read
 * committed data while the server writes; PostgreSQL: a small pool of its own); the server's
 * thread only sends the finished JSON. Two workers also let two heavy pages compute at once.
 */
import os from "node:os";
import type { Worker } from "node:worker_threads";
import type { DatabaseConfig } from "../platform/config.js";
import type { Logger } from "../shared/logger.js";
import { startWorker } from "../shared/workers.js";
import { AppError, type FieldErrors } from "../platform/errors.js";
import type { HeavyBody, HeavyJob, HeavyReads } from "../experiments/heavy-pages.js";

export interface HeavyWorkerData {
  /** The server's database; a SQLite file is opened read-only. */
  database: DatabaseConfig;
  blobsDir: string;
}

/** Workers in the pool: two heavy pages at once where there are two cores. */
export const HEAVY_WORKERS = Math.max(1, Math.min(2, os.availableParallelism()));

export interface HeavyRequest {
  id: number;
  job: HeavyJob;
  practiceId: string;
  /** The request's clock, ISO: a running experiment's window ends now. */
  now: string;
  /** Answer the body gzipped. */
  gzip: boolean;
}

export type HeavyResponse =
  | { id: number; body: HeavyBody }
  | {
      id: number;
      error:
        | {
            app: {
              status: number;
              code: string;
              message: string;
              fields?: FieldErrors | undefined;
              extra?: Readonly<Record<string, unknown>> | undefined;
            };
          }
        | { message: string };
    };

interface Waiting {
  resolve: (body: HeavyBody) => void;
  reject: (error: Error) => void;
}

/** One worker of the pool: started on first use and again after it stops; its jobs queue in it. */
class HeavyWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Waiting & { key: string }>();

  constructor(
    private readonly data: HeavyWorkerData,
    private readonly logger: Logger,
  ) {}

  post(request: HeavyRequest, key: string, waiting: Waiting): void {
    this.pending.set(request.id, { ...waiting, key });
    this.ensure().postMessage(request);
  }

  /** Jobs sent and not yet answered. */
  get load(): number {
    return this.pending.size;
  }

  /** Whether this page is being computed (or answered) here now. */
  has(key: string): boolean {
    for (const waiting of this.pending.values()) if (waiting.key === key) return true;
    return false;
  }

  async close(): Promise<void> {
    const current = this.worker;
    this.worker = undefined;
    if (current) await current.terminate();
    this.failAll(new Error("the server is stopping"));
  }

  private failAll(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const started = startWorker("app/heavy-read.worker.ts", { workerData: this.data });
    started.unref();
    started.on("message", (response: HeavyResponse) => {
      const waiting = this.pending.get(response.id);
      if (!waiting) return;
      this.pending.delete(response.id);
      if ("body" in response) waiting.resolve(response.body);
      else if ("app" in response.error) {
        const { status, code, message, fields, extra } = response.error.app;
        waiting.reject(new AppError(status as AppError["status"], code, message, fields, extra));
      } else waiting.reject(new Error(`heavy read failed in the worker: ${response.error.message}`));
    });
    started.on("error", (error) => {
      this.logger.error({ err: error.message }, "heavy-read worker failed");
      if (this.worker === started) this.worker = undefined;
      this.failAll(error);
    });
    started.on("exit", () => {
      if (this.worker === started) this.worker = undefined;
      this.failAll(new Error("the heavy-read worker stopped"));
    });
    this.worker = started;
    return started;
  }
}

/** 32-bit FNV-1a of a text: which worker a page goes to. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * A pool of `size` workers. A page (practice, job and its arguments) goes to the worker already
 * working on it, where identical requests wait for that one computation (the services share a
 * computation under way for the same inputs) and then reuse its result; a cold patterns page of a
 * large practice takes seconds, so it is never computed twice at once. Otherwise it goes to its
 * own worker (by a hash of the page, where its last result is most likely kept) when that one is
 * idle, else to the least busy: a reused result costs only its stamp, so the pool shares the load
 * of many users and a busy worker does not hold up the others' pages.
 */
export function startHeavyReads(data: HeavyWorkerData, logger: Logger, size = HEAVY_WORKERS): HeavyReads {
  const workers = Array.from({ length: size }, () => new HeavyWorker(data, logger));
  let nextId = 1;
  const pick = (key: string): HeavyWorker => {
    const working = workers.find((worker) => worker.has(key));
    if (working) return working;
    const own = workers[hashOf(key) % workers.length]!;
    if (own.load === 0) return own;
    return workers.reduce((best, worker) => (worker.load < best.load ? worker : best), own);
  };
  const runEncoded = (job: HeavyJob, scope: { practiceId: string }, now: Date, gzip: boolean) =>
    new Promise<HeavyBody>((resolve, reject) => {
      const key = `${scope.practiceId}|${JSON.stringify(job)}`;
      pick(key).post({ id: nextId++, job, practiceId: scope.practiceId, now: now.toISOString(), gzip }, key, { resolve, reject });
    });
  return {
    runEncoded,
    async run(job, scope, now) {
      const body = await runEncoded(job, scope, now, false);
      if (!("json" in body)) throw new Error("heavy read answered gzip when asked for JSON");
      return body.json;
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}
