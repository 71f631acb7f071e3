import type { ParsedActivity } from "../activity.js";
import { chartStream } from "./chart-stream.js";
import { gainAndLoss, zigzagLegs } from "./elevation.js";
import { median } from "./numbers.js";
import {
  BEST_PACE_SHORT_WINDOW_M,
  BEST_PACE_WINDOW_M,
  CADENCE_DOUBLED_ABOVE_SPM,
  CADENCE_PLAUSIBLE_MAX_SPM,
  ELEVATION_HYSTERESIS_M,
} from "./thresholds.js";
import { buildTrack, gather, type Track } from "./track.js";
import type { ActivitySummary, BestPace } from "./types.js";

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

/**
 * Cadence that the file (or its parser) doubled twice: if the median over moving samples is above
 * 250 spm and half of it is a plausible running cadence (≤ 220 spm), every value is halved.
 */
export function correctDoubledCadence(track: Track, cadence: Float64Array | null): { cadence: Float64Array | null; halved: boolean } {
  if (cadence === null) return { cadence, halved: false };
  const moving: number[] = [];
  let above = 0;
  for (let i = 1; i < track.count; i++) {
    const v = cadence[i] ?? Number.NaN;
    if (track.moving[i] === 1 && Number.isFinite(v) && v > 0) {
      moving.push(v);
      if (v > CADENCE_DOUBLED_ABOVE_SPM) above++;
    }
  }
  if (moving.length === 0) return { cadence, halved: false };
  // The median can only be above the limit when the upper half of the values all are: most files
  // are decided here without sorting.
  if (above < moving.length - (moving.length >> 1)) return { cadence, halved: false };
  const m = median(moving);
  const half = m / 2;
  if (m <= CADENCE_DOUBLED_ABOVE_SPM || half > CADENCE_PLAUSIBLE_MAX_SPM) return { cadence, halved: false };
  return { cadence: cadence.map((v) => v / 2), halved: true };
}

/**
 * Fastest window of `windowM` metres by distance: for each sample as the window's end, the start
 * is interpolated where the distance was exactly `windowM` less. Time is the clock (elapsed), so
 * a stop inside the window counts against it.
 */
export function bestPace(track: Track): BestPace | null {
  const total = track.distanceM[track.count - 1] ?? 0;
  const windowM = total >= BEST_PACE_WINDOW_M ? BEST_PACE_WINDOW_M : total >= BEST_PACE_SHORT_WINDOW_M ? BEST_PACE_SHORT_WINDOW_M : 0;
  if (windowM === 0 || track.distanceSource === null) return null;
  const d = track.distanceM;
  const c = track.clockS;
  let best: BestPace | null = null;
  let i = 0;
  for (let j = 1; j < track.count; j++) {
    const target = (d[j] ?? 0) - windowM;
    if (target < 0) continue;
    while (i + 1 < j && (d[i + 1] ?? 0) <= target) i++;
    const d0 = d[i] ?? 0;
    const d1 = d[i + 1] ?? d0;
    const fraction = d1 > d0 ? (target - d0) / (d1 - d0) : 0;
    const startS = (c[i] ?? 0) + fraction * ((c[i + 1] ?? 0) - (c[i] ?? 0));
    const seconds = (c[j] ?? 0) - startS;
    if (seconds <= 0) continue;
    const paceSPerKm = (seconds / windowM) * 1000;
    if (best === null || paceSPerKm < best.paceSPerKm) best = { windowM, paceSPerKm, startDistanceM: target, startS };
  }
  return best;
}

function maxPositive(values: Float64Array | null): number | null {
  if (values === null) return null;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) if (Number.isFinite(v) && v > 0 && v > max) max = v;
  return finiteOrNull(max);
}

/**
 * Summary of one activity; see ActivitySummary. Method, in short: samples whose clock runs
 * backwards are dropped and clock jumps over 6 h removed (track.ts); distance from the device's
 * distance column, else haversine between positions, else speed × time; moving time is steps at
 * ≥ 0.5 m/s, with the gap rule of PAUSE_GAP_S; elevation is a ±5 s running median, a ±5 s running mean, then a 3 m
 * hysteresis; averages are over moving time, zeros ignored. All thresholds: thresholds.ts.
 */
export function summariseActivity(activity: ParsedActivity): ActivitySummary {
  const track = buildTrack(activity);
  const s = activity.samples;
  const notes: string[] = [];
  if (track.droppedSamples > 0) notes.push(`${track.droppedSamples} samples were dropped because their time ran backwards or was missing.`);
  if (track.clockJumps > 0) notes.push(`${track.clockJumps} clock jump(s) of more than 6 hours were removed from the elapsed time.`);

  const hasTime = track.count >= 2;
  const elapsedS = hasTime ? (track.clockS[track.count - 1] ?? 0) : null;
  let movingS: number | null = null;
  if (hasTime && track.distanceSource !== null) {
    movingS = 0;
    for (let i = 1; i < track.count; i++) if (track.moving[i] === 1) movingS += (track.clockS[i] ?? 0) - (track.clockS[i - 1] ?? 0);
  }
  const distanceM = hasTime && track.distanceSource !== null ? (track.distanceM[track.count - 1] ?? 0) : null;
  if (track.distanceSource === "gps") notes.push("Distance was computed from GPS positions; the file has no distance column.");
  if (track.distanceSource === "speed") notes.push("Distance was computed from speed × time; the file has neither distance nor positions.");

  let elevationGainM: number | null = null;
  let elevationLossM: number | null = null;
  if (track.altitudeM !== null) {
    const totals = gainAndLoss(zigzagLegs(track.altitudeM, ELEVATION_HYSTERESIS_M));
    elevationGainM = totals.gainM;
    elevationLossM = totals.lossM;
    if (activity.altitudeSource === "gps") notes.push("Elevation comes from GPS altitude, which is noisier than a barometer.");
  }

  const cadence = correctDoubledCadence(track, gather(s.cadenceSpm, track.source));
  const avgCadenceSpm = movingMean(track, cadence.cadence);
  if (cadence.halved)
    notes.push("Cadence was recorded doubled (median above 250 spm), as treadmill and footpod files sometimes are; it was halved.");

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
    bestPace: hasTime ? bestPace(track) : null,
    avgCadenceSpm,
    cadenceHalved: cadence.halved,
    avgHeartRate: movingMean(track, heartRate),
    maxHeartRate: maxPositive(heartRate),
    dynamics: {
      stanceTimeMs: movingMean(track, gather(s.stanceTimeMs, track.source)),
      stanceTimeBalanceLeftPct: movingMean(track, gather(s.stanceTimeBalancePct, track.source)),
      verticalOscillationMm: movingMean(track, gather(s.verticalOscillationMm, track.source)),
      verticalRatioPct: movingMean(track, gather(s.verticalRatioPct, track.source)),
      stepLengthMm: movingMean(track, gather(s.stepLengthMm, track.source)),
    },
    notes,
    stream: chartStream(track, heartRate, cadence.cadence),
  };
}
