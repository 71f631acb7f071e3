/**
 * Concurrent callers of one read share it, without anyone getting an answer older than their own
 * call: a caller joins the next read to start, never one already running (it may have started
 * before the caller's own write committed). While a read runs, everyone who arrives waits for one
 * more, started when it ends. Eight users asking at once cost two reads, not eight.
 */
export class SharedRead<T> {
  private running = false;
  private next: { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } | undefined;

  constructor(private readonly read: () => Promise<T>) {}

  get(): Promise<T> {
    if (!this.running) return this.start();
    if (!this.next) {
      let resolve!: (value: T) => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      this.next = { promise, resolve, reject };
    }
    return this.next.promise;
  }

  private start(): Promise<T> {
    this.running = true;
    const run = this.read();
    void run
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.running = false;
        const waiting = this.next;
        this.next = undefined;
        if (waiting) this.start().then(waiting.resolve, waiting.reject);
      });
    return run;
  }
}
