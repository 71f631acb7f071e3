/**
 * WAL checkpoints off the server's thread (SQLite). The server's connection stops checkpointing
 * on its own, apart from a backstop far above what the worker lets the log grow to, and a worker
 * thread (wal-checkpoint.worker.ts) checkpoints every `everyMs` instead, from a couple of seconds
 * after the server starts. Durability is unchanged:
 * with `synchronous=NORMAL` a commit reaches the disk at the next checkpoint, now at most
 * `everyMs` later (docs/DECISIONS.md). If the worker stops, the server checkpoints itself again.
 */
import type { Worker } from "node:worker_threads";
import type { Logger } from "../shared/logger.js";
import { startWorker } from "../shared/workers.js";
import type { Database } from "./database.js";

export interface WalCheckpointData {
  file: string;
  everyMs: number;
}

/** What one checkpoint did: pages in the log and how many of them are now in the database file. */
export interface CheckpointReport {
  busy: boolean;
  logPages: number;
  checkpointedPages: number;
  error?: string;
  /** Answers a `checkpointNow` (the others come from the worker's own timer). */
  requested?: boolean;
}

/** SQLite's own default: a checkpoint by the committing connection once the log holds 1,000 pages. */
export const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1000;
/**
 * While the worker runs, the server's connection checkpoints only past this many pages (~400 MB
 * with 4 KB pages): never in practice, but a log cannot grow without bound if the worker falls behind.
 */
export const BACKSTOP_AUTOCHECKPOINT_PAGES = 100_000;
/** Checkpoint interval: how long a commit can wait to reach the database file. */
export const CHECKPOINT_EVERY_MS = 500;
/** The worker starts once the server has run this long; until then SQLite checkpoints as usual. */
export const START_AFTER_MS = 2000;

export interface WalCheckpointer {
  /** The next report from the worker, after asking it to checkpoint now (tests). */
  checkpointNow(): Promise<CheckpointReport>;
  /** Stops the worker; the server's connection checkpoints on its own again. */
  close(): Promise<void>;
}

/**
 * Starts the checkpoint worker for the SQLite file `file`, open in `database`. Returns undefined
 * for a database that has no write-ahead log to checkpoint (PostgreSQL, in-memory SQLite).
 */
export function checkpointInBackground(
  database: Database,
  file: string,
  logger: Logger,
  options: { everyMs?: number; startAfterMs?: number } = {},
): WalCheckpointer | undefined {
  const setAutocheckpoint = database.setWalAutocheckpoint;
  if (!setAutocheckpoint || file === ":memory:") return undefined;
  const data: WalCheckpointData = { file, everyMs: options.everyMs ?? CHECKPOINT_EVERY_MS };
  const waiting: { resolve: (report: CheckpointReport) => void; reject: (error: Error) => void }[] = [];
  let worker: Worker | undefined;
  let exited: Promise<void> = Promise.resolve();
  let stopping = false;
  let failures = 0;

  const start = (): Worker => {
    const started = startWorker("db/wal-checkpoint.worker.ts", { workerData: data });
    started.on("message", (message: "ready" | CheckpointReport) => {
      if (message === "ready") {
        if (!stopping) setAutocheckpoint(BACKSTOP_AUTOCHECKPOINT_PAGES);
        return;
      }
      if (message.error !== undefined && ++failures % 100 === 1) logger.warn({ err: message.error }, "WAL checkpoint failed");
      if (message.requested) waiting.shift()?.resolve(message);
      if (waiting.length === 0) started.unref();
    });
    exited = new Promise<void>((resolve) =>
      started.once("exit", () => {
        // Whatever the reason, the server's connection takes checkpoints back.
        setAutocheckpoint(SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES);
        if (!stopping) logger.warn("WAL checkpoint worker stopped; the server checkpoints by itself");
        for (const w of waiting.splice(0)) w.reject(new Error("the WAL checkpoint worker has stopped"));
        resolve();
      }),
    );
    started.on("error", (error) => logger.warn({ err: error.message }, "WAL checkpoint worker failed"));
    started.unref();
    return started;
  };
  // A server that runs for a moment only (a test, a one-off command) never needs the thread.
  const delay = setTimeout(() => (worker = start()), options.startAfterMs ?? START_AFTER_MS);
  delay.unref();

  return {
    checkpointNow: () => {
      clearTimeout(delay);
      const running = (worker ??= start());
      return new Promise<CheckpointReport>((resolve, reject) => {
        waiting.push({ resolve, reject });
        // Someone is waiting for an answer: the worker keeps the process alive until it comes.
        running.ref();
        running.postMessage("checkpoint");
      });
    },
    close: async () => {
      clearTimeout(delay);
      if (!stopping) {
        stopping = true;
        worker?.postMessage("stop");
      }
      await exited;
    },
  };
}
