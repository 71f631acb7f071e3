import { isSqlite } from "../../db/concurrency.js";
import type { Executor } from "../../db/database.js";
import type { PracticeScope } from "../../shared/scope.js";
import { RUNNING_SPORTS, type Sport } from "../activity.js";
import { contextFromRows, contextWindow, labelledEasyOnly, relabelled, type ContextRow } from "../analyse.js";
import type { ClassifyContext } from "../analysis/types.js";
import { linkCandidate, linkSummary, primaries, relinkRange, type LinkSummary } from "../duplicates.js";

/** One of the client's activities as the import's history keeps it: what the context and linking read. */
export interface HistoryActivity extends ContextRow {
  id: string;
  file_id: string;
  elapsed_s: number;
  avg_heart_rate: number | null;
  avg_cadence_spm: number | null;
  duplicate_of: string | null;
}

const COLUMNS = [
  "id",
  "file_id",
  "sport",
  "start_time",
  "elapsed_s",
  "moving_s",
  "distance_m",
  "avg_pace_s_per_km",
  "avg_heart_rate",
  "avg_cadence_spm",
  "labels_json",
  "duplicate_of",
] as const;

const nullableNumber = (value: number | null): number | null => (value === null ? null : Number(value));

/**
 * A client's activities and file hashes, read once per import and kept up to date as the import
 * stores files, so that each file's duplicate check, training context (analyse.ts
 * contextFromRows) and same-run links (duplicates.ts primaries) come from memory instead of a
 * few queries per file. They are computed exactly as from the database: the same rows, in the
 * same order.
 *
 * Another writer for the same client (a second upload, a sport correction) is noticed through a
 * fingerprint of the client's rows (readFingerprint): `isCurrent` compares it inside the writing
 * transaction, after the client's row is locked, and the history is read again when it differs.
 */
export class ClientHistory {
  /** By start time, then id. */
  private activities: HistoryActivity[] = [];
  private readonly shas = new Set<string>();
  /** What linking reads of each summary, by activity id: read from the database when first needed. */
  private readonly summaries = new Map<string, LinkSummary>();
  private fingerprint = "";
  /** labelledEasyOnly by labels JSON: each run is in the context of the ones after it for weeks. */
  private readonly easyOnly = new Map<string, boolean>();
  private readonly isEasyOnly = (labelsJson: string): boolean => {
    let easy = this.easyOnly.get(labelsJson);
    if (easy === undefined) {
      easy = labelledEasyOnly(labelsJson);
      this.easyOnly.set(labelsJson, easy);
    }
    return easy;
  };

  private constructor(
    private readonly scope: PracticeScope,
    private readonly clientId: string,
  ) {}

  static async load(db: Executor, scope: PracticeScope, clientId: string): Promise<ClientHistory> {
    const history = new ClientHistory(scope, clientId);
    await history.reload(db);
    return history;
  }

  /** Reads the client's activities and files again (another writer came between, or a write of ours failed). */
  async reload(db: Executor): Promise<void> {
    const rows = await db
      .selectFrom("activity")
      .select(COLUMNS)
      .where("practice_id", "=", this.scope.practiceId)
      .where("client_id", "=", this.clientId)
      .orderBy("start_time")
      .orderBy("id")
      .execute();
    this.activities = rows.map((row) => ({
      ...row,
      elapsed_s: Number(row.elapsed_s),
      moving_s: Number(row.moving_s),
      distance_m: Number(row.distance_m),
      avg_pace_s_per_km: nullableNumber(row.avg_pace_s_per_km),
      avg_heart_rate: nullableNumber(row.avg_heart_rate),
      avg_cadence_spm: nullableNumber(row.avg_cadence_spm),
    }));
    const files = await db
      .selectFrom("training_file")
      .select("sha256")
      .where("practice_id", "=", this.scope.practiceId)
      .where("client_id", "=", this.clientId)
      .execute();
    this.shas.clear();
    for (const file of files) this.shas.add(file.sha256);
    this.summaries.clear();
    this.easyOnly.clear();
    this.fingerprint = await this.readFingerprint(db);
  }

  /** Whether nobody else wrote for this client since the history was read or last settled. */
  async isCurrent(db: Executor): Promise<boolean> {
    return (await this.readFingerprint(db)) === this.fingerprint;
  }

  /** Takes the database's state after our own writes as the one the history holds. */
  async settle(db: Executor): Promise<void> {
    this.fingerprint = await this.readFingerprint(db);
  }

  hasFile(sha256: string): boolean {
    return this.shas.has(sha256);
  }

  addFile(sha256: string): void {
    this.shas.add(sha256);
  }

  /** analyse.ts trainingContext, from memory. */
  context(beforeMs: number): ClassifyContext {
    const { since, before } = contextWindow(beforeMs);
    // As listActivities gives them: newest first, then by id.
    const rows = this.between(since, before)
      .filter((row) => row.duplicate_of === null)
      .sort((a, b) => (a.start_time === b.start_time ? compare(a.id, b.id) : compare(b.start_time, a.start_time)));
    return contextFromRows(rows, beforeMs, this.isEasyOnly);
  }

