import type { ActivityLap, ActivityLength, ActivityParseResult, ActivitySamples, ParsedActivity, Sport } from "./activity.js";
import type { FitActivity, FitLap, FitLength, FitParseResult, FitRecords, FitSession, FitSummary } from "./fit/index.js";

/** FIT's sport number for a multisport transition (T1, T2): time between legs, not a leg. */
const TRANSITION_SPORT = 3;
/**
 * Records this far apart inside one session are two outings the watch kept in one session (a
 * run, a long stop, another run): they become two legs, so elapsed time never spans the break.
 */
export const LEG_BREAK_MS = 60 * 60_000;
/**
 * A part after such a break needs this many records to be an outing of its own; fewer are
 * records with a damaged time (a real file ends with one dated 2085), left out with a warning.
 */
export const MIN_LEG_RECORDS = 10;

/**
 * Turns our FIT decoder's output into the shape every analysis reads: one activity per leg. A
 * leg is a session (a duathlon's run, ride and run; two runs a watch saved in one file), or a
 * stretch of records after a break of {@link LEG_BREAK_MS} or more.
 */
export function fitToActivity(result: FitParseResult): ActivityParseResult {
  const fit = result.activity;
  const warnings = result.warnings.map((w) => (w.occurrences > 1 ? `${w.message} (${w.occurrences} times)` : w.message));
  const windows = legWindows(fit, warnings);
  const legs = windows.map((w) => toActivity(fit, w));
  const first = legs[0];
  if (!first) throw new Error("FIT activity has no start time");
  const checksumFailed = result.warnings.some((w) => w.code === "bad_file_crc" || w.code === "bad_header_crc");
  return { activity: first, legs, warnings, checksumFailed };
}

interface LegWindow {
  /** Inclusive bounds, Unix ms; infinite when open. */
  readonly from: number;
  readonly to: number;
  readonly session: FitSession | undefined;
  /** Keep records without a timestamp (only when the file is one leg). */
  readonly untimed: boolean;
}

function legWindows(fit: FitActivity, warnings: string[]): LegWindow[] {
  const timed = fit.sessions.filter((s) => s.startTime !== null).sort((a, b) => (a.startTime ?? 0) - (b.startTime ?? 0));
  if (timed.length >= 2) {
    const windows: LegWindow[] = [];
    let transitions = 0;
    timed.forEach((session, i) => {
      const from = session.startTime ?? 0;
      const next = timed[i + 1]?.startTime ?? Number.POSITIVE_INFINITY;
      const end = session.endTime ?? Number.POSITIVE_INFINITY;
      if (session.sport === TRANSITION_SPORT) {
        transitions += 1;
        return;
      }
      windows.push({ from, to: Math.min(end, next - 1), session, untimed: false });
    });
    const sports = timed.filter((s) => s.sport !== TRANSITION_SPORT).map((s) => s.sportName ?? "unknown");
    warnings.push(
      `The file holds ${timed.length} sessions (${sports.join(", ")}${transitions > 0 ? `, and ${transitions} transition${transitions === 1 ? "" : "s"}` : ""}); each ${transitions > 0 ? "leg" : "session"} is its own activity.`,
    );
    if (windows.length > 0) return windows;
  }
  const session = fit.sessions[0];
  const whole: LegWindow = { from: Number.NEGATIVE_INFINITY, to: Number.POSITIVE_INFINITY, session, untimed: true };
  const breaks = recordBreaks(fit.records);
  if (breaks.length === 0) return [whole];
  const bounds = [Number.NEGATIVE_INFINITY, ...breaks, Number.POSITIVE_INFINITY];
  const parts = bounds
    .slice(0, -1)
    .map((from, i): LegWindow => ({ from, to: (bounds[i + 1] ?? Number.POSITIVE_INFINITY) - 1, session: undefined, untimed: false }));
  const counts = recordsIn(fit.records, parts);
  const legs = parts.filter((_, i) => (counts[i] ?? 0) >= MIN_LEG_RECORDS);
  const strays = counts.reduce((sum, n) => (n < MIN_LEG_RECORDS ? sum + n : sum), 0);
  if (strays > 0) {
    warnings.push(
      `${strays} record${strays === 1 ? "" : "s"} dated an hour or more away from the rest, too few to be an outing of ${strays === 1 ? "its" : "their"} own (a damaged time?), ${strays === 1 ? "was" : "were"} left out.`,
    );
  }
  if (legs.length > 1) {
    warnings.push(
      `The recording stops for ${legs.length === 2 ? "a break" : `${legs.length - 1} breaks`} of an hour or more; each part is its own activity.`,
    );
  }
  return legs.length > 0 ? legs : [whole];
}

