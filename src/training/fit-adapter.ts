import {
  RUNNING_SPORTS,
  type ActivityLap,
  type ActivityParseResult,
  type ActivitySamples,
  type ParsedActivity,
  type Sport,
} from "./activity.js";
import type { FitActivity, FitLap, FitParseResult, FitRecords, FitSession, FitSummary } from "./fit/index.js";

/** Turns our FIT decoder's output into the shape every analysis reads. */
export function fitToActivity(result: FitParseResult): ActivityParseResult {
  const multisport = runningLegs(result.activity);
  const fit = multisport?.activity ?? result.activity;
  const session = fit.sessions[0];
  const sportSource: Pick<FitSummary, "sportName" | "subSportName"> | undefined = session ?? fit.sports[0];
  const sport = fitSport(sportSource?.sportName ?? null, sportSource?.subSportName ?? null);
  const samples = samplesFrom(fit, isFootSport(sport));
  const firstTime = samples.count > 0 ? samples.time[0] : undefined;
  const startTime = session?.startTime ?? firstTime ?? fit.fileId.timeCreated;
  if (startTime === null || startTime === undefined) {
    throw new Error("FIT activity has no start time");
  }
  const device = [fit.fileId.manufacturerName, fit.fileId.productName].filter((s) => s !== null).join(" ");
  const activity: ParsedActivity = {
    format: "fit",
    sport,
    sportLabel: [sportSource?.sportName, sportSource?.subSportName].filter((s) => s && s !== "generic").join(" / ") || null,
    startTime,
    localOffsetMinutes: fit.localTimeOffsetSeconds === null ? null : Math.round(fit.localTimeOffsetSeconds / 60),
    device: device === "" ? null : device,
    // Watches record altitude from a barometer when they have one; FIT does not say which, so we do not guess.
    altitudeSource: "unknown",
    laps: fit.laps.flatMap(toLap),
    deviceTotals: session
      ? {
          distanceM: session.totalDistance,
          elapsedS: session.totalElapsedTime,
          timerS: session.totalTimerTime,
          ascentM: session.totalAscent,
          descentM: session.totalDescent,
        }
      : null,
    samples,
  };
  const warnings = result.warnings.map((w) => (w.occurrences > 1 ? `${w.message} (${w.occurrences} times)` : w.message));
  return { activity, warnings: multisport ? [...warnings, multisport.note] : warnings };
}

/**
 * A multisport file (triathlon, duathlon, brick) holds one session per leg. Only its running legs
 * are running load, so the activity keeps just their records, laps and totals; counting the
 * whole file would add the bike and swim distance to the runner's week.
 */
function runningLegs(fit: FitActivity): { activity: FitActivity; note: string } | undefined {
  if (fit.sessions.length < 2) return undefined;
  const isRun = (s: FitSession) => RUNNING_SPORTS.has(fitSport(s.sportName, s.subSportName));
  const runs = fit.sessions.filter(isRun);
  if (runs.length === 0 || runs.length === fit.sessions.length) return undefined;
  const windows = runs.map((s) => [s.startTime ?? Number.NEGATIVE_INFINITY, s.endTime ?? Number.POSITIVE_INFINITY] as const);
  const inRun = (t: number | null | undefined) => t !== null && t !== undefined && windows.some(([a, b]) => t >= a && t <= b);
  const time = fit.records.timestamp;
  const keep: number[] = [];
  for (let i = 0; i < fit.records.count; i++) if (inRun(time?.[i])) keep.push(i);
  const sum = (pick: (s: FitSession) => number | null) =>
    runs.reduce<number | null>((acc, s) => (pick(s) === null ? acc : (acc ?? 0) + (pick(s) ?? 0)), null);
  const first = runs[0];
  if (!first) return undefined;
  const merged: FitSession = {
    ...first,
    totalDistance: sum((s) => s.totalDistance),
    totalElapsedTime: sum((s) => s.totalElapsedTime),
    totalTimerTime: sum((s) => s.totalTimerTime),
    totalAscent: sum((s) => s.totalAscent),
    totalDescent: sum((s) => s.totalDescent),
  };
  const legs = fit.sessions.map((s) => s.sportName ?? "unknown").join(", ");
  return {
    activity: { ...fit, sessions: [merged], laps: fit.laps.filter((l) => inRun(l.startTime)), records: selectRecords(fit.records, keep) },
    note: `Multisport file (${legs}): only the running ${runs.length === 1 ? "leg is" : "legs are"} kept as running load.`,
  };
}

