import fs from "node:fs";
import type { Database } from "../db/database.js";
import { notFound } from "../server/errors.js";
import type { Clock } from "../shared/clock.js";
import { newId } from "../shared/ids.js";
import type { PracticeScope } from "../shared/scope.js";
import { findClient } from "../clients/repository.js";
import { sha256Hex, type BlobStore } from "../storage/blob-store.js";
import type { ParsedActivity, Sport } from "./activity.js";
import { analyseActivity, relabelFromHistory, trainingContext, type ActivityAnalysis } from "./analyse.js";
import { isZip, walkZipFile, type UploadItem } from "./import/archive.js";
import { RejectedFileError, type RejectionReason } from "./import/rejection.js";
import { normaliseExportPath, readStravaActivitiesCsv, type StravaActivityInfo } from "./import/strava-csv.js";
import { relinkSameRuns } from "./duplicates.js";
import { parseTrainingFile } from "./parse-file.js";
import { withSport } from "./sport-inference.js";
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
  for await (const item of uploadItems(upload, report)) {
    if (item.kind === "rejected") {
      record({ file: item.name, status: "rejected", reason: item.error.reason, message: item.error.message });
      continue;
    }
    record(await importOne(deps, scope, clientId, item.name, item.bytes, item.info, upload.runsUploadId ?? null));
  }
  const imported = new Set(report.results.flatMap((r) => (r.status === "imported" ? r.activityIds : [])));
  if (imported.size > 1) await relabelFromHistory(deps.database.db, scope, clientId, imported, deps.clock.now().toISOString());
  return report;
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
export function importFileBytes(
  deps: TrainingDeps,
  scope: PracticeScope,
  clientId: string,
  name: string,
  bytes: Uint8Array,
): Promise<FileOutcome> {
  return importOne(deps, scope, clientId, name, bytes, undefined, null);
}

async function importOne(
  deps: TrainingDeps,
  scope: PracticeScope,
  clientId: string,
  name: string,
  bytes: Uint8Array,
  info: StravaActivityInfo | undefined,
  runsUploadId: string | null,
): Promise<FileOutcome> {
  const sha256 = sha256Hex(bytes);
  if (await repo.findFileBySha(deps.database.db, scope, clientId, sha256)) return { file: name, status: "duplicate" };
  let parsed;
  try {
    parsed = parseTrainingFile(bytes);
  } catch (error) {
    if (!(error instanceof RejectedFileError)) throw error;
    return { file: name, status: "rejected", reason: error.reason, message: error.message };
  }
  const analysed: { leg: ParsedActivity; analysis: ActivityAnalysis; id: string }[] = [];
  for (const leg of parsed.legs) {
    const context = await trainingContext(deps.database.db, scope, clientId, leg.startTime);
    analysed.push({ leg, analysis: analyseActivity(leg, context), id: newId() });
  }
  await deps.blobs.put(scope, bytes);
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
      for (const [legIndex, { leg, analysis, id }] of analysed.entries()) {
        await repo.insertActivity(tx, scope, {
          id,
          client_id: clientId,
          file_id: fileId,
          leg_index: legIndex,
          // A Strava export's name and type describe the whole upload, so only a single leg takes them.
          ...activityColumns(leg, analysis, parsed.legs.length === 1 ? info : undefined, now),
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

/** The stored columns for an activity and its analysis. */
export function activityColumns(
  activity: ParsedActivity,
  analysis: ReturnType<typeof analyseActivity>,
  info: StravaActivityInfo | undefined,
  now: string,
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
    stream_json: JSON.stringify(analysis.stream),
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
 * Recomputes every stored activity of a practice from its raw file, oldest first so each run's
 * history is already up to date: what to run after the classifier improves. A file is parsed once
 * for all its legs; a leg the improved reader finds anew is added, one it no longer finds is
 * removed. A practitioner's sport correction is kept.
 */
export async function reprocessPractice(
  deps: TrainingDeps,
  scope: PracticeScope,
): Promise<{ reprocessed: number; labelsChanged: number; failed: { activityId: string; file: string; message: string }[] }> {
  const rows = await repo.listActivitiesForReprocess(deps.database.db, scope);
  const byFile = new Map<string, typeof rows>();
  for (const row of rows) byFile.set(row.file_id, [...(byFile.get(row.file_id) ?? []), row]);
  const failed: { activityId: string; file: string; message: string }[] = [];
  let reprocessed = 0;
  let labelsChanged = 0;
  for (const [fileId, fileRows] of byFile) {
    const first = fileRows[0];
    if (!first) continue;
    try {
      const parsed = parseTrainingFile(await deps.blobs.get(scope, first.sha256));
      const now = deps.clock.now().toISOString();
      const updates: {
        legIndex: number;
        row: (typeof fileRows)[number] | undefined;
        columns: ReturnType<typeof activityColumns>;
        current: Awaited<ReturnType<typeof repo.findActivity>>;
      }[] = [];
      for (const [legIndex, parsedLeg] of parsed.legs.entries()) {
        const row = fileRows.find((r) => r.leg_index === legIndex);
        const current = row ? await repo.findActivity(deps.database.db, scope, row.id) : undefined;
        const override = current?.sport_override ? (current.sport_override as Sport) : null;
        const leg = override ? withSport(parsedLeg, override, null) : parsedLeg;
        const context = await trainingContext(deps.database.db, scope, first.client_id, leg.startTime);
        const columns = activityColumns(leg, analyseActivity(leg, context), undefined, now);
        updates.push({
          legIndex,
          row,
          columns: override ? { ...columns, sport_source: "practitioner", sport_evidence: null } : columns,
          current,
        });
      }
      await deps.database.db.transaction().execute(async (tx) => {
        for (const { legIndex, row, columns, current } of updates) {
          if (row) {
            // Names and types from a Strava export are not in the file itself: keep them.
            await repo.replaceActivityAnalysis(tx, scope, row.id, {
              ...columns,
              name: current?.name ?? null,
              sport_label: current?.sport_label ?? columns.sport_label,
            });
          } else {
            await repo.insertActivity(tx, scope, {
              id: newId(),
              client_id: first.client_id,
              file_id: fileId,
              leg_index: legIndex,
              ...columns,
            });
          }
        }
        const gone = fileRows.filter((r) => r.leg_index >= parsed.legs.length).map((r) => r.id);
        if (gone.length > 0) await repo.deleteActivities(tx, scope, gone);
        await repo.clearDuplicateLinksTo(tx, scope, gone);
      });
      reprocessed += fileRows.length;
      for (const { current, columns } of updates) {
        if (labelKinds(current?.labels_json) !== labelKinds(columns.labels_json)) labelsChanged += 1;
      }
    } catch (error) {
      for (const row of fileRows) {
        failed.push({ activityId: row.id, file: row.file_name, message: error instanceof Error ? error.message : "unknown error" });
      }
    }
  }
  // Times, sports and streams may have moved: the same-run links are recomputed client by client.
  for (const clientId of new Set(rows.map((r) => r.client_id))) {
    await deps.database.db.transaction().execute((tx) => relinkSameRuns(tx, scope, clientId, "all", deps.clock.now().toISOString()));
  }
  return { reprocessed, labelsChanged, failed };
}

/** The label kinds of a stored labels_json, sorted: what "the labels changed" compares. */
function labelKinds(json: string | undefined): string {
  if (json === undefined) return "";
  return (JSON.parse(json) as { kind: string }[])
    .map((label) => label.kind)
    .sort()
    .join(",");
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
