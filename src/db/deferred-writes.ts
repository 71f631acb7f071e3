import type { Db, Tx } from "./database.js";

/** A write that may wait a moment and be lost in a crash: nothing a request answers depends on it. */
export type DeferredWrite = (tx: Tx) => Promise<void>;

/** Writes gathered before a flush; more go into the next one. */
const MAX_BATCH = 256;

/**
 * SQLite: small bookkeeping writes (a link's first opening) made after the request that caused
 * them has answered, gathered in one transaction (one commit for all of them) right after the
 * event loop's current turn. A write waits at most that turn; the requests that arrive later
 * queue behind its transaction on the one connection, so they read it. What is waiting when the
 * process dies is lost (docs/DECISIONS.md); `drain` (closing the database) writes it first. A
 * write given again under the same key before its flush is made once.
 */
export class DeferredWrites {
  private pending = new Map<string, DeferredWrite>();
  private scheduled = false;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly onError: (error: unknown, count: number) => void,
  ) {}

  /** Queues `write` under `key` (kept once until flushed). */
  add(key: string, write: DeferredWrite): void {
    if (!this.pending.has(key)) this.pending.set(key, write);
    if (this.pending.size >= MAX_BATCH) {
      void this.flush();
      return;
    }
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => void this.flush());
    }
  }

  /** Writes what is queued, in one transaction after any flush still running. */
  flush(): Promise<void> {
    this.scheduled = false;
    if (this.pending.size === 0) return this.running;
    const writes = [...this.pending.values()];
    this.pending = new Map();
    this.running = this.running.then(() =>
      this.db
        .transaction()
        .execute(async (tx) => {
          for (const write of writes) await write(tx);
        })
        .catch((error: unknown) => this.onError(error, writes.length)),
    );
    return this.running;
  }

  /** Writes everything queued and waits for it: before the connection closes. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await this.flush();
    await this.running;
  }
}
