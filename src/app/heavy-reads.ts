/**
 * Heavy read pages off the server's thread. better-sqlite3 is synchronous: a page that reads and
 * computes over much of the record (experiment results, patterns) would stall every other request
 * — `/api/health`, a client's check-in — for its whole duration. On SQLite those pages run in one
 * worker thread with its own read-only connection (WAL: it reads committed data while the server
 * writes); the server's thread only sends the finished JSON. On PostgreSQL queries do not block
 * the thread, and the pages run in place.
 */
import type { Worker } from "node:worker_threads";
import type { Logger } from "../shared/logger.js";
import { startWorker } from "../shared/workers.js";
import { AppError, type FieldErrors } from "../platform/errors.js";
import type { HeavyJob, HeavyReads } from "../experiments/heavy-pages.js";

export interface HeavyWorkerData {
  file: string;
  blobsDir: string;
}

export interface HeavyRequest {
  id: number;
  job: HeavyJob;
  practiceId: string;
  /** The request's clock, ISO: a running experiment's window ends now. */
  now: string;
}

export type HeavyResponse =
  | { id: number; body: string }
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

/** One worker, started on first use and again after it stops; jobs queue in it. */
export function startHeavyReads(data: HeavyWorkerData, logger: Logger): HeavyReads {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve: (body: string) => void; reject: (error: Error) => void }>();

  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };

  const ensure = (): Worker => {
    if (worker) return worker;
    const started = startWorker("app/heavy-read.worker.ts", { workerData: data });
    started.unref();
    started.on("message", (response: HeavyResponse) => {
      const waiting = pending.get(response.id);
      if (!waiting) return;
      pending.delete(response.id);
      if ("body" in response) waiting.resolve(response.body);
      else if ("app" in response.error) {
        const { status, code, message, fields, extra } = response.error.app;
        waiting.reject(new AppError(status as AppError["status"], code, message, fields, extra));
      } else waiting.reject(new Error(`heavy read failed in the worker: ${response.error.message}`));
    });
    started.on("error", (error) => {
      logger.error({ err: error.message }, "heavy-read worker failed");
      if (worker === started) worker = undefined;
      failAll(error);
    });
    started.on("exit", () => {
      if (worker === started) worker = undefined;
      failAll(new Error("the heavy-read worker stopped"));
    });
    worker = started;
    return started;
  };

  return {
    run(job, scope, now) {
      return new Promise<string>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        ensure().postMessage({ id, job, practiceId: scope.practiceId, now: now.toISOString() } satisfies HeavyRequest);
      });
    },
    async close() {
      const current = worker;
      worker = undefined;
      if (current) await current.terminate();
      failAll(new Error("the server is stopping"));
    },
  };
}
