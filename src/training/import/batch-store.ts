import { lockRow } from "../../db/concurrency.js";
import type { Executor } from "../../db/database.js";
import { newId } from "../../shared/ids.js";
import type { PracticeScope } from "../../shared/scope.js";
import { completeAnalysis, relabelFromHistory } from "../analyse.js";
import type { FileOutcome } from "../import-upload.js";
import * as repo from "../repository.js";
import * as sameRunRepo from "../same-run-repository.js";
import { activityColumns, type TrainingDeps } from "../service.js";
import type { ClientHistory } from "./client-history.js";
import type { FileAnalysis } from "./file-analysis.js";
import type { StravaActivityInfo } from "./strava-csv.js";

/** A file read from the upload: its bytes and hash, what the export said of it, and its raw write. */
export interface ReadFile {
  kind: "file";
  name: string;
  bytes: Uint8Array;
  info: StravaActivityInfo | undefined;
  sha256: string;
  /** The raw file's write to the blob store, when already started (bulk imports). */
  blobStored: Promise<void> | null;
}

/** A file of the upload once analysed: an outcome already known, or a file to store. */
export type Batched =
  | { kind: "outcome"; outcome: FileOutcome }
  | (ReadFile & {
      analysisPromise: Promise<FileAnalysis> | null;
      /** null: the client already had it when it was read (a duplicate). */
      parsed: (FileAnalysis & { ok: true }) | null;
    });

/**
 * Writes analysed files for one client, a batch to a transaction, with the client's history
 * (import/client-history.ts) in memory. Each file's analysis is completed with the history of
 * the files before it, its rows are written with multi-row inserts and its same-run links
 * recomputed, exactly as one file at a time. A batch that fails is written again file by file,
 * so only the file that fails is left out (a copy another upload stored meanwhile, found by the
 * unique index, is a duplicate; anything else stops the import after the files before it).
 */
export class BatchStore {
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
    for (const [id, primary] of relinked) await sameRunRepo.setDuplicateOf(tx, scope, id, primary, now);
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
