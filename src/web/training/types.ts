/**
 * Training shapes the web app receives from the JSON API. They mirror the server's views
 * (src/training/views.ts, src/training/analysis/types.ts); the server stays the source of truth.
 */

export type LabelKind = "hill_repeats" | "intervals" | "downhill" | "long_run" | "easy" | "steady";

/** A stretch of the run a label points at: metres and seconds from the start. */
export interface LabelSegment {
  startDistanceM: number;
  endDistanceM: number;
  startS: number;
  endS: number;
  elevationChangeM: number | null;
  paceSPerKm: number | null;
}

export interface ActivityLabel {
  kind: LabelKind;
  /** 0..1 */
  confidence: number;
  /** One plain sentence saying why the label was given. */
  evidence: string;
  details: { segments: LabelSegment[]; figures: Record<string, number | string | null> };
}

export interface ActivityListItem {
  id: string;
  sport: string;
  sportLabel: string | null;
  name: string | null;
  /** ISO, UTC */
  startTime: string;
  /** The watch's local time minus UTC at the start, when the file says. */
  localOffsetMinutes: number | null;
  elapsedS: number;
  movingS: number;
  distanceM: number;
  elevationGainM: number;
  elevationLossM: number;
  avgPaceSPerKm: number | null;
  avgCadenceSpm: number | null;
  avgHeartRate: number | null;
  labels: ActivityLabel[];
}

export interface RunningDynamics {
  stanceTimeMs: number | null;
  stanceTimeBalanceLeftPct: number | null;
  verticalOscillationMm: number | null;
  verticalRatioPct: number | null;
  stepLengthMm: number | null;
}

export interface ActivitySummary {
  elapsedS: number | null;
  movingS: number | null;
  distanceM: number | null;
  elevationGainM: number | null;
  elevationLossM: number | null;
  avgPaceSPerKm: number | null;
  bestPace: { windowM: number; paceSPerKm: number } | null;
  avgCadenceSpm: number | null;
  cadenceHalved: boolean;
  avgHeartRate: number | null;
  maxHeartRate: number | null;
  dynamics: RunningDynamics | null;
  notes: string[];
}

/** Downsampled columns for charts; every column has the same length. */
export interface ChartStream {
  everyS: number;
  tS: number[];
  distanceM: (number | null)[];
  altitudeM: (number | null)[];
  paceSPerKm: (number | null)[];
  heartRate: (number | null)[];
  cadenceSpm: (number | null)[];
}

export interface ActivityDetail extends ActivityListItem {
  clientId: string;
  file: { name: string; format: string; sha256: string };
  summary: ActivitySummary;
  stream: ChartStream;
}

export interface WeekLoad {
  /** Local Monday, "YYYY-MM-DD" */
  weekStart: string;
  isoWeek: string;
  distanceM: number;
  movingS: number;
  elevationGainM: number;
  elevationLossM: number;
  activities: number;
  labelCounts: Partial<Record<LabelKind, number>>;
  /** % change against the mean of the 4 weeks before. */
  rampPct: number | null;
  acuteDailyM: number | null;
  chronicDailyM: number | null;
  acwr: number | null;
  caveat: string;
}

export type RejectionReason = "not_an_activity" | "corrupt" | "unsupported_format" | "too_large" | "zip_bomb" | "path_traversal" | "empty";

export type FileOutcome =
  | { file: string; status: "imported"; activityId: string; warnings: string[] }
  | { file: string; status: "duplicate" }
  | { file: string; status: "rejected"; reason: RejectionReason; message: string };

export interface ImportReport {
  results: FileOutcome[];
  imported: number;
  duplicates: number;
  rejected: number;
  /** Files inside a zip that are not activity files (profile data, photos, JSON). */
  skipped: number;
}
