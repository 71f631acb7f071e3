import fs from "node:fs";
import { notFound } from "../platform/errors.js";
import { sha256Hex } from "../platform/storage/blob-store.js";
import type { PracticeScope } from "../shared/scope.js";
import { findClient } from "../clients/repository.js";
import { bulkAnalyser, inThread, WorkerStoppedError } from "./import/analysis-pool.js";
import { isZip, walkZipFile, type UploadItem } from "./import/archive.js";
import { BatchStore, type Batched, type ReadFile } from "./import/batch-store.js";
import { ClientHistory } from "./import/client-history.js";
import type { FileAnalysis } from "./import/file-analysis.js";
import { RejectedFileError, type RejectionReason } from "./import/rejection.js";
import { normaliseExportPath, readStravaActivitiesCsv, type StravaActivityInfo } from "./import/strava-csv.js";
import type { TrainingDeps } from "./service.js";

export type FileOutcome =
  | { file: string; status: "imported"; activityId: string; activityIds: string[]; warnings: string[] }
  | { file: string; status: "duplicate" }
  | { file: string; status: "rejected"; reason: RejectionReason; message: string };

export interface ImportReport {
  results: FileOutcome[];
  imported: number;
  duplicates: number;
  rejected: number;
  /** Files inside archives that are not activity files (profile data, photos, JSON). */
  skipped: number;
}

const ACTIVITY_NAME = /\.(fit|gpx|tcx)(\.gz)?$/i;

/**
 * Imports one upload for a client: a single activity file (FIT, GPX, TCX, gzipped or not) or a
 * zip of them (a Strava or Garmin Connect export). Files are stored a few dozen to a transaction
 * (STORE_BATCH_FILES), each file whole or not at all: a crash never leaves half an activity,
 * the report only ever names files that are stored, and a re-run skips what is done.
 */
export async function importUpload(
  deps: TrainingDeps,
  scope: PracticeScope,
  clientId: string,
  upload: { path: string; name: string; runsUploadId?: string },
  onOutcome: (outcome: FileOutcome, done: number) => void = () => undefined,
): Promise<ImportReport> {
  if (!(await findClient(deps.database.db, scope, clientId))) throw notFound("Client");
  const report: ImportReport = { results: [], imported: 0, duplicates: 0, rejected: 0, skipped: 0 };
  const record = (outcome: FileOutcome) => {
    report.results.push(outcome);
    if (outcome.status === "imported") report.imported += 1;
    else if (outcome.status === "duplicate") report.duplicates += 1;
    else report.rejected += 1;
    onOutcome(outcome, report.results.length);
  };
  // The client's activities and file hashes, read once and kept up to date as files are stored.
  const store = new BatchStore(
    deps,
    scope,
    clientId,
    upload.runsUploadId ?? null,
    await ClientHistory.load(deps.database.db, scope, clientId),
  );
  // Files are read and analysed ahead on worker threads (a zip's, past its first few), while this
  // thread stores them strictly in the zip's order: each file's history and duplicate check see
  // exactly the files before it, as if they were imported one by one.
  const zip = isZip(await readHead(upload.path));
  const analyser = zip ? bulkAnalyser() : inThread;
  const readAhead = zip ? BULK_READ_AHEAD_FILES : 1;
  const ahead: Ahead[] = [];
  const analysing = new Map<string, Promise<FileAnalysis>>();
  // Files analysed and waiting for their transaction, in the upload's order.
  let batch: Batched[] = [];
  // Raw files are written one after another, in the upload's order, ahead of their rows.
  let lastBlob: Promise<void> = Promise.resolve();
  const writing = new Set<Promise<void>>();
  const flush = async (): Promise<void> => {
    const stored = batch;
    batch = [];
    try {
      await store.write(stored, record);
    } finally {
      // Stored (or refused): a later copy is now a known file, or analysed afresh. Holding
      // every analysis until the end would grow with the size of the export.
      for (const item of stored) {
        if (item.kind === "file" && analysing.get(item.sha256) === item.analysisPromise) analysing.delete(item.sha256);
      }
    }
  };
  const storeNext = async (): Promise<void> => {
    const next = ahead.shift();
    if (!next) return;
    batch.push(await settle(next));
    if (batch.filter((item) => item.kind === "file").length >= STORE_BATCH_FILES) await flush();
  };
  try {
    for await (const item of uploadItems(upload, report)) {
      if (item.kind === "rejected") {
        ahead.push(item);
      } else {
        const sha256 = sha256Hex(item.bytes);
        // A file the client already has is not analysed again; a second copy in the same upload shares the first's analysis.
        const known = !analysing.has(sha256) && store.history.hasFile(sha256);
        let analysis = known ? null : analysing.get(sha256);
        if (!known && !analysis) {
          analysis = analyser.analyse(item.bytes);
          analysis.catch(() => undefined); // awaited in order below; not an unhandled rejection meanwhile
          analysing.set(sha256, analysis);
        }
        // The raw file is written (and flushed) once its analysis finds an activity in it and the
        // file before it is written, while this thread stores earlier files: their flushes no
        // longer hold up the database writes. In the upload's order, so a failed write stops the
        // import at that file, as before. (As before, a file whose storing then fails leaves
        // only its blob behind, no rows.)
        const blobStored = analysis
          ? Promise.all([analysis, lastBlob.catch(() => undefined)]).then(async ([result]) => {
              if (!result.ok) return;
              const put = deps.blobs.put(scope, item.bytes).then(() => undefined);
              writing.add(put);
              try {
                await put;
              } finally {
                writing.delete(put);
              }
            })
          : null;
        if (blobStored) {
          blobStored.catch(() => undefined); // awaited in order below, or not needed (a refused file)
          lastBlob = blobStored;
        }
        ahead.push({ ...item, sha256, analysis: analysis ?? null, blobStored });
      }
      while (ahead.length >= readAhead) await storeNext();
    }
    while (ahead.length > 0) await storeNext();
    await flush();
  } finally {
    await analyser.close();
    // A write already under way finishes before the import answers, even when it failed.
    await Promise.allSettled([...writing]);
  }
  await store.relabel();
  return report;
}

