import { newId } from "../shared/ids.js";
import type { PracticeScope } from "../shared/scope.js";
import type { Sport } from "./activity.js";
import { completeAnalysis, trainingContext } from "./analyse.js";
import { relinkSameRuns } from "./duplicates.js";
import { bulkAnalyser } from "./import/analysis-pool.js";
import type { FileAnalysis } from "./import/file-analysis.js";
import { RejectedFileError } from "./import/rejection.js";
import * as repo from "./repository.js";
import * as reprocessRepo from "./reprocess-repository.js";
import { READ_AHEAD_FILES } from "./import-upload.js";
import { activityColumns, type TrainingDeps } from "./service.js";

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
  const rows = await reprocessRepo.listActivitiesForReprocess(deps.database.db, scope);
  const byFile = new Map<string, typeof rows>();
  for (const row of rows) byFile.set(row.file_id, [...(byFile.get(row.file_id) ?? []), row]);
  const failed: { activityId: string; file: string; message: string }[] = [];
  let reprocessed = 0;
  let labelsChanged = 0;
  type Current = Awaited<ReturnType<typeof repo.findActivity>>;
  type Ahead = { fileId: string; fileRows: typeof rows; current: Map<number, Current>; analysis: Promise<FileAnalysis> };
  // Files are read and analysed ahead on worker threads; this thread writes them in order, so
  // each run's history is the one an in-order, one-by-one pass would see.
  const analyser = bulkAnalyser();
  const ahead: Ahead[] = [];
  const storeNext = async (): Promise<void> => {
    const next = ahead.shift();
    if (!next) return;
    const { fileId, fileRows, current: currentByLeg } = next;
    const first = fileRows[0];
    if (!first) return;
    try {
      const parsed = await next.analysis;
      if (!parsed.ok) throw new RejectedFileError(parsed.reason, parsed.message);
      const now = deps.clock.now().toISOString();
      const updates: {
        legIndex: number;
        row: (typeof fileRows)[number] | undefined;
        columns: ReturnType<typeof activityColumns>;
        current: Current;
      }[] = [];
      for (const [legIndex, { facts, records, stored }] of parsed.legs.entries()) {
        const row = fileRows.find((r) => r.leg_index === legIndex);
        const current = currentByLeg.get(legIndex);
        const override = current?.sport_override ? (current.sport_override as Sport) : null;
        const context = await trainingContext(deps.database.db, scope, first.client_id, facts.startTime);
        const columns = activityColumns(facts, completeAnalysis(records, context), undefined, now, stored);
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
        if (gone.length > 0) await reprocessRepo.deleteActivities(tx, scope, gone);
        await reprocessRepo.clearDuplicateLinksTo(tx, scope, gone);
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
  };
  try {
    for (const [fileId, fileRows] of byFile) {
      const first = fileRows[0];
      if (!first) continue;
      const current = new Map<number, Current>();
      const sports: (Sport | null)[] = [];
      let analysis: Promise<FileAnalysis>;
      try {
        for (const row of fileRows) {
          const found = await repo.findActivity(deps.database.db, scope, row.id);
          current.set(Number(row.leg_index), found);
          sports[Number(row.leg_index)] = found?.sport_override ? (found.sport_override as Sport) : null;
        }
        analysis = analyser.analyse(await deps.blobs.get(scope, first.sha256), sports);
      } catch (error) {
        analysis = Promise.reject(error instanceof Error ? error : new Error("unknown error"));
      }
      analysis.catch(() => undefined); // awaited in order in storeNext
      ahead.push({ fileId, fileRows, current, analysis });
      while (ahead.length >= READ_AHEAD_FILES) await storeNext();
    }
    while (ahead.length > 0) await storeNext();
  } finally {
    await analyser.close();
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
