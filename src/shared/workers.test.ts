import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Worker } from "node:worker_threads";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverBuildOptions, workerEntryPoints } from "../../scripts/build.mjs";
import { findPackageRoot, packageRoot } from "./package-root.js";
import { locateWorker, startWorker } from "./workers.js";

/**
 * A project of its own in a temp folder with one worker entry that imports a sibling module, run
 * the two ways the app runs: from the TypeScript source (tsx inside the worker) and from the
 * bundle that the build's own esbuild options write.
 */
let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "palpable-workers-"));
  fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "fixture", type: "module" }));
  fs.mkdirSync(path.join(root, "src", "jobs"), { recursive: true });
  fs.writeFileSync(path.join(root, "src", "jobs", "double.ts"), "export const double = (n: number): number => n * 2;\n");
  fs.writeFileSync(
    path.join(root, "src", "jobs", "echo.worker.ts"),
    [
      'import { parentPort, workerData } from "node:worker_threads";',
      'import { double } from "./double.js";',
      "const base: number = (workerData as { base: number }).base;",
      'parentPort?.on("message", (n: number) => parentPort?.postMessage({ result: double(n) + base, url: import.meta.url }));',
      "",
    ].join("\n"),
  );
  fs.writeFileSync(path.join(root, "src", "jobs", "broken.worker.ts"), 'import "./missing.js";\n');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function ask(worker: Worker, n: number): Promise<{ result: number; url: string }> {
  return new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.postMessage(n);
  });
}

describe("worker entries", () => {
  it("run from the TypeScript source, with tsx registered inside the worker", async () => {
    const worker = startWorker("jobs/echo.worker.ts", { workerData: { base: 1 } }, locateWorker("jobs/echo.worker.ts", root, true));
    try {
      const reply = await ask(worker, 20);
      expect(reply.result).toBe(41);
      expect(fileURLToPath(reply.url)).toBe(path.join(root, "src", "jobs", "echo.worker.ts"));
    } finally {
      await worker.terminate();
    }
  });

  it("run from the bundle: every *.worker.ts is an entry point where locateWorker looks", async () => {
    expect(workerEntryPoints(root)).toEqual({
      "workers/jobs/broken.worker": "src/jobs/broken.worker.ts",
      "workers/jobs/echo.worker": "src/jobs/echo.worker.ts",
    });
    const options = serverBuildOptions(root);
    await build({ ...options, entryPoints: { "workers/jobs/echo.worker": "src/jobs/echo.worker.ts" }, logLevel: "silent" });
    const location = locateWorker("jobs/echo.worker.ts", root, false);
    expect(fileURLToPath(location.url)).toBe(path.join(root, "dist", "server", "workers", "jobs", "echo.worker.mjs"));
    const worker = startWorker("jobs/echo.worker.ts", { workerData: { base: 2 } }, location);
    try {
      const reply = await ask(worker, 20);
      expect(reply.result).toBe(42);
      expect(reply.url).toBe(location.url.href);
    } finally {
      await worker.terminate();
    }
  });

  it("report a worker that cannot load as the worker's error, from source too", async () => {
    const worker = startWorker("jobs/broken.worker.ts", {}, locateWorker("jobs/broken.worker.ts", root, true));
    const error = await new Promise<Error>((resolve) => worker.once("error", resolve));
    expect(error.message).toMatch(/missing/);
  });

  it("refuse names that are not a worker entry under src/", () => {
    for (const bad of ["../etc/x.worker.ts", "/abs/x.worker.ts", "jobs/x.worker.js", "jobs/x.ts"]) {
      expect(() => locateWorker(bad as "x.worker.ts", root, true)).toThrow(/must be a path under src\/ ending in \.worker\.ts/);
    }
  });
});

describe("packageRoot", () => {
  it("is the folder with package.json above this module, from source as from dist/server/chunks", () => {
    expect(fs.existsSync(path.join(packageRoot(), "package.json"))).toBe(true);
    expect(packageRoot()).toBe(path.resolve(import.meta.dirname, "../.."));
    fs.mkdirSync(path.join(root, "dist", "server", "chunks"), { recursive: true });
    expect(findPackageRoot(path.join(root, "dist", "server", "chunks"))).toBe(root);
  });
});
