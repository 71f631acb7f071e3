import { describe, expect, it } from "vitest";
import { StampedMemo } from "./stamped-memo.js";

/** A computation the test finishes by hand, counting how often it was started. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function counting<T>(value: (call: number) => T) {
  let calls = 0;
  const compute = () => Promise.resolve(value(++calls));
  return { compute, calls: () => calls };
}

describe("StampedMemo", () => {
  it("reuses the value kept for a key while its stamp is unchanged", async () => {
    const memo = new StampedMemo<{ n: number }>(4);
    const { compute, calls } = counting((n) => ({ n }));
    const first = await memo.get("a", "v1", compute);
    const second = await memo.get("a", "v1", compute);
    expect(second).toBe(first);
    expect(calls()).toBe(1);
  });

  it("computes again when the stamp moves, and keeps the new value in its place", async () => {
    const memo = new StampedMemo<number>(4);
    const { compute, calls } = counting((n) => n);
    expect(await memo.get("a", "v1", compute)).toBe(1);
    expect(await memo.get("a", "v2", compute)).toBe(2);
    expect(await memo.get("a", "v2", compute)).toBe(2);
    expect(memo.size).toBe(1);
    expect(calls()).toBe(2);
  });

  it("keeps values per key", async () => {
    const memo = new StampedMemo<string>(4);
    expect(await memo.get("a", "v1", () => Promise.resolve("for a"))).toBe("for a");
    expect(await memo.get("b", "v1", () => Promise.resolve("for b"))).toBe("for b");
    expect(await memo.get("a", "v1", () => Promise.resolve("again"))).toBe("for a");
  });

  it("drops the least recently used key past its capacity", async () => {
    const memo = new StampedMemo<string>(2);
    await memo.get("a", "s", () => Promise.resolve("a1"));
    await memo.get("b", "s", () => Promise.resolve("b1"));
    // Using "a" makes "b" the least recently used.
    await memo.get("a", "s", () => Promise.resolve("unused"));
    await memo.get("c", "s", () => Promise.resolve("c1"));
    expect(memo.size).toBe(2);
    expect(await memo.get("a", "s", () => Promise.resolve("a2"))).toBe("a1");
    expect(await memo.get("c", "s", () => Promise.resolve("c2"))).toBe("c1");
    expect(await memo.get("b", "s", () => Promise.resolve("b2"))).toBe("b2");
  });

  it("refuses a capacity that is not a positive whole number", () => {
    expect(() => new StampedMemo(0)).toThrow(RangeError);
    expect(() => new StampedMemo(1.5)).toThrow(RangeError);
  });

  it("shares one computation among requests for the same key and stamp that arrive while it runs", async () => {
    const memo = new StampedMemo<{ n: number }>(4);
    const pending = deferred<{ n: number }>();
    let calls = 0;
    const compute = () => {
      calls++;
      return pending.promise;
    };
    const requests = Array.from({ length: 5 }, () => memo.get("a", "v1", compute));
    pending.resolve({ n: 1 });
    const values = await Promise.all(requests);
    expect(calls).toBe(1);
    for (const value of values) expect(value).toBe(values[0]);
  });

  it("does not share a computation across stamps", async () => {
    const memo = new StampedMemo<string>(4);
    const old = deferred<string>();
    const first = memo.get("a", "v1", () => old.promise);
    const second = memo.get("a", "v2", () => Promise.resolve("new"));
    old.resolve("old");
    expect(await first).toBe("old");
    expect(await second).toBe("new");
  });

  it("keeps no failed computation: its caller gets the error and the next caller computes again", async () => {
    const memo = new StampedMemo<string>(4);
    let calls = 0;
    const failing = () => {
      calls++;
      return Promise.reject(new Error("database went away"));
    };
    await expect(memo.get("a", "v1", failing)).rejects.toThrow("database went away");
    expect(memo.size).toBe(0);
    expect(await memo.get("a", "v1", () => Promise.resolve("second try"))).toBe("second try");
    expect(calls).toBe(1);
  });

  it("lets a request that waited for a failed computation compute its own", async () => {
    const memo = new StampedMemo<string>(4);
    const pending = deferred<string>();
    const first = memo.get("a", "v1", () => pending.promise);
    const waiting = memo.get("a", "v1", () => Promise.resolve("its own"));
    pending.reject(new Error("timed out"));
    await expect(first).rejects.toThrow("timed out");
    expect(await waiting).toBe("its own");
    expect(await memo.get("a", "v1", () => Promise.resolve("unused"))).toBe("its own");
  });

  it("computes again for a caller that cannot use the kept or shared value", async () => {
    const memo = new StampedMemo<{ validUntil: number }>(4);
    await memo.get("a", "v1", () => Promise.resolve({ validUntil: 10 }));
    const at = (now: number) => (value: { validUntil: number }) => now < value.validUntil;
    expect(await memo.get("a", "v1", () => Promise.resolve({ validUntil: 99 }), at(5))).toEqual({ validUntil: 10 });
    expect(await memo.get("a", "v1", () => Promise.resolve({ validUntil: 20 }), at(15))).toEqual({ validUntil: 20 });
    // A shared computation that is too old for a later caller: that caller computes its own.
    const pending = deferred<{ validUntil: number }>();
    const early = memo.get("b", "v1", () => pending.promise, at(1));
    const late = memo.get("b", "v1", () => Promise.resolve({ validUntil: 50 }), at(30));
    pending.resolve({ validUntil: 25 });
    expect(await early).toEqual({ validUntil: 25 });
    expect(await late).toEqual({ validUntil: 50 });
  });
});
