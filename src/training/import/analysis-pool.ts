import os from "node:os";
import type { Worker } from "node:worker_threads";
import { startWorker } from "../../shared/workers.js";
import type { Sport } from "../activity.js";
import { analyseFile, type FileAnalysis } from "./file-analysis.js";

/** A file sent to a worker: its bytes (copied across) and any practitioner's sport per leg. */
export interface PoolTask {
  id: number;
  bytes: Uint8Array;
  sports: (Sport | null)[];
}

/** A worker's answer: the analysis, or the message of an error in our own code. */
export type PoolReply = { id: number; result: FileAnalysis } | { id: number; fault: string };

/** Reads and analyses files: on worker threads (AnalysisPool) or on the calling thread (inThread). */
export interface FileAnalyser {
  analyse(bytes: Uint8Array, sports?: (Sport | null)[]): Promise<FileAnalysis>;
  close(): Promise<void>;
}

/** The same work on the calling thread: single files, tests, and a machine with one core. */
export const inThread: FileAnalyser = {
  analyse: (bytes, sports) => new Promise((resolve) => resolve(analyseFile(bytes, sports))),
  close: () => Promise.resolve(),
};

/** At most this many workers, however many cores: each holds a few tens of MB. */
const MAX_WORKERS = 8;

const MAX_STOPS_IN_A_ROW = 3;

/**
 * A small young generation: a file's columns are garbage within milliseconds, and V8's default
 * (up to 48 MB a thread) only makes each worker's resident memory larger.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

/**
 * One worker per core the process may use (os.availableParallelism(), at most MAX_WORKERS): the
 * main thread's share (unzipping, hashing, database writes) overlaps with their analysis, and on
 * this work more workers than cores only add memory.
 */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(MAX_WORKERS, os.availableParallelism()));
}

/** The worker thread that was analysing a file stopped (out of memory, or killed): the file is not analysed. */
export class WorkerStoppedError extends Error {
  override readonly name = "WorkerStoppedError";
}

interface Pending {
  task: PoolTask;
  resolve: (analysis: FileAnalysis) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
}

/**
 * A fixed set of worker threads that parse, summarise and classify files (file-analysis.ts).
 * Tasks queue in order and go to the first idle worker; answers come back as promises, so the
 * caller decides the order it uses them in. A worker that stops is replaced, and only the file
 * it was reading fails (WorkerStoppedError); an error thrown by our code fails that file's
 * promise with its message. `close()` ends the workers once the queue is empty.
 */
export class AnalysisPool implements FileAnalyser {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closed = false;
  /** Workers that stopped since the last answer: past a few, the workers cannot start at all. */
  private stoppedInARow = 0;

  constructor(
    readonly size = defaultPoolSize(),
    private readonly start: () => Worker = () => startWorker("training/import/analysis.worker.ts", { resourceLimits: WORKER_LIMITS }),
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  analyse(bytes: Uint8Array, sports: (Sport | null)[] = []): Promise<FileAnalysis> {
    if (this.closed) return Promise.reject(new Error("the analysis pool is closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ task: { id: this.nextId++, bytes, sports }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error("the analysis pool is closed"));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const slot: Slot = { worker: this.start(), busy: null };
    slot.worker.on("message", (reply: PoolReply) => {
      const pending = slot.busy;
      if (!pending || pending.task.id !== reply.id) return;
      slot.busy = null;
      this.stoppedInARow = 0;
      if ("fault" in reply) pending.reject(new Error(reply.fault));
      else pending.resolve(reply.result);
      this.dispatch();
    });
    const replace = (error: Error) => {
      const index = this.slots.indexOf(slot);
      if (index < 0) return;
      const pending = slot.busy;
      slot.busy = null;
      if (this.closed) return;
      pending?.reject(new WorkerStoppedError(`reading it stopped unexpectedly (${error.message})`));
      this.stoppedInARow += 1;
      if (this.stoppedInARow > MAX_STOPS_IN_A_ROW + this.size) {
        // Not one file's doing: a worker that cannot even start. Fail what waits instead of looping.
        this.slots.splice(index, 1);
        if (this.slots.length === 0) {
          this.closed = true;
          for (const waiting of this.queue.splice(0)) waiting.reject(new Error(`the analysis workers cannot start: ${error.message}`));
        }
        return;
      }
      this.slots[index] = this.spawn();
      this.dispatch();
    };
    slot.worker.on("error", (error) => replace(error));
    slot.worker.on("exit", (code) => replace(new Error(`the reader exited with code ${code}`)));
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.busy || this.queue.length === 0) continue;
      const pending = this.queue.shift();
      if (!pending) return;
      slot.busy = pending;
      slot.worker.postMessage(pending.task);
    }
  }
}

/** Files analysed on the calling thread before a bulk job starts its pool: small zips never pay for workers. */
export const IN_THREAD_FIRST_FILES = 4;

/**
 * The analyser for a bulk job (a zip, `palpable reprocess`): the first IN_THREAD_FIRST_FILES files
 * on the calling thread, then a pool of `size` workers, started only if more files come. With a
 * size of 1 (one core) everything stays on the calling thread.
 */
export function bulkAnalyser(size = defaultPoolSize(), startPool: () => FileAnalyser = () => new AnalysisPool(size)): FileAnalyser {
  let seen = 0;
  let pool: FileAnalyser | null = null;
  return {
    analyse(bytes, sports) {
      seen += 1;
      if (size <= 1 || seen <= IN_THREAD_FIRST_FILES) return inThread.analyse(bytes, sports);
      pool ??= startPool();
      return pool.analyse(bytes, sports);
    },
    close: () => pool?.close() ?? Promise.resolve(),
  };
}
