/**
 * A heavy-read worker: its own connection (SQLite read-only; PostgreSQL a pool of two), running the jobs of
 * experiments/heavy-pages.ts as messages arrive (a job waiting on the database lets the next one start) and
 * answering each with its body (JSON, or gzipped) or its error.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../db/database.js";
import { DiskBlobStore } from "../platform/storage/blob-store.js";
import { AppError } from "../platform/errors.js";
import { runHeavyJobEncoded } from "../experiments/heavy-pages.js";
import type { HeavyRequest, HeavyResponse, HeavyWorkerData } from "./heavy-reads.js";

const data = workerData as HeavyWorkerData;
// Jobs run one at a time here; their reads go two at a time at most on PostgreSQL.
const database = openDatabase(data.database, { readonly: true, poolSize: 2 });
const deps = { database, blobs: new DiskBlobStore(data.blobsDir) };
const port = parentPort!;

port.on("message", (request: HeavyRequest) => {
  const answer = (response: HeavyResponse) => port.postMessage(response);
  runHeavyJobEncoded(deps, request.job, { practiceId: request.practiceId }, new Date(request.now), request.gzip).then(
    (body) => answer({ id: request.id, body }),
    (error: unknown) =>
      answer({
        id: request.id,
        error:
          error instanceof AppError
            ? { app: { status: error.status, code: error.code, message: error.message, fields: error.fields, extra: error.extra } }
            : { message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
      }),
  );
});
