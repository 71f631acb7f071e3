import type { ParsedActivity } from "../activity.js";
import { chartStream } from "./chart-stream.js";
import { gainAndLoss } from "./elevation.js";
import { BEST_PACE_SHORT_WINDOW_M, BEST_PACE_WINDOW_M, CHART_STEP_S, ELEVATION_HYSTERESIS_M } from "./thresholds.js";
import { altitudeLegs, buildTrack, gather, type Track } from "./track.js";
import type { ActivitySummary, BestPace, RunningDynamics } from "./types.js";

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Mean of the positive values over moving steps, each weighted by its step's duration. */
function movingMean(track: Track, values: Float64Array | null): number | null {
  if (values === null) return null;
  let sum = 0;
  let weight = 0;
  for (let i = 1; i < track.count; i++) {
    const v = values[i] ?? Number.NaN;
    if (track.moving[i] !== 1 || !Number.isFinite(v) || v <= 0) continue;
    const dt = (track.clockS[i] ?? 0) - (track.clockS[i - 1] ?? 0);
    sum += v * dt;
    weight += dt;
  }
  return weight > 0 ? sum / weight : null;
}

/** movingClock's last value (the same sums in the same order), without the per-sample column. */
function movingSeconds(track: Track): number {
  let total = 0;
  for (let i = 1; i < track.count; i++) {
    const dt = (track.clockS[i] ?? 0) - (track.clockS[i - 1] ?? 0);
    total += track.moving[i] === 1 ? dt : 0;
  }
  return total;
}

/** Moving seconds from the start to each sample: the clock with the stopped steps left out. */
export function movingClock(track: Track): Float64Array {
  const out = new Float64Array(track.count);
  for (let i = 1; i < track.count; i++) {
    const dt = (track.clockS[i] ?? 0) - (track.clockS[i - 1] ?? 0);
    out[i] = (out[i - 1] ?? 0) + (track.moving[i] === 1 ? dt : 0);
  }
  return out;
}

/**
 * Fastest window of `windowM` metres by distance: for each sample as the window's end, the start
 * is interpolated where the distance was exactly `windowM` less. The window is timed in moving
 * time, like the average pace, so a stop inside it does not count: consecutive whole kilometres
 * add up to the moving time over them, and the best of them is never slower than their average.
 */
export function bestPace(track: Track, moved: Float64Array = movingClock(track)): BestPace | null {
  const total = track.distanceM[track.count - 1] ?? 0;
  const windowM = total >= BEST_PACE_WINDOW_M ? BEST_PACE_WINDOW_M : total >= BEST_PACE_SHORT_WINDOW_M ? BEST_PACE_SHORT_WINDOW_M : 0;
  if (windowM === 0 || track.distanceSource === null) return null;
  const d = track.distanceM;
  const c = track.clockS;
  const n = track.count;
  // The best window so far, kept in locals (no object per improvement); the first of equals wins.
  let found = false;
  let bestPaceSPerKm = 0;
  let bestStartDistanceM = 0;
  let bestStartS = 0;
  // A window taking no less time than the best cannot have a smaller pace (dividing by the same
  // distance keeps the order), so its pace is not worked out.
  let bestSeconds = Number.POSITIVE_INFINITY;
  // The window's time is piecewise linear in where it ends, with corners where either edge is at
  // a sample: windows ending at each sample, then windows starting at each sample, find its minimum.
  // Where a target distance falls between samples k and k+1 is the share f of the way from k to
  // k+1; clock and moving time are interpolated there.
  let i = 0;
  for (let j = 1; j < n; j++) {
    const target = d[j]! - windowM;
    if (target < 0) continue;
    while (i + 1 < j && d[i + 1]! <= target) i++;
    const f = fractionAt(d, i, n, target);
    const seconds = moved[j]! - lerpAt(moved, i, n, f);
    if (seconds <= 0 || seconds >= bestSeconds) continue;
    const paceSPerKm = (seconds / windowM) * 1000;
    if (!found || paceSPerKm < bestPaceSPerKm) {
      found = true;
      bestSeconds = seconds;
      bestPaceSPerKm = paceSPerKm;
      bestStartDistanceM = target;
      bestStartS = lerpAt(c, i, n, f);
    }
  }
  let k = 0;
  for (let j = 0; j < n; j++) {
    const target = d[j]! + windowM;
    if (target > total) break;
    while (k + 1 < n && d[k + 1]! < target) k++;
    const seconds = lerpAt(moved, k, n, fractionAt(d, k, n, target)) - moved[j]!;
    if (seconds <= 0 || seconds >= bestSeconds) continue;
    const paceSPerKm = (seconds / windowM) * 1000;
    if (!found || paceSPerKm < bestPaceSPerKm) {
      found = true;
      bestSeconds = seconds;
      bestPaceSPerKm = paceSPerKm;
      bestStartDistanceM = d[j]!;
      bestStartS = c[j]!;
    }
  }
  return found ? { windowM, paceSPerKm: bestPaceSPerKm, startDistanceM: bestStartDistanceM, startS: bestStartS } : null;
}

/** Where `target` falls between samples k and k+1 of the distances `d`: the share of the way from k to k+1. */
function fractionAt(d: Float64Array, k: number, n: number, target: number): number {
  const d0 = d[k]!;
  const d1 = k + 1 < n ? d[k + 1]! : d0;
  return d1 > d0 ? (target - d0) / (d1 - d0) : 0;
}

