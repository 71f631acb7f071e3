import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";
import { packageRoot } from "./package-root.js";

/**
 * A worker-thread entry: a file under src/ whose name ends in `.worker.ts`, given relative to
 * src/ (e.g. "training/import/analysis.worker.ts"). `npm run build` makes every such file an
 * entry point of its own, dist/server/workers/<same path>.mjs, so the name is all a caller needs.
 */
export type WorkerEntry = `${string}.worker.ts`;

/** Where a worker's code is, and whether it is TypeScript that needs tsx inside the worker. */
export interface WorkerLocation {
  url: URL;
  fromSource: boolean;
}

/** True when this module itself runs as TypeScript (tsx, vitest), false in the bundle. */
const RUNNING_FROM_SOURCE = import.meta.url.endsWith(".ts");

/**
 * Finds a worker entry the same way from source and from the bundle: the `.ts` file under src/
 * when the code runs from source, the built `.mjs` under dist/server/workers/ when it runs built.
 * (A `new URL("./x.worker.js", import.meta.url)` beside the caller would break in the bundle,
 * where the caller is a chunk in another folder.)
 */
export function locateWorker(entry: WorkerEntry, root = packageRoot(), fromSource = RUNNING_FROM_SOURCE): WorkerLocation {
  if (!/^(?!\/)(?!.*\.\.)[\w./-]+\.worker\.ts$/.test(entry)) {
    throw new Error(`Worker entry "${entry}" must be a path under src/ ending in .worker.ts`);
  }
  const file = fromSource ? path.join(root, "src", entry) : path.join(root, "dist", "server", "workers", entry.replace(/\.ts$/, ".mjs"));
  return { url: pathToFileURL(file), fromSource };
}

/**
 * Starts a worker thread on `entry`. From source, the worker first registers tsx in its own
 * thread (module hooks are per thread on Node 20) and then imports the TypeScript file; tsx is a
 * development dependency and is never loaded by the built server. `workerData`, `parentPort`
 * and every other option behave as with `new Worker(url, options)`.
 */
export function startWorker(entry: WorkerEntry, options: WorkerOptions = {}, location = locateWorker(entry)): Worker {
  if (!location.fromSource) return new Worker(location.url, options);
  const tsx = import.meta.resolve("tsx/esm/api");
  const bootstrap = [
    `import(${JSON.stringify(tsx)})`,
    `.then((api) => { api.register(); return import(${JSON.stringify(location.url.href)}); })`,
    // A failure to load the entry must surface as the worker's "error" event, as it would built.
    `.catch((error) => { setImmediate(() => { throw error; }); });`,
  ].join("");
  return new Worker(bootstrap, { ...options, eval: true });
}