/** How many timed records fall in each window. */
function recordsIn(records: FitRecords, windows: readonly LegWindow[]): number[] {
  const counts = windows.map(() => 0);
  const time = records.timestamp;
  if (!time) return counts;
  for (let i = 0; i < records.count; i++) {
    const t = time[i] ?? Number.NaN;
    if (!Number.isFinite(t)) continue;
    const w = windows.findIndex((window) => t >= window.from && t <= window.to);
    if (w >= 0) counts[w] = (counts[w] ?? 0) + 1;
  }
  return counts;
}

/** Times of the first record after each gap of {@link LEG_BREAK_MS} or more. */
function recordBreaks(records: FitRecords): number[] {
  const time = records.timestamp;
  if (!time) return [];
  const breaks: number[] = [];
  let last = Number.NaN;
  for (let i = 0; i < records.count; i++) {
    const t = time[i] ?? Number.NaN;
    if (!Number.isFinite(t)) continue;
    if (t - last >= LEG_BREAK_MS) breaks.push(t);
    if (!(t < last)) last = t;
  }
  // A handful at most in a real file; a damaged one must not make thousands of legs.
  return breaks.length > 20 ? [] : breaks;
}

function toActivity(fit: FitActivity, window: LegWindow): ParsedActivity {
  const { session } = window;
  const inWindow = (t: number | null) => t !== null && t >= window.from && t <= window.to;
  const sportSource: Pick<FitSummary, "sportName" | "subSportName"> | undefined = session ?? fit.sports[0];
  const sport = fitSport(sportSource?.sportName ?? null, sportSource?.subSportName ?? null);
  const samples = samplesFrom(fit.records, window, isFootSport(sport));
  const firstTime = samples.count > 0 ? samples.time[0] : undefined;
  const startTime = session?.startTime ?? firstTime ?? (Number.isFinite(window.from) ? window.from : fit.fileId.timeCreated);
  if (startTime === null || startTime === undefined) {
    throw new Error("FIT activity has no start time");
  }
  const device = [fit.fileId.manufacturerName, fit.fileId.productName].filter((s) => s !== null).join(" ");
  const lengths = fit.lengths.filter((l) => window.untimed || inWindow(l.startTime)).map(toLength);
  return {
    format: "fit",
    sport,
    sportLabel: [sportSource?.sportName, sportSource?.subSportName].filter((s) => s && s !== "generic").join(" / ") || null,
    startTime,
    localOffsetMinutes: fit.localTimeOffsetSeconds === null ? null : Math.round(fit.localTimeOffsetSeconds / 60),
    device: device === "" ? null : device,
    // Watches record altitude from a barometer when they have one; FIT does not say which, so we do not guess.
    altitudeSource: "unknown",
    laps: fit.laps.filter((l) => window.untimed || inWindow(l.startTime)).flatMap(toLap),
    deviceTotals: session
      ? {
          distanceM: session.totalDistance,
          elapsedS: session.totalElapsedTime,
          timerS: session.totalTimerTime,
          ascentM: session.totalAscent,
          descentM: session.totalDescent,
          poolLengthM: session.poolLength,
        }
      : null,
    ...(lengths.length > 0 ? { lengths } : {}),
    samples,
  };
}

function toLength(length: FitLength): ActivityLength {
  return {
    startTime: length.startTime,
    elapsedS: length.totalElapsedTime,
    timerS: length.totalTimerTime,
    // Devices that leave the type out only write lengths that were swum.
    active: length.lengthType !== 0,
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

/**
 * The records of one leg: those timed inside its window. Records without a timestamp (some pool
 * swims write them) cannot be placed and are left out; their distance is recovered from lengths.
 */
function samplesFrom(records: FitRecords, window: LegWindow, doubleCadence: boolean): ActivitySamples {
  const time = records.timestamp;
  if (!time) return emptySamples();
  let kept = 0;
  let first = -1;
  let last = -1;
  for (let i = 0; i < records.count; i++) {
    const t = time[i]!;
    if (t >= window.from && t <= window.to) {
      kept++;
      if (first < 0) first = i;
      last = i;
    }
  }
  // A leg whose records sit side by side (every record of a one-leg file; a session of a
  // multisport file) reads the decoder's columns in place: nothing writes to a column once
  // decoded. Otherwise the indices kept are listed once and the values copied.
  const contiguous = kept > 0 && last - first + 1 === kept;
  const keep = new Int32Array(contiguous ? 0 : kept);
  if (!contiguous) {
    for (let i = 0, j = 0; i < records.count; i++) {
      const t = time[i]!;
      if (t >= window.from && t <= window.to) keep[j++] = i;
    }
  }
  const pick = (column: Float64Array | null, factor = 1): Float64Array | null => {
    if (!column) return null;
    if (contiguous && factor === 1 && column.length >= first + kept) return column.subarray(first, first + kept);
    const out = new Float64Array(kept);
    if (contiguous) for (let j = 0; j < kept; j++) out[j] = (column[first + j] ?? Number.NaN) * factor;
    else for (let j = 0; j < kept; j++) out[j] = (column[keep[j]!] ?? Number.NaN) * factor;
    return out;
  };
  return {
    count: kept,
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
