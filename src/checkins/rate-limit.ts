import type { Clock } from "../shared/clock.js";

/**
 * A fixed-window request counter per key (the client's IP), in memory. Enough for one server:
 * it slows token guessing (hopeless anyway at 256 bits) and form flooding. Several servers would
 * each keep their own count; see docs/DECISIONS.md.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Counts one request for `key`; false when the key is over its limit in the current window. */
  allow(key: string): boolean {
    const now = this.clock.now().getTime();
    const current = this.windows.get(key);
    if (!current || now - current.startedAt >= this.windowMs) {
      if (this.windows.size >= this.maxKeys) this.evictExpired(now);
      this.windows.set(key, { startedAt: now, count: 1 });
      return true;
    }
    current.count += 1;
    return current.count <= this.limit;
  }

  private evictExpired(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= this.windowMs) this.windows.delete(key);
    }
    // Still full: forget the oldest entries rather than grow without bound.
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}
