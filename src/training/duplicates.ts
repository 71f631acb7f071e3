import type { Executor } from "../db/database.js";
import { lockRow } from "../db/concurrency.js";
import type { PracticeScope } from "../shared/scope.js";
import { RUNNING_SPORTS, type ParsedActivity, type Sport } from "./activity.js";
import * as repo from "./same-run-repository.js";

/**
 * The same run recorded by two devices (a watch and a phone, two watches): such activities are
 * linked, the richer recording is primary and the other points to it (`duplicate_of`), and only
 * primaries count in weekly load, the training context, outcomes, patterns and eligibility.
 */
export const SAME_RUN = {
  /** Two recordings of one run start within this many seconds of each other (one watch started late). */
  startWithinS: 120,
  /** …and overlap for at least this share of the longer one (one was stopped early, not a second run). */
  minOverlapShare: 0.8,
} as const;

/** The streams that make one recording of a run richer than another, in no order: one point each. */
const RICH_STREAMS = ["heart_rate", "cadence", "barometric_altitude", "power", "running_dynamics"] as const;

/** What a file recorded, stored with the summary so recordings can be ranked without re-reading files. */
export interface RecordingRichness {
  readonly device: string | null;
  readonly samples: number;
  readonly streams: string[];
}

const hasValues = (column: Float64Array | null): boolean => column !== null && column.some((v) => Number.isFinite(v) && v > 0);

export function recordingRichness(activity: ParsedActivity): RecordingRichness {
  const s = activity.samples;
  const streams: string[] = [];
  if (hasValues(s.heartRate)) streams.push("heart_rate");
  if (hasValues(s.cadenceSpm)) streams.push("cadence");
  if (s.altitude !== null && s.altitude.some(Number.isFinite))
    streams.push(activity.altitudeSource === "barometric" ? "barometric_altitude" : "altitude");
  if (hasValues(s.power)) streams.push("power");
  if (hasValues(s.stanceTimeMs) || hasValues(s.verticalOscillationMm)) streams.push("running_dynamics");
  if (s.lat !== null && s.lat.some(Number.isFinite)) streams.push("positions");
  return { device: activity.device, samples: s.count, streams };
}

/** Sports one run may be recorded as by different devices ("running" on one, "trail_running" on the other). */
export function sportFamily(sport: string): string {
  if (RUNNING_SPORTS.has(sport as Sport)) return "run";
  if (sport === "walking" || sport === "hiking") return "walk";
  return sport;
}

export interface LinkCandidate {
  readonly id: string;
  readonly fileId: string;
  readonly sport: string;
  readonly startMs: number;
  readonly elapsedS: number;
  readonly richness: RecordingRichness;
}

/** Whether two activities are one run from two recordings; legs of one file never are. */
export function sameRun(a: LinkCandidate, b: LinkCandidate): boolean {
  if (a.fileId === b.fileId || sportFamily(a.sport) !== sportFamily(b.sport)) return false;
  if (Math.abs(a.startMs - b.startMs) > SAME_RUN.startWithinS * 1000) return false;
  const overlapMs = Math.min(a.startMs + a.elapsedS * 1000, b.startMs + b.elapsedS * 1000) - Math.max(a.startMs, b.startMs);
  const longerMs = Math.max(a.elapsedS, b.elapsedS) * 1000;
  return longerMs > 0 && overlapMs / longerMs >= SAME_RUN.minOverlapShare;
}

