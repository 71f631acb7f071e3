import fs from "node:fs";
import type { Database } from "../db/database.js";
import { notFound } from "../platform/errors.js";
import type { Clock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import type { PracticeScope } from "../shared/scope.js";
import { findClient } from "../clients/repository.js";
import { sha256Hex, type BlobStore } from "../platform/storage/blob-store.js";
import type { Sport } from "./activity.js";
import { analyseActivity, completeAnalysis, relabelFromHistory, trainingContext, type ActivityAnalysis } from "./analyse.js";
import { bulkAnalyser, inThread, WorkerStoppedError } from "./import/analysis-pool.js";
import { isZip, walkZipFile, type UploadItem } from "./import/archive.js";
import type { FileAnalysis, LegFacts } from "./import/file-analysis.js";
import { RejectedFileError, type RejectionReason } from "./import/rejection.js";
import { normaliseExportPath, readStravaActivitiesCsv, type StravaActivityInfo } from "./import/strava-csv.js";
import { relinkSameRuns } from "./duplicates.js";
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
 * zip of them (a Strava or Garmin Connect export). Each activity is stored in its own
 * transaction, so a crash never leaves half an activity and a re-run skips what is done.
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
  // Files are read and analysed ahead on worker threads (a zip's, past its first few), while this
  // thread stores them strictly in the zip's order: each file's history and duplicate check see
  // exactly the files before it, as if they were imported one by one.
  const analyser = isZip(await readHead(upload.path)) ? bulkAnalyser() : inThread;
  const ahead: Ahead[] = [];
  const analysing = new Map<string, Promise<FileAnalysis>>();
  // Raw files are written one after another, in the upload's order, ahead of their rows.
  let lastBlob: Promise<void> = Promise.resolve();
  const writing = new Set<Promise<void>>();
  const storeNext = async (): Promise<void> => {
    const next = ahead.shift();
    if (!next) return;
    if (next.kind === "rejected") {
      record({ file: next.name, status: "rejected", reason: next.error.reason, message: next.error.message });
      return;
    }
    record(await storeAnalysed(deps, scope, clientId, next, upload.runsUploadId ?? null));
    // Stored (or refused): a later copy is now found in the database, or analysed afresh. Holding
    // every analysis until the end would grow with the size of the export.
    if (analysing.get(next.sha256) === next.analysis) analysing.delete(next.sha256);
  };
  try {
    for await (const item of uploadItems(upload, report)) {
      if (item.kind === "rejected") {
        ahead.push(item);
      } else {
        const sha256 = sha256Hex(item.bytes);
        // A file the client already has is not analysed again; a second copy in the same upload shares the first's analysis.
        const known = analysing.has(sha256) ? false : Boolean(await repo.findFileBySha(deps.database.db, scope, clientId, sha256));
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
      while (ahead.length >= READ_AHEAD_FILES) await storeNext();
    }
    while (ahead.length > 0) await storeNext();
  } finally {
    await analyser.close();
    // A write already under way finishes before the import answers, even when it failed.
    await Promise.allSettled([...writing]);
  }
  const imported = new Set(report.results.flatMap((r) => (r.status === "imported" ? r.activityIds : [])));
  if (imported.size > 1) await relabelFromHistory(deps.database.db, scope, clientId, imported, deps.clock.now().toISOString());
  return report;
}

/** How many files may be read and analysed ahead of the one being stored (bounds memory). */
export const READ_AHEAD_FILES = 8;

/** A file read from the upload and sent for analysis (null: the client already has it), or refused while unpacking. */
type Ahead =
  | (UploadItem & { kind: "rejected" })
  | {
      kind: "file";
      name: string;
      bytes: Uint8Array;
      info: StravaActivityInfo | undefined;
      sha256: string;
      analysis: Promise<FileAnalysis> | null;
      blobStored: Promise<void> | null;
    };

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
export function importFileBytes(
  deps: TrainingDeps,
  scope: PracticeScope,
  clientId: string,
  name: string,
  bytes: Uint8Array,
): Promise<FileOutcome> {
  const analysis = inThread.analyse(bytes);
  analysis.catch(() => undefined);
  return storeAnalysed(deps, scope, clientId, { name, bytes, info: undefined, sha256: sha256Hex(bytes), analysis }, null);
}

/**
 * Stores one analysed file: a duplicate if the client has it by now, a rejection if it could not
 * be read, else its analysis completed with the client's history and written in one transaction.
 */
async function storeAnalysed(
  deps: TrainingDeps,
  scope: PracticeScope,
  clientId: string,
  file: {
    name: string;
    bytes: Uint8Array;
    info: StravaActivityInfo | undefined;
    sha256: string;
    analysis: Promise<FileAnalysis> | null;
    /** The raw file's write to the blob store, when already started (bulk imports). */
    blobStored?: Promise<void> | null;
  },
  runsUploadId: string | null,
): Promise<FileOutcome> {
  const { name, bytes, info, sha256 } = file;
  if (file.analysis === null || (await repo.findFileBySha(deps.database.db, scope, clientId, sha256)))
    return { file: name, status: "duplicate" };
  let parsed: FileAnalysis;
  try {
    parsed = await file.analysis;
  } catch (error) {
    if (!(error instanceof WorkerStoppedError)) throw error;
    return { file: name, status: "rejected", reason: "corrupt", message: error.message };
  }
  if (!parsed.ok) return { file: name, status: "rejected", reason: parsed.reason, message: parsed.message };
  const analysed: { leg: LegFacts; analysis: ActivityAnalysis; stored: StoredStream; id: string }[] = [];
  for (const { facts, records, stored } of parsed.legs) {
    const context = await trainingContext(deps.database.db, scope, clientId, facts.startTime);
    analysed.push({ leg: facts, analysis: completeAnalysis(records, context), stored, id: newId() });
  }
  // The file is in the blob store before any row refers to it.
  await (file.blobStored ?? deps.blobs.put(scope, bytes));
  const fileId = newId();
  const now = deps.clock.now().toISOString();
  try {
    await deps.database.db.transaction().execute(async (tx) => {
      await repo.insertFile(tx, scope, {
        id: fileId,
        client_id: clientId,
        sha256,
        file_name: name.slice(0, 500),
        format: parsed.format,
        size_bytes: bytes.byteLength,
        imported_at: now,
        warnings_json: JSON.stringify(parsed.warnings),
        runs_upload_id: runsUploadId,
      });
      for (const [legIndex, { leg, analysis, stored, id }] of analysed.entries()) {
        await repo.insertActivity(tx, scope, {
          id,
          client_id: clientId,
          file_id: fileId,
          leg_index: legIndex,
          // A Strava export's name and type describe the whole upload, so only a single leg takes them.
          ...activityColumns(leg, analysis, parsed.legs.length === 1 ? info : undefined, now, stored),
        });
      }
      // The same run from another device, whichever arrived first: the richer recording counts.
      await relinkSameRuns(
        tx,
        scope,
        clientId,
        analysed.map((a) => a.leg.startTime),
        now,
      );
    });
  } catch (error) {
    // The same file arriving twice at once: the unique index decides, the loser is a duplicate.
    if (await repo.findFileBySha(deps.database.db, scope, clientId, sha256)) return { file: name, status: "duplicate" };
    throw error;
  }
  const activityIds = analysed.map((a) => a.id);
  return { file: name, status: "imported", activityId: activityIds[0] ?? "", activityIds, warnings: [...parsed.warnings] };
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
