/**
 * Values computed from stored records, kept in memory under a key with the stamp of their inputs
 * (a cheap data version the caller reads before the inputs, so a change made during a computation
 * moves it and the next request computes again). A kept value is reused while its stamp is
 * unchanged; past `capacity` keys the least recently used is dropped. Requests for the same key
 * and stamp that arrive while it is being computed wait for that computation rather than
 * computing it again side by side.
 */
export class StampedMemo<T> {
  private readonly kept = new Map<string, { stamp: string; value: T }>();
  /** Computations under way, by key and stamp. */
  private readonly computing = new Map<string, Promise<T>>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  /**
   * The value kept for `key` under `stamp`, else the one being computed for them, else a new
   * `compute()`, kept once it succeeds. `usable` says whether a kept or shared value still suits
   * this caller (results that also depend on the time); one that does not is computed again. A
   * failed computation is not kept: its caller gets the error, and a caller that was waiting for
   * it computes its own.
   */
  async get(key: string, stamp: string, compute: () => Promise<T>, usable: (value: T) => boolean = () => true): Promise<T> {
    const kept = this.kept.get(key);
    if (kept !== undefined && kept.stamp === stamp && usable(kept.value)) {
      this.keep(key, kept);
      return kept.value;
    }
    const flightKey = `${key}|${stamp}`;
    const inFlight = this.computing.get(flightKey);
    if (inFlight) {
      const shared = await inFlight.then(
        (value) => ({ value }),
        () => undefined,
      );
      if (shared !== undefined && usable(shared.value)) return shared.value;
    }
    const computation = compute();
    this.computing.set(flightKey, computation);
    let value: T;
    try {
      value = await computation;
    } finally {
      // A caller that could not use this computation may have started another under the same key.
      if (this.computing.get(flightKey) === computation) this.computing.delete(flightKey);
    }
    this.keep(key, { stamp, value });
    return value;
  }

  /** How many keys hold a value. */
  get size(): number {
    return this.kept.size;
  }

  /** Stores the entry as the most recently used, dropping the least recently used past capacity. */
  private keep(key: string, entry: { stamp: string; value: T }): void {
    this.kept.delete(key);
    this.kept.set(key, entry);
    if (this.kept.size > this.capacity) {
      const oldest = this.kept.keys().next();
      if (!oldest.done) this.kept.delete(oldest.value);
    }
  }
}