/** Richer first: more of RICH_STREAMS, then more samples; ties by start and id, so the choice never depends on import order. */
export function richerFirst(a: LinkCandidate, b: LinkCandidate): number {
  const score = (c: LinkCandidate) => RICH_STREAMS.filter((s) => c.richness.streams.includes(s)).length;
  return (
    score(b) - score(a) || b.richness.samples - a.richness.samples || a.startMs - b.startMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * Groups activities that are the same run (linked through any pair) and names each one's primary:
 * the richest of its group. Returns activity id → primary id, or null for a primary or a lone run.
 */
export function primaries(candidates: readonly LinkCandidate[]): Map<string, string | null> {
  const sorted = [...candidates].sort((a, b) => a.startMs - b.startMs);
  const parent = sorted.map((_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    return r;
  };
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    for (let j = i + 1; a && j < sorted.length; j++) {
      const b = sorted[j];
      if (!b || b.startMs - a.startMs > SAME_RUN.startWithinS * 1000) break;
      if (sameRun(a, b)) parent[root(j)] = root(i);
    }
  }
  const groups = new Map<number, LinkCandidate[]>();
  sorted.forEach((c, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), c]));
  const out = new Map<string, string | null>();
  for (const group of groups.values()) {
    const primary = [...group].sort(richerFirst)[0];
    for (const c of group) out.set(c.id, group.length > 1 && primary && c.id !== primary.id ? primary.id : null);
  }
  return out;
}

/** How far around the changed activities links are recomputed: a chain of same-run pairs never reaches further. */
const RELINK_MARGIN_MS = 3600_000;

/**
 * Recomputes the same-run links of a client's activities around the given start times (or over
 * their whole history), and stores what changed. Runs inside the caller's transaction; the
 * client's row is locked first, so two imports for one client link one after the other.
 * A changed link moves `analysed_at`, as a new analysis does, so cached patterns see it.
 */
export async function relinkSameRuns(
  db: Executor,
  scope: PracticeScope,
  clientId: string,
  around: readonly number[] | "all",
  now: string,
): Promise<number> {
  await lockRow(db, "client", scope, clientId);
  const range = around === "all" ? {} : relinkRange(around);
  if (range === null) return 0;
  const rows = await repo.listLinkCandidates(db, scope, clientId, range);
  const wanted = primaries(rows.map(toCandidate));
  let changed = 0;
  for (const row of rows) {
    const next = wanted.get(row.id) ?? null;
    if (next === row.duplicate_of) continue;
    await repo.setDuplicateOf(db, scope, row.id, next, now);
    changed += 1;
  }
  return changed;
}

/** What linking reads of a stored summary (summary_json). */
export type LinkSummary = { recording?: RecordingRichness; altitudeSource?: string | null };

export function linkSummary(summaryJson: string): LinkSummary {
  const { recording, altitudeSource } = JSON.parse(summaryJson) as LinkSummary;
  return { recording, altitudeSource };
}

/** The start times (ISO, [since, before)) whose links may change when activities start at `around`. */
export function relinkRange(around: readonly number[]): { since: string; before: string } | null {
  if (around.length === 0) return null;
  return {
    since: new Date(Math.min(...around) - RELINK_MARGIN_MS).toISOString(),
    before: new Date(Math.max(...around) + RELINK_MARGIN_MS).toISOString(),
  };
}

function toCandidate(row: repo.LinkCandidateRow): LinkCandidate {
  return linkCandidate(row, JSON.parse(row.summary_json) as LinkSummary);
}

/** A stored activity as a candidate for linking, from its columns and what its summary says of the recording. */
export function linkCandidate(row: Omit<repo.LinkCandidateRow, "summary_json" | "duplicate_of">, summary: LinkSummary): LinkCandidate {
  // Activities analysed before recordings were described: what the stored figures still tell.
  const richness: RecordingRichness = summary.recording ?? {
    device: null,
    samples: 0,
    streams: [
      ...(row.avg_heart_rate !== null ? ["heart_rate"] : []),
      ...(row.avg_cadence_spm !== null ? ["cadence"] : []),
      ...(summary.altitudeSource === "barometric" ? ["barometric_altitude"] : []),
    ],
  };
  return {
    id: row.id,
    fileId: row.file_id,
    sport: row.sport,
    startMs: Date.parse(row.start_time),
    elapsedS: Number(row.elapsed_s),
    richness,
  };
}