function selectRecords(records: FitRecords, keep: readonly number[]): FitRecords {
  const pick = (column: Float64Array | null): Float64Array | null =>
    column ? Float64Array.from(keep, (i) => column[i] ?? Number.NaN) : null;
  return {
    count: keep.length,
    timestamp: pick(records.timestamp),
    positionLat: pick(records.positionLat),
    positionLong: pick(records.positionLong),
    distance: pick(records.distance),
    altitude: pick(records.altitude),
    speed: pick(records.speed),
    heartRate: pick(records.heartRate),
    cadence: pick(records.cadence),
    power: pick(records.power),
    stanceTime: pick(records.stanceTime),
    stanceTimeBalance: pick(records.stanceTimeBalance),
    verticalOscillation: pick(records.verticalOscillation),
    verticalRatio: pick(records.verticalRatio),
    stepLength: pick(records.stepLength),
    developer: records.developer.map((d) => ({ field: d.field, values: Float64Array.from(keep, (i) => d.values[i] ?? Number.NaN) })),
  };
}

function toLap(lap: FitLap): ActivityLap[] {
  if (lap.startTime === null) return [];
  return [
    {
      startTime: lap.startTime,
      endTime: lap.endTime,
      distanceM: lap.totalDistance,
      elapsedS: lap.totalElapsedTime,
      trigger: lap.lapTriggerName,
      intensity: lap.intensityName,
    },
  ];
}

/** FIT sport and sub-sport names (Garmin's profile spelling) → our sport names. */
export function fitSport(sport: string | null, subSport: string | null): Sport {
  switch (sport) {
    case "running":
      if (subSport === "trail") return "trail_running";
      if (subSport === "treadmill" || subSport === "indoorRunning" || subSport === "virtualActivity") return "treadmill_running";
      if (subSport === "track") return "track_running";
      return "running";
    case "walking":
      return "walking";
    case "hiking":
      return "hiking";
    case "cycling":
      return "cycling";
    case "swimming":
      return "swimming";
    default:
      return "other";
  }
}

function isFootSport(sport: Sport): boolean {
  return sport !== "cycling" && sport !== "swimming" && sport !== "other";
}

/** Keeps only records with a timestamp, so every column lines up with time. */
function samplesFrom(fit: FitActivity, doubleCadence: boolean): ActivitySamples {
  const records = fit.records;
  const time = records.timestamp;
  if (!time) return emptySamples();
  const keep: number[] = [];
  for (let i = 0; i < records.count; i++) if (!Number.isNaN(time[i] ?? Number.NaN)) keep.push(i);
  const pick = (column: Float64Array | null, factor = 1): Float64Array | null => {
    if (!column) return null;
    const out = new Float64Array(keep.length);
    for (let j = 0; j < keep.length; j++) out[j] = (column[keep[j] ?? 0] ?? Number.NaN) * factor;
    return out;
  };
  return {
    count: keep.length,
    time: pick(time) ?? new Float64Array(0),
    lat: pick(records.positionLat),
    lon: pick(records.positionLong),
    distance: pick(records.distance),
    altitude: pick(records.altitude),
    speed: pick(records.speed),
    heartRate: pick(records.heartRate),
    cadenceSpm: pick(records.cadence, doubleCadence ? 2 : 1),
    power: pick(records.power),
    stanceTimeMs: pick(records.stanceTime),
    stanceTimeBalancePct: pick(records.stanceTimeBalance),
    verticalOscillationMm: pick(records.verticalOscillation),
    verticalRatioPct: pick(records.verticalRatio),
    stepLengthMm: pick(records.stepLength),
  };
}

function emptySamples(): ActivitySamples {
  return {
    count: 0,
    time: new Float64Array(0),
    lat: null,
    lon: null,
    distance: null,
    altitude: null,
    speed: null,
    heartRate: null,
    cadenceSpm: null,
    power: null,
    stanceTimeMs: null,
    stanceTimeBalancePct: null,
    verticalOscillationMm: null,
    verticalRatioPct: null,
    stepLengthMm: null,
  };
}
