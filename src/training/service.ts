import fs from "node:fs";
import type { Database, Executor } from "../db/database.js";
import { notFound } from "../platform/errors.js";
import type { Clock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import type { PracticeScope } from "../shared/scope.js";
import { findClient } from "../clients/repository.js";
import { sha256Hex, type BlobStore } from "../platform/storage/blob-store.js";
import type { Sport } from "./activity.js";
import { analyseActivity, completeAnalysis, relabelFromHistory, trainingContext } from "./analyse.js";
import { bulkAnalyser, inThread, WorkerStoppedError } from "./import/analysis-pool.js";
import { isZip, walkZipFile, type UploadItem } from "./import/archive.js";
import type { FileAnalysis, LegFacts } from "./import/file-analysis.js";
import { RejectedFileError, type RejectionReason } from "./import/rejection.js";
import { normaliseExportPath, readStravaActivitiesCsv, type StravaActivityInfo } from "./import/strava-csv.js";
import { relinkSameRuns } from "./duplicates.js";
import { ClientHistory } from "./import/client-history.js";
import { lockRow } from "../db/concurrency.js";
import { parseTrainingFile } from "./parse-file.js";
import { withSport } from "./sport-inference.js";
import { storedStream, type StoredStream } from "./stored-stream.js";
import * as repo from "./repository.js";
import { LABEL_VERSION } from "./analysis/thresholds.js";

export interface TrainingDeps {
  database: Database;
  clock: Clock;
  blobs: BlobStore;
}

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

/** A file read from the upload: its bytes and hash, what the export said of it, and its raw write. */
interface ReadFile {
  kind: "file";
  name: string;
  bytes: Uint8Array;
  info: StravaActivityInfo | undefined;
  sha256: string;
  /** The raw file's write to the blob store, when already started (bulk imports). */
  blobStored: Promise<void> | null;
}

/** A file read from the upload and sent for analysis (null: the client already has it), or refused while unpacking. */
type Ahead = (UploadItem & { kind: "rejected" }) | (ReadFile & { analysis: Promise<FileAnalysis> | null });

/** A file of the upload once analysed: an outcome already known, or a file to store. */
type Batched =
  | { kind: "outcome"; outcome: FileOutcome }
  | (ReadFile & {
      analysisPromise: Promise<FileAnalysis> | null;
      /** null: the client already had it when it was read (a duplicate). */
      parsed: (FileAnalysis & { ok: true }) | null;
    });

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

/**
 * Writes analysed files for one client, a batch to a transaction, with the client's history
 * (import/client-history.ts) in memory. Each file's analysis is completed with the history of
 * the files before it, its rows are written with multi-row inserts and its same-run links
 * recomputed, exactly as one file at a time. A batch that fails is written again file by file,
 * so only the file that fails is left out (a copy another upload stored meanwhile, found by the
 * unique index, is a duplicate; anything else stops the import after the files before it).
 */
class BatchStore {
  /** The stored summaries of the activities this import added, for relabelling them at the end. */
  private readonly summaries = new Map<string, string>();

  constructor(
    private readonly deps: TrainingDeps,
    private readonly scope: PracticeScope,
    private readonly clientId: string,
    private readonly runsUploadId: string | null,
    readonly history: ClientHistory,
  ) {}

  /** Stores a batch and reports its files' outcomes in order, each once its transaction has committed. */
  async write(batch: readonly Batched[], record: (outcome: FileOutcome) => void): Promise<void> {
    // The raw files are in the blob store before any row refers to them. A write that failed
    // stops the import at that file: the files before it are stored first.
    for (const [index, item] of batch.entries()) {
      if (item.kind !== "file" || item.parsed === null) continue;
      try {
        await (item.blobStored ?? this.deps.blobs.put(this.scope, item.bytes));
      } catch (error) {
        await this.commit(batch.slice(0, index), record);
        throw error;
      }
    }
    await this.commit(batch, record);
  }

  private async commit(batch: readonly Batched[], record: (outcome: FileOutcome) => void): Promise<void> {
    if (batch.length === 0) return;
    const db = this.deps.database.db;
    let outcomes: FileOutcome[];
    try {
      outcomes = await db.transaction().execute((tx) => this.writeRows(tx, batch));
    } catch (error) {
      // The history may hold rows that were rolled back.
      await this.history.reload(db);
      const files = batch.filter((item) => item.kind === "file" && item.parsed !== null);
      if (files.length > 1) {
        for (const item of batch) await this.commit([item], record);
        return;
      }
      // The same file arriving twice at once: the unique index decides, the loser is a duplicate.
      const file = files[0];
      if (!file || file.kind !== "file" || !this.history.hasFile(file.sha256)) throw error;
      outcomes = batch.map((item) => (item.kind === "outcome" ? item.outcome : { file: item.name, status: "duplicate" }));
    }
    for (const outcome of outcomes) record(outcome);
  }

  private async writeRows(tx: Executor, batch: readonly Batched[]): Promise<FileOutcome[]> {
    const { scope, clientId, history } = this;
    // Two imports for one client write one after the other; another writer since our last batch
    // means the history is read again.
    await lockRow(tx, "client", scope, clientId);
    if (!(await history.isCurrent(tx))) await history.reload(tx);
    const now = this.deps.clock.now().toISOString();
    const outcomes: FileOutcome[] = [];
    const files: Parameters<typeof repo.insertFiles>[2][number][] = [];
    const activities: (Parameters<typeof repo.insertActivities>[2][number] & { duplicate_of: string | null })[] = [];
    const added = new Map<string, string>();
    const relinked = new Map<string, string | null>();
    for (const item of batch) {
      if (item.kind === "outcome") {
        outcomes.push(item.outcome);
        continue;
      }
      const { name, bytes, info, sha256, parsed } = item;
      if (parsed === null || history.hasFile(sha256)) {
        outcomes.push({ file: name, status: "duplicate" });
        continue;
      }
      // Every leg is judged against the history before this file, as when files were stored one by one.
      const analysed = parsed.legs.map(({ facts, records, stored }) => ({
        leg: facts,
        analysis: completeAnalysis(records, history.context(facts.startTime)),
        stored,
        id: newId(),
      }));
      const fileId = newId();
      files.push({
        id: fileId,
        client_id: clientId,
        sha256,
        file_name: name.slice(0, 500),
        format: parsed.format,
        size_bytes: bytes.byteLength,
        imported_at: now,
        warnings_json: JSON.stringify(parsed.warnings),
        runs_upload_id: this.runsUploadId,
      });
      history.addFile(sha256);
      for (const [legIndex, { leg, analysis, stored, id }] of analysed.entries()) {
        // A Strava export's name and type describe the whole upload, so only a single leg takes them.
        const columns = activityColumns(leg, analysis, parsed.legs.length === 1 ? info : undefined, now, stored);
        const row = { id, client_id: clientId, file_id: fileId, leg_index: legIndex, ...columns, duplicate_of: null as string | null };
        activities.push(row);
        added.set(id, columns.summary_json);
        history.add(row, { recording: analysis.summary.recording, altitudeSource: analysis.summary.altitudeSource });
      }
      // The same run from another device, whichever arrived first: the richer recording counts.
      for (const [id, primary] of await history.relink(
        tx,
        analysed.map((a) => a.leg.startTime),
      ))
        relinked.set(id, primary);
      outcomes.push({
        file: name,
        status: "imported",
        activityId: analysed[0]?.id ?? "",
        activityIds: analysed.map((a) => a.id),
        warnings: [...parsed.warnings],
      });
    }
    // New rows are written with their links; older ones that changed are updated.
    for (const row of activities) {
      const primary = relinked.get(row.id);
      if (primary !== undefined) {
        row.duplicate_of = primary;
        relinked.delete(row.id);
      }
    }
    await repo.insertFiles(tx, scope, files);
    await repo.insertActivities(tx, scope, activities);
    for (const [id, primary] of relinked) await repo.setDuplicateOf(tx, scope, id, primary, now);
    await history.settle(tx);
    for (const [id, summary] of added) this.summaries.set(id, summary);
    return outcomes;
  }

  /**
   * After a bulk import the files arrived in no particular order, so an early run may have been
   * judged before the weeks around it were known: the labels that depend on the history are
   * judged again (analyse.ts relabelFromHistory), from memory when nobody else wrote meanwhile.
   */
  async relabel(): Promise<void> {
    if (this.summaries.size <= 1) return;
    const db = this.deps.database.db;
    const now = this.deps.clock.now().toISOString();
    await db.transaction().execute(async (tx) => {
      await lockRow(tx, "client", this.scope, this.clientId);
      if (!(await this.history.isCurrent(tx))) {
        await relabelFromHistory(tx, this.scope, this.clientId, new Set(this.summaries.keys()), now);
        return;
      }
      for (const { id, labelsJson } of this.history.relabel(this.summaries))
        await repo.setActivityLabels(tx, this.scope, id, labelsJson, now);
    });
  }
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

/** The stored columns for an activity and its analysis (`stored`: its stream's JSON, when already made). */
export function activityColumns(
  activity: LegFacts,
  analysis: ReturnType<typeof analyseActivity>,
  info: StravaActivityInfo | undefined,
  now: string,
  stored: StoredStream = storedStream(analysis.stream),
) {
  return {
    sport: activity.sport,
    sport_source: activity.sportStated === false ? "inferred" : "file",
    sport_evidence: activity.sportEvidence ?? null,
    sport_label: info?.type ?? activity.sportLabel,
    name: info?.name ?? null,
    start_time: new Date(activity.startTime).toISOString(),
    local_offset_minutes: activity.localOffsetMinutes,
    elapsed_s: analysis.elapsedS,
    moving_s: analysis.movingS,
    distance_m: analysis.distanceM,
    elevation_gain_m: analysis.elevationGainM,
    elevation_loss_m: analysis.elevationLossM,
    avg_pace_s_per_km: analysis.avgPaceSPerKm,
    avg_cadence_spm: analysis.avgCadenceSpm,
    avg_heart_rate: analysis.avgHeartRate,
    labels_json: JSON.stringify(analysis.labels),
    label_version: LABEL_VERSION,
    summary_json: JSON.stringify(analysis.summary),
    stream_json: stored.streamJson,
    run_features_json: stored.runFeaturesJson,
    analysed_at: now,
  };
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

/**
 * A practitioner corrects an activity's sport (a ride the file did not name, a run a watch called
 * "other"). The activity is recomputed from its file as that sport, so a ride loses its running
 * labels; the correction is kept when the activity is recomputed later. 404 for an unknown or
 * another practice's activity.
 */
export async function correctActivitySport(deps: TrainingDeps, scope: PracticeScope, activityId: string, sport: Sport): Promise<void> {
  const current = await repo.findActivity(deps.database.db, scope, activityId);
  if (!current) throw notFound("Activity");
  const parsed = parseTrainingFile(await deps.blobs.get(scope, current.sha256));
  const parsedLeg = parsed.legs[Number(current.leg_index)] ?? parsed.activity;
  const leg = withSport(parsedLeg, sport, null);
  const context = await trainingContext(deps.database.db, scope, current.client_id, leg.startTime);
  const now = deps.clock.now().toISOString();
  const columns = activityColumns(leg, analyseActivity(leg, context), undefined, now);
  await deps.database.db.transaction().execute(async (tx) => {
    await repo.replaceActivityAnalysis(tx, scope, activityId, {
      ...columns,
      sport_source: "practitioner",
      sport_evidence: null,
      sport_override: sport,
      name: current.name,
      // The file's own word for a sport it got wrong would contradict the correction.
      sport_label: null,
    });
    // Another sport family may no longer be the same run as a recording it was linked with (or now is).
    await relinkSameRuns(tx, scope, current.client_id, [leg.startTime], now);
  });
}
