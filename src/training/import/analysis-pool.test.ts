import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { seededRandom } from "../../demo/random.js";
import { encodeFitActivity } from "../fit/encode.js";
import { synthesiseRun, WORKOUTS } from "../synthetic-run.js";
import { AnalysisPool, bulkAnalyser, inThread, IN_THREAD_FIRST_FILES, WorkerStoppedError, type FileAnalyser } from "./analysis-pool.js";
import { analyseFile } from "./file-analysis.js";

/** A dozen generated runs of different kinds, as FIT files. */
function generatedFiles(): Uint8Array[] {
  const random = seededRandom(3);
  const kinds = [
    () => WORKOUTS.hillRepeats(5),
    () => WORKOUTS.intervals(6),
    () => WORKOUTS.easy(6),
    () => WORKOUTS.downhillTrail(2, 2, 7),
    () => WORKOUTS.long(18),
  ];
  const start = Date.parse("2026-03-02T07:00:00Z");
  return Array.from({ length: 12 }, (_, i) =>
    encodeFitActivity(
      synthesiseRun({ start: start + i * 86_400_000, segments: kinds[i % kinds.length]!(), random, localOffsetMinutes: 0 }),
    ),
  );
}

const pools: FileAnalyser[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

describe("analysis pool", () => {
  it("gives exactly what the same analysis on this thread gives, file by file", async () => {
    const files = generatedFiles();
    const pool = new AnalysisPool(2);
    pools.push(pool);
    const fromPool = await Promise.all(files.map((bytes) => pool.analyse(bytes)));
    const here = files.map((bytes) => analyseFile(bytes));
    expect(fromPool).toEqual(here);
    expect(fromPool.every((result) => result.ok)).toBe(true);
  }, 60_000);

  it("applies a practitioner's sport to the leg it names", async () => {
    const [bytes] = generatedFiles();
    const pool = new AnalysisPool(1);
    pools.push(pool);
    const result = await pool.analyse(bytes!, ["cycling"]);
    expect(result).toEqual(analyseFile(bytes!, ["cycling"]));
    expect(result.ok && result.legs[0]?.facts.sport).toBe("cycling");
    expect(result.ok && result.legs[0]?.records.shape).toEqual({ run: false });
  }, 60_000);

  it("answers a file it cannot read with the reason, and the files around it still come back", async () => {
    const files = generatedFiles().slice(0, 3);
    const pool = new AnalysisPool(2);
    pools.push(pool);
    const broken = new TextEncoder().encode("this is not a training file");
    const [a, bad, b, c] = await Promise.all([files[0]!, broken, files[1]!, files[2]!].map((bytes) => pool.analyse(bytes)));
    expect(bad).toEqual(analyseFile(broken));
    expect(bad?.ok).toBe(false);
    expect([a, b, c].every((result) => result?.ok)).toBe(true);
  }, 60_000);

  it("when a worker stops, fails only the file it was reading and carries on with a new worker", async () => {
    // A stand-in worker that dies on a file starting with 0xFF and answers the others.
    const script = `
      const { parentPort } = require("node:worker_threads");
      parentPort.on("message", (task) => {
        if (task.bytes[0] === 0xff) process.exit(3);
        parentPort.postMessage({ id: task.id, result: { ok: false, reason: "empty", message: "size " + task.bytes.length } });
      });`;
    let started = 0;
    const pool = new AnalysisPool(1, () => {
      started += 1;
      return new Worker(script, { eval: true });
    });
    pools.push(pool);
    const results = await Promise.allSettled([
      pool.analyse(new Uint8Array([1, 2])),
      pool.analyse(new Uint8Array([0xff])),
      pool.analyse(new Uint8Array([1, 2, 3])),
    ]);
    expect(results[0]).toEqual({ status: "fulfilled", value: { ok: false, reason: "empty", message: "size 2" } });
    expect(results[1]?.status).toBe("rejected");
    expect(results[1]?.status === "rejected" && results[1].reason).toBeInstanceOf(WorkerStoppedError);
    expect(results[2]).toEqual({ status: "fulfilled", value: { ok: false, reason: "empty", message: "size 3" } });
    expect(started).toBe(2);
  }, 60_000);

  it("passes on an error in our own code as that file's failure, not the others'", async () => {
    const script = `
      const { parentPort } = require("node:worker_threads");
      parentPort.on("message", (task) => {
        if (task.bytes[0] === 0xee) parentPort.postMessage({ id: task.id, fault: "a bug" });
        else parentPort.postMessage({ id: task.id, result: { ok: false, reason: "empty", message: "fine" } });
      });`;
    const pool = new AnalysisPool(1, () => new Worker(script, { eval: true }));
    pools.push(pool);
    const results = await Promise.allSettled([pool.analyse(new Uint8Array([0xee])), pool.analyse(new Uint8Array([1]))]);
    expect(results[0]?.status === "rejected" && (results[0].reason as Error).message).toBe("a bug");
    expect(results[1]?.status).toBe("fulfilled");
  }, 60_000);

  it("gives up, instead of restarting forever, when workers cannot start at all", async () => {
    const pool = new AnalysisPool(1, () => new Worker(`throw new Error("cannot load")`, { eval: true }));
    pools.push(pool);
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6, 7].map((n) => pool.analyse(new Uint8Array([n]))));
    expect(results.every((r) => r.status === "rejected")).toBe(true);
  }, 60_000);

  it("a bulk job analyses its first files on this thread and starts workers only for more", async () => {
    const files = generatedFiles();
    let poolsStarted = 0;
    const analyser = bulkAnalyser(2, () => {
      poolsStarted += 1;
      const pool = new AnalysisPool(2);
      pools.push(pool);
      return pool;
    });
    pools.push(analyser);
    const first = await Promise.all(files.slice(0, IN_THREAD_FIRST_FILES).map((bytes) => analyser.analyse(bytes)));
    expect(poolsStarted).toBe(0);
    const rest = await Promise.all(files.slice(IN_THREAD_FIRST_FILES).map((bytes) => analyser.analyse(bytes)));
    expect(poolsStarted).toBe(1);
    expect([...first, ...rest]).toEqual(await Promise.all(files.map((bytes) => inThread.analyse(bytes))));
  }, 60_000);
});
