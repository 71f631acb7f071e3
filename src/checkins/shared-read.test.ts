import { describe, expect, it } from "vitest";
import { SharedRead } from "./shared-read.js";

/** A read whose answer the test gives, one read at a time. */
function controlledReads() {
  const pending: ((value: number) => void)[] = [];
  let started = 0;
  const read = () =>
    new Promise<number>((resolve) => {
      started += 1;
      pending.push(resolve);
    });
  return { read, started: () => started, finish: (value: number) => pending.shift()!(value) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("a shared read", () => {
  it("gives callers that arrive while a read runs the next read, which they all share", async () => {
    const reads = controlledReads();
    const shared = new SharedRead(reads.read);
    const first = shared.get();
    const second = shared.get();
    const third = shared.get();
    expect(reads.started()).toBe(1);
    reads.finish(1);
    expect(await first).toBe(1);
    await settle();
    expect(reads.started()).toBe(2);
    reads.finish(2);
    expect(await second).toBe(2);
    expect(await third).toBe(2);
    // Nothing running: a new caller starts its own read.
    const fourth = shared.get();
    expect(reads.started()).toBe(3);
    reads.finish(3);
    expect(await fourth).toBe(3);
  });

  it("hands a failed read's error to its callers only", async () => {
    let calls = 0;
    const shared = new SharedRead(() => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error("busy")) : Promise.resolve(calls);
    });
    const failed = shared.get();
    const next = shared.get();
    await expect(failed).rejects.toThrow("busy");
    expect(await next).toBe(2);
  });
});
