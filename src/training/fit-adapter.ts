import type { ActivityLap, ActivityParseResult, ActivitySamples, ParsedActivity, Sport } from "./activity.js";
import type { FitActivity, FitLap, FitParseResult, FitSummary } from "./fit/index.js";

/** Turns our FIT decoder's output into the shape every analysis reads. */
export function fitToActivity(result: FitParseResult): ActivityParseResult {
  const fit = result.activity;
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
  return { activity, warnings: result.warnings.map((w) => (w.occurrences > 1 ? `${w.message} (${w.occurrences} times)` : w.message)) };
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
