/**
 * The one shape every training-file parser (FIT, GPX, TCX) produces, and the input of every
 * analysis. Conventions:
 * - times are Unix epoch milliseconds (UTC);
 * - samples are columns of equal length `count` (one Float64Array per quantity, NaN where a
 *   sample lacks the value), or null when the file never has that quantity;
 * - cadence is already in steps per minute (both feet): FIT, GPX and TCX running cadence counts
 *   one foot, and the parser adapters double it for foot sports.
 */
export type ActivityFormat = "fit" | "gpx" | "tcx";

/** Normalised sport names. Anything we do not analyse as running keeps a plain name. */
export type Sport =
  "running" | "trail_running" | "treadmill_running" | "track_running" | "walking" | "hiking" | "cycling" | "swimming" | "other";

export const RUNNING_SPORTS: ReadonlySet<Sport> = new Set(["running", "trail_running", "treadmill_running", "track_running"]);

export interface ActivitySamples {
  readonly count: number;
  /** Unix ms, non-decreasing after parsing (see the parser's warnings for dropped samples). */
  readonly time: Float64Array;
  /** Degrees, WGS84. */
  readonly lat: Float64Array | null;
  readonly lon: Float64Array | null;
  /** Metres, cumulative from the start. */
  readonly distance: Float64Array | null;
  /** Metres above sea level. */
  readonly altitude: Float64Array | null;
  /** Metres per second. */
  readonly speed: Float64Array | null;
  /** Beats per minute. */
  readonly heartRate: Float64Array | null;
  /** Steps per minute, both feet. */
  readonly cadenceSpm: Float64Array | null;
  /** Watts. */
  readonly power: Float64Array | null;
  /** Ground contact time, ms. */
  readonly stanceTimeMs: Float64Array | null;
  /** Ground contact balance, % left. */
  readonly stanceTimeBalancePct: Float64Array | null;
  readonly verticalOscillationMm: Float64Array | null;
  readonly verticalRatioPct: Float64Array | null;
  readonly stepLengthMm: Float64Array | null;
}

/** A lap as the device recorded it (a button press, an auto-lap, a workout step). */
export interface ActivityLap {
  readonly startTime: number;
  readonly endTime: number | null;
  readonly distanceM: number | null;
  readonly elapsedS: number | null;
  /** manual, distance, time, session_end... when the format says. */
  readonly trigger: string | null;
  /** active, rest, warmup, cooldown... when the device ran a structured workout. */
  readonly intensity: string | null;
}

/** Totals the device computed itself, kept for comparison with ours. */
export interface DeviceTotals {
  readonly distanceM: number | null;
  readonly elapsedS: number | null;
  readonly timerS: number | null;
  readonly ascentM: number | null;
  readonly descentM: number | null;
  /** Metres, for pool swims. */
  readonly poolLengthM?: number | null;
}

/** One pool length of a swim, as the watch recorded it. */
export interface ActivityLength {
  readonly startTime: number | null;
  readonly elapsedS: number | null;
  readonly timerS: number | null;
  /** False for a rest at the wall (an "idle" length). */
  readonly active: boolean;
}

export interface ParsedActivity {
  readonly format: ActivityFormat;
  readonly sport: Sport;
  /** The file's own sport words, e.g. "running / trail" or "Running", for display. */
  readonly sportLabel: string | null;
  readonly startTime: number;
  /** Minutes to add to UTC for the wall-clock time where the run happened, when the file says. */
  readonly localOffsetMinutes: number | null;
  /** e.g. "garmin fenix5", "Strava", "COROS". */
  readonly device: string | null;
  /** Barometric altitude is far less noisy than GPS altitude, and the analysis prefers it. */
  readonly altitudeSource: "barometric" | "gps" | "unknown";
  readonly laps: readonly ActivityLap[];
  readonly deviceTotals: DeviceTotals | null;
  /** Pool lengths (FIT pool swims); absent for other files. */
  readonly lengths?: readonly ActivityLength[];
  /**
   * False when the file does not say its sport (a GPX without `<type>`, a TCX without `Sport`):
   * `sport` is then inferred from the samples, with `sportEvidence` saying how.
   */
  readonly sportStated?: boolean;
  readonly sportEvidence?: string | null;
  /** True when the file's cadence counted both feet twice and plausibility.ts halved it. */
  readonly cadenceHalved?: boolean;
  readonly samples: ActivitySamples;
}

export interface ActivityParseResult {
  /** The first leg; see `legs`. */
  readonly activity: ParsedActivity;
  /**
   * Every leg of the recording in start order (the first is `activity`): one per FIT session or
   * TCX Activity, so a duathlon gives run, ride, run. Absent means the one `activity`.
   */
  readonly legs?: readonly ParsedActivity[];
  /** True when the file's own checksum failed (FIT): its values are then suspect. */
  readonly checksumFailed?: boolean;
  /** Problems the parser worked around: a bad CRC, a truncated file, dropped samples. */
  readonly warnings: readonly string[];
}
