import type { ActivityLap, DeviceTotals } from "../activity.js";

/** A `<Lap>` while it is being read. */
export interface LapDraft {
  startTime: number;
  totalTimeS: number;
  distanceM: number;
  intensity: string | null;
  trigger: string | null;
  firstPointTime: number;
  lastPointTime: number;
}

export function emptyLapDraft(startTime: number): LapDraft {
  return { startTime, totalTimeS: NaN, distanceM: NaN, intensity: null, trigger: null, firstPointTime: NaN, lastPointTime: NaN };
}

/** TCX `Intensity` is Active or Resting; we use the FIT words. */
const INTENSITY_NAMES: ReadonlyMap<string, string> = new Map([
  ["active", "active"],
  ["resting", "rest"],
]);

/** TCX `TriggerMethod` values (Manual, Distance, Location, Time, HeartRate) in snake_case. */
export function triggerName(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  return trimmed.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();
}

export function intensityName(text: string): string | null {
  const trimmed = text.trim().toLowerCase();
  return trimmed === "" ? null : (INTENSITY_NAMES.get(trimmed) ?? trimmed);
}

/**
 * A finished lap, or null when it has neither a start time nor a timed point to date it by.
 * `elapsedS` is the lap's `TotalTimeSeconds`, the only duration TCX has (Garmin writes the timer
 * time there, without pauses); `endTime` is the time of the lap's last track point.
 */
export function finishLap(draft: LapDraft): ActivityLap | null {
  const startTime = Number.isNaN(draft.startTime) ? draft.firstPointTime : draft.startTime;
  if (Number.isNaN(startTime)) return null;
  return {
    startTime,
    endTime: Number.isNaN(draft.lastPointTime) ? null : draft.lastPointTime,
    distanceM: Number.isNaN(draft.distanceM) ? null : draft.distanceM,
    elapsedS: Number.isNaN(draft.totalTimeS) ? null : draft.totalTimeS,
    trigger: draft.trigger,
    intensity: draft.intensity,
  };
}

/**
 * The device's totals: distance and timer time summed over the laps (null when no lap gives
 * them). TCX has no elapsed time, ascent or descent of its own.
 */
export function totalsFromLaps(laps: readonly ActivityLap[]): DeviceTotals | null {
  if (laps.length === 0) return null;
  return {
    distanceM: sumOrNull(laps.map((lap) => lap.distanceM)),
    elapsedS: null,
    timerS: sumOrNull(laps.map((lap) => lap.elapsedS)),
    ascentM: null,
    descentM: null,
  };
}

function sumOrNull(values: readonly (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : present.reduce((sum, value) => sum + value, 0);
}