/** How many files of a zip may be read and analysed ahead of the one being stored (bounds memory). */
export const READ_AHEAD_FILES = 8;

/** A zip's read-ahead: the workers go on analysing while this thread writes a batch. */
const BULK_READ_AHEAD_FILES = 24;

/**
 * How many files are stored in one transaction: one commit (and one fsync) per file was most
 * of a bulk import's database time. Each file is still stored whole or not at all.
 */
export const STORE_BATCH_FILES = 32;

/** A file read from the upload and sent for analysis (null: the client already has it), or refused while unpacking. */
type Ahead = (UploadItem & { kind: "rejected" }) | (ReadFile & { analysis: Promise<FileAnalysis> | null });

/** Waits for a file's analysis: what to store, or what to report. */
async function settle(item: Ahead): Promise<Batched> {
  if (item.kind === "rejected") {
    return { kind: "outcome", outcome: { file: item.name, status: "rejected", reason: item.error.reason, message: item.error.message } };
  }
  const file = { ...item, analysisPromise: item.analysis };
  if (item.analysis === null) return { ...file, parsed: null };
  let parsed: FileAnalysis;
  try {
    parsed = await item.analysis;
  } catch (error) {
    if (!(error instanceof WorkerStoppedError)) throw error;
    return { kind: "outcome", outcome: { file: item.name, status: "rejected", reason: "corrupt", message: error.message } };
  }
  if (!parsed.ok)
    return { kind: "outcome", outcome: { file: item.name, status: "rejected", reason: parsed.reason, message: parsed.message } };
  return { ...file, parsed };
}

type Item = (UploadItem & { kind: "rejected" }) | { kind: "file"; name: string; bytes: Uint8Array; info: StravaActivityInfo | undefined };

async function* uploadItems(upload: { path: string; name: string }, report: ImportReport): AsyncGenerator<Item> {
  const head = await readHead(upload.path);
  if (!isZip(head)) {
    yield { kind: "file", name: upload.name, bytes: await fs.promises.readFile(upload.path), info: undefined };
    return;
  }
  let strava = new Map<string, StravaActivityInfo>();
  try {
    for await (const item of walkZipFile(upload.path, upload.name)) {
      if (item.kind === "rejected") {
        yield item;
        continue;
      }
      if (/(^|\/)activities\.csv$/i.test(item.name)) {
        strava = readStravaActivitiesCsv(item.bytes);
        continue;
      }
      if (!ACTIVITY_NAME.test(item.name)) {
        report.skipped += 1;
        continue;
      }
      yield { ...item, info: strava.get(normaliseExportPath(item.name)) };
    }
  } catch (error) {
    if (!(error instanceof RejectedFileError)) throw error;
    yield { kind: "rejected", name: upload.name, error };
  }
}

/** Imports one file's bytes (already out of any archive); what the demo and tests of single files use. */
export async function importFileBytes(
  deps: TrainingDeps,
  scope: PracticeScope,
  clientId: string,
  name: string,
  bytes: Uint8Array,
): Promise<FileOutcome> {
  const sha256 = sha256Hex(bytes);
  const history = await ClientHistory.load(deps.database.db, scope, clientId);
  const analysis = history.hasFile(sha256) ? null : inThread.analyse(bytes);
  const item = await settle({ kind: "file", name, bytes, info: undefined, sha256, analysis, blobStored: null });
  const outcomes: FileOutcome[] = [];
  await new BatchStore(deps, scope, clientId, null, history).write([item], (outcome) => outcomes.push(outcome));
  const [outcome] = outcomes;
  if (!outcome) throw new Error("the file was neither stored nor refused");
  return outcome;
}

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await fs.promises.open(file, "r");
  try {
    const buffer = Buffer.alloc(4);
    await handle.read(buffer, 0, 4, 0);
    return buffer;
  } finally {
    await handle.close();
  }
}