/** `values` interpolated the share f of the way from sample k to k+1. */
function lerpAt(values: Float64Array, k: number, n: number, f: number): number {
  const v = values[k]!;
  return v + f * ((k + 1 < n ? values[k + 1]! : v) - v);
}

function noChart(): ActivitySummary["stream"] {
  return { everyS: CHART_STEP_S, tS: [], distanceM: [], altitudeM: [], paceSPerKm: [], heartRate: [], cadenceSpm: [] };
}

function runningDynamics(track: Track, s: ParsedActivity["samples"]): RunningDynamics {
  return {
    stanceTimeMs: movingMean(track, gather(s.stanceTimeMs, track.source)),
    stanceTimeBalanceLeftPct: movingMean(track, gather(s.stanceTimeBalancePct, track.source)),
    verticalOscillationMm: movingMean(track, gather(s.verticalOscillationMm, track.source)),
    verticalRatioPct: movingMean(track, gather(s.verticalRatioPct, track.source)),
    stepLengthMm: movingMean(track, gather(s.stepLengthMm, track.source)),
  };
}

const NO_DYNAMICS: RunningDynamics = {
  stanceTimeMs: null,
  stanceTimeBalanceLeftPct: null,
  verticalOscillationMm: null,
  verticalRatioPct: null,
  stepLengthMm: null,
};

function maxPositive(values: Float64Array | null): number | null {
  if (values === null) return null;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v) && v > 0 && v > max) max = v;
  }
  return finiteOrNull(max);
}

export interface SummaryOptions {
  /**
   * false: the headline and what the labels read, nothing more: no chart stream (an empty one),
   * best pace, maximum heart rate or running dynamics (null). `palpable activity` prints none of
   * them and asks for none.
   */
  readonly detail?: boolean;
}

/**
 * Summary of one activity; see ActivitySummary. Method, in short: samples whose clock runs
 * backwards are dropped and clock jumps over 6 h removed (track.ts); distance from the device's
 * distance column, else haversine between positions, else speed × time; moving time leaves out
 * only the steps where the runner got nowhere (moving.ts: under 0.3 m/s over ~30 s, or standing);
 * best pace is timed in moving time too; elevation is a ±5 s running median, a ±5 s running mean, then a 3 m
 * hysteresis; averages are over moving time, zeros ignored. All thresholds: thresholds.ts.
 */
export function summariseActivity(activity: ParsedActivity, options: SummaryOptions = {}): ActivitySummary {
  const detail = options.detail !== false;
  const track = buildTrack(activity);
  const s = activity.samples;
  const notes: string[] = [];
  if (track.droppedSamples > 0) notes.push(`${track.droppedSamples} samples were dropped because their time ran backwards or was missing.`);
  if (track.clockJumps > 0) notes.push(`${track.clockJumps} clock jump(s) of more than 6 hours were removed from the elapsed time.`);

  const hasTime = track.count >= 2;
  const elapsedS = hasTime ? (track.clockS[track.count - 1] ?? 0) : null;
  const moved = detail ? movingClock(track) : null;
  const movedS = moved === null ? movingSeconds(track) : (moved[track.count - 1] ?? 0);
  const movingS = hasTime && track.distanceSource !== null ? movedS : null;
  const distanceM = hasTime && track.distanceSource !== null ? (track.distanceM[track.count - 1] ?? 0) : null;
  if (track.distanceSource === "gps") notes.push("Distance was computed from GPS positions; the file has no distance column.");
  if (track.distanceSource === "speed") notes.push("Distance was computed from speed × time; the file has neither distance nor positions.");

  let elevationGainM: number | null = null;
  let elevationLossM: number | null = null;
  if (track.altitudeM !== null) {
    const totals = gainAndLoss(altitudeLegs(track, ELEVATION_HYSTERESIS_M));
    elevationGainM = totals.gainM;
    elevationLossM = totals.lossM;
    if (activity.altitudeSource === "gps") notes.push("Elevation comes from GPS altitude, which is noisier than a barometer.");
  }

  // Doubled cadence was already found and halved from the step length it implies (plausibility.ts).
  const cadence = gather(s.cadenceSpm, track.source);
  const avgCadenceSpm = movingMean(track, cadence);

  const heartRate = gather(s.heartRate, track.source);
  const avgPace = distanceM !== null && movingS !== null && distanceM > 0 ? (movingS / distanceM) * 1000 : null;

  return {
    sport: activity.sport,
    sportLabel: activity.sportLabel,
    startTime: Number.isFinite(activity.startTime) ? activity.startTime : (track.timeMs[0] ?? 0),
    localOffsetMinutes: activity.localOffsetMinutes,
    elapsedS,
    movingS,
    distanceM,
    distanceSource: track.distanceSource,
    elevationGainM,
    elevationLossM,
    altitudeSource: track.altitudeM === null ? null : activity.altitudeSource,
    avgPaceSPerKm: avgPace,
    bestPace: hasTime && moved !== null ? bestPace(track, moved) : null,
    avgCadenceSpm,
    cadenceHalved: activity.cadenceHalved === true,
    avgHeartRate: movingMean(track, heartRate),
    maxHeartRate: detail ? maxPositive(heartRate) : null,
    dynamics: detail ? runningDynamics(track, s) : NO_DYNAMICS,
    notes,
    stream: detail ? chartStream(track, heartRate, cadence) : noChart(),
  };
}
