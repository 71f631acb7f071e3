import type { Sport } from "../activity.js";
import type { LabelKind } from "../../shared/labels.js";

/**
 * Output shapes of the training analysis. Every number is finite or null (never NaN), because
 * summaries, labels and weekly load are stored as JSON.
 */

/** Downsampled columns for charts; every column has the same length. */
export interface ChartStream {
  /** Seconds per point (5, or more for runs over ~7 h so the stream stays under the cap). */
  readonly everyS: number;
  /** Seconds since the start (pauses included, clock jumps removed). */
  readonly tS: number[];
  readonly distanceM: (number | null)[];
  /** Smoothed altitude, m. */
  readonly altitudeM: (number | null)[];
  /** Pace over the point's interval, s/km; null while stopped. */
  readonly paceSPerKm: (number | null)[];
  readonly heartRate: (number | null)[];
  readonly cadenceSpm: (number | null)[];
}

export interface BestPace {
  /** 1000, or 400 for runs under 1 km. */
  readonly windowM: number;
  readonly paceSPerKm: number;
  /** Where the fastest window starts. */
  readonly startDistanceM: number;
  readonly startS: number;
}

export interface RunningDynamics {
  readonly stanceTimeMs: number | null;
  /** Ground contact balance, % left. */
  readonly stanceTimeBalanceLeftPct: number | null;
  readonly verticalOscillationMm: number | null;
  readonly verticalRatioPct: number | null;
  readonly stepLengthMm: number | null;
}

export interface ActivitySummary {
  readonly sport: Sport;
  readonly sportLabel: string | null;
  /** UTC ms. */
  readonly startTime: number;
  readonly localOffsetMinutes: number | null;
  /** Wall-clock time from first to last sample, pauses included (clock jumps removed). */
  readonly elapsedS: number | null;
  readonly movingS: number | null;
  readonly distanceM: number | null;
  /** device = the file's distance column; gps = haversine between positions; speed = speed × time. */
  readonly distanceSource: "device" | "gps" | "speed" | null;
  readonly elevationGainM: number | null;
  readonly elevationLossM: number | null;
  readonly altitudeSource: "barometric" | "gps" | "unknown" | null;
  /** Moving time over distance. */
  readonly avgPaceSPerKm: number | null;
  readonly bestPace: BestPace | null;
  /** Time-weighted over moving time, zeros ignored. */
  readonly avgCadenceSpm: number | null;
  /** True when the file's cadence was doubled and we halved it. */
  readonly cadenceHalved: boolean;
  /** Time-weighted over moving time. */
  readonly avgHeartRate: number | null;
  readonly maxHeartRate: number | null;
  /** Time-weighted over moving time, zeros (written while stopped) ignored. */
  readonly dynamics: RunningDynamics;
  /** Plain sentences about what was corrected or is uncertain. */
  readonly notes: string[];
  readonly stream: ChartStream;
}

/** The label names and their facts are in the catalogue, shared/labels.ts. */
export type { LabelKind } from "../../shared/labels.js";

/** A stretch of the run a label points at. Distances in m from the start, times in s from the start. */
export interface LabelSegment {
  readonly startDistanceM: number;
  readonly endDistanceM: number;
  readonly startS: number;
  readonly endS: number;
  /** Altitude change over the segment, m (negative for descents), when known. */
  readonly elevationChangeM: number | null;
  readonly paceSPerKm: number | null;
}

export interface ActivityLabel {
  readonly kind: LabelKind;
  /** Heuristic 0..1, higher when the evidence is further past its threshold. */
  readonly confidence: number;
  /** One plain sentence, e.g. "6 climbs of ~40 m at ~6.5% (~620 m each), with descents between." */
  readonly evidence: string;
  readonly details: {
    readonly segments: LabelSegment[];
    /** The figures the sentence is built from, for display and audit. */
    readonly figures: Record<string, number | string | null>;
  };
}

export interface ClassifyContext {
  /** The client's weekly running distances, oldest first; the last 4 are used. */
  readonly recentWeeklyDistancesM: number[];
  /** The client's longest recent run, moving seconds. */
  readonly recentLongestRunS?: number;
  /** The median distance of the client's recent runs (at least 3), m. */
  readonly recentMedianRunM?: number;
  /** The client's usual easy pace, s/km (e.g. the median of recent easy runs); enables "steady". */
  readonly usualEasyPaceSPerKm?: number;
}

export interface WeeklyLoadActivity {
  readonly startTime: number;
  readonly localOffsetMinutes: number | null;
  readonly distanceM: number;
  readonly movingS: number;
  readonly elevationGainM: number;
  readonly elevationLossM: number;
  readonly labels: string[];
}

export interface WeekLoad {
  /** Local Monday, YYYY-MM-DD. */
  readonly weekStart: string;
  /** ISO week, e.g. "2025-W07". */
  readonly isoWeek: string;
  readonly distanceM: number;
  readonly movingS: number;
  readonly elevationGainM: number;
  readonly elevationLossM: number;
  readonly activities: number;
  readonly labelCounts: Record<string, number>;
  /** % change against the mean of the 4 weeks before; null with fewer weeks or a zero mean. */
  readonly rampPct: number | null;
  /** Exponentially weighted daily distance, m/day, on the week's last day (or `until`). */
  readonly acuteDailyM: number | null;
  readonly chronicDailyM: number | null;
  /** acute / chronic (EWMA, Williams et al. 2017); null during the first 28 days or at zero chronic load. */
  readonly acwr: number | null;
  readonly caveat: string;
}
