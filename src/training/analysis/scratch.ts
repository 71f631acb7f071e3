/**
 * Working buffers reused from one activity to the next, for per-sample arrays that a function
 * fills, reads and drops before it returns (never one it hands back): allocating them afresh for
 * every leg made most of the garbage the analysis leaves, and a collection runs every few dozen
 * megabytes of it. Their contents on loan are whatever the last user left: every user writes
 * what it reads. Each buffer has one user; each grows to the longest activity seen (8 bytes a
 * sample at most) and is kept, per thread.
 */
export class ScratchFloat64 {
  #buffer = new Float64Array(0);

  /** A buffer of exactly `length` elements, contents unspecified. */
  take(length: number): Float64Array {
    if (this.#buffer.length < length) this.#buffer = new Float64Array(Math.max(length, Math.ceil(this.#buffer.length * 1.5)));
    return this.#buffer.subarray(0, length);
  }
}

export class ScratchInt32 {
  #buffer = new Int32Array(0);

  /** A buffer of exactly `length` elements, contents unspecified. */
  take(length: number): Int32Array {
    if (this.#buffer.length < length) this.#buffer = new Int32Array(Math.max(length, Math.ceil(this.#buffer.length * 1.5)));
    return this.#buffer.subarray(0, length);
  }
}

export class ScratchUint8 {
  #buffer = new Uint8Array(0);

  /** A buffer of exactly `length` elements, contents unspecified. */
  take(length: number): Uint8Array {
    if (this.#buffer.length < length) this.#buffer = new Uint8Array(Math.max(length, Math.ceil(this.#buffer.length * 1.5)));
    return this.#buffer.subarray(0, length);
  }
}