  /** A new activity (its stored columns), with what its summary says of the recording. */
  add(activity: HistoryActivity, summary: LinkSummary): void {
    const index = this.lowerBound(activity.start_time, activity.id);
    this.activities.splice(index, 0, activity);
    this.summaries.set(activity.id, summary);
  }

  /**
   * duplicates.ts relinkSameRuns, from memory: the links around `around` recomputed and kept here.
   * Returns each activity whose link changed, with its new primary (or null); the caller stores them.
   */
  async relink(db: Executor, around: readonly number[]): Promise<Map<string, string | null>> {
    const changed = new Map<string, string | null>();
    const range = relinkRange(around);
    if (range === null) return changed;
    const rows = this.between(range.since, range.before);
    const missing = rows.filter((row) => !this.summaries.has(row.id)).map((row) => row.id);
    for (let i = 0; i < missing.length; i += 500) {
      const stored = await db
        .selectFrom("activity")
        .select(["id", "summary_json"])
        .where("practice_id", "=", this.scope.practiceId)
        .where("id", "in", missing.slice(i, i + 500))
        .execute();
      for (const row of stored) this.summaries.set(row.id, linkSummary(row.summary_json));
    }
    const wanted = primaries(rows.map((row) => linkCandidate(row, this.summaries.get(row.id) ?? {})));
    for (const row of rows) {
      const next = wanted.get(row.id) ?? null;
      if (next === row.duplicate_of) continue;
      row.duplicate_of = next;
      changed.set(row.id, next);
    }
    return changed;
  }

  /**
   * analyse.ts relabelFromHistory, from memory: the history-dependent labels of these activities
   * judged again oldest first, each with the labels before it already judged. `summaryJson` holds
   * their stored summaries. Returns the activities whose labels changed, with their new labels.
   */
  relabel(summaryJson: ReadonlyMap<string, string>): { id: string; labelsJson: string }[] {
    const changed: { id: string; labelsJson: string }[] = [];
    // Oldest first; at one start time, as the database's newest-first list read backwards.
    const rows = this.activities
      .filter((row) => summaryJson.has(row.id))
      .sort((a, b) => (a.start_time === b.start_time ? compare(b.id, a.id) : compare(a.start_time, b.start_time)));
    for (const row of rows) {
      const summary = summaryJson.get(row.id);
      if (summary === undefined || !RUNNING_SPORTS.has(row.sport as Sport)) continue;
      const json = relabelled(row.labels_json, summary, this.context(Date.parse(row.start_time)));
      if (json === row.labels_json) continue;
      row.labels_json = json;
      changed.push({ id: row.id, labelsJson: json });
    }
    return changed;
  }

  /** The activities starting in [since, before) (ISO), by start time then id. */
  private between(since: string, before: string): HistoryActivity[] {
    const out: HistoryActivity[] = [];
    for (let i = this.lowerBound(since, ""); i < this.activities.length; i++) {
      const row = this.activities[i];
      if (!row || row.start_time >= before) break;
      out.push(row);
    }
    return out;
  }

  /** The first index whose (start_time, id) is not before the given one. */
  private lowerBound(startTime: string, id: string): number {
    let low = 0;
    let high = this.activities.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const row = this.activities[mid];
      if (row && (row.start_time < startTime || (row.start_time === startTime && row.id < id))) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /**
   * The client's activity and file counts, and what moves on every other change: on SQLite the
   * client's data version (client_data_version, bumped by triggers at once, inside the writing
   * transaction; reading `analysed_at` there would walk past each row's stream, stored before
   * it), on PostgreSQL the latest `analysed_at` (its triggers bump the version at commit, so a
   * transaction cannot see its own bumps; large values are stored apart, so the read is cheap).
   */
  private async readFingerprint(db: Executor): Promise<string> {
    const { practiceId } = this.scope;
    const activities = await db
      .selectFrom("activity")
      .select((eb) => eb.fn.countAll().as("count"))
      .where("practice_id", "=", practiceId)
      .where("client_id", "=", this.clientId)
      .executeTakeFirst();
    const files = await db
      .selectFrom("training_file")
      .select((eb) => eb.fn.countAll().as("count"))
      .where("practice_id", "=", practiceId)
      .where("client_id", "=", this.clientId)
      .executeTakeFirst();
    const changes = isSqlite(db)
      ? await db
          .selectFrom("client_data_version")
          .select("version as latest")
          .where("practice_id", "=", practiceId)
          .where("client_id", "=", this.clientId)
          .executeTakeFirst()
      : await db
          .selectFrom("activity")
          .select((eb) => eb.fn.max("analysed_at").as("latest"))
          .where("practice_id", "=", practiceId)
          .where("client_id", "=", this.clientId)
          .executeTakeFirst();
    return `${Number(activities?.count ?? 0)}|${Number(files?.count ?? 0)}|${changes?.latest ?? ""}`;
  }
}

/** Code-unit order, as the database's text comparison (SQLite's BINARY, PostgreSQL's "C" for ids and ISO times). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
