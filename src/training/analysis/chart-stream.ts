import { CHART_MAX_POINTS, CHART_STEP_S, STOPPED_BELOW_MS } from "./thresholds.js";
import type { Track } from "./track.js";
import type { ChartStream } from "./types.js";

const round1 = (v: number): number => Math.round(v * 10) / 10;
const orNull = (v: number): number | null => (Number.isFinite(v) ? round1(v) : null);

function bucketMean(values: Float64Array | null, from: number, to: number): number | null {
  if (values === null) return null;
  let sum = 0;
  let n = 0;
  for (let k = from; k <= to; k++) {
    const v = values[k] ?? Number.NaN;
    if (Number.isFinite(v) && v > 0) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? null : round1(sum / n);
}

/**
 * One point per CHART_STEP_S of the clock (wider for very long runs, so there are at most
 * CHART_MAX_POINTS): the last sample's time, distance and altitude, the mean heart rate and
 * cadence of the interval, and the pace from the distance covered since the previous point.
 * Intervals with no samples (a pause without recording) produce no point.
 */
export function chartStream(track: Track, heartRate: Float64Array | null, cadenceSpm: Float64Array | null): ChartStream {
  const totalS = track.clockS[track.count - 1] ?? 0;
  const everyS = Math.max(CHART_STEP_S, Math.ceil(totalS / (CHART_MAX_POINTS - 1)));
  const stream: ChartStream = { everyS, tS: [], distanceM: [], altitudeM: [], paceSPerKm: [], heartRate: [], cadenceSpm: [] };
  let from = 0;
  let previous = -1;
  while (from < track.count) {
    const bucket = Math.floor((track.clockS[from] ?? 0) / everyS);
    let to = from;
    while (to + 1 < track.count && Math.floor((track.clockS[to + 1] ?? 0) / everyS) === bucket) to++;
    const t = track.clockS[to] ?? 0;
    const d = track.distanceM[to] ?? 0;
    let pace: number | null = null;
    if (previous >= 0 && track.distanceSource !== null) {
      const dt = t - (track.clockS[previous] ?? 0);
      const speed = dt > 0 ? (d - (track.distanceM[previous] ?? 0)) / dt : 0;
      pace = speed >= STOPPED_BELOW_MS ? round1(1000 / speed) : null;
    }
    stream.tS.push(round1(t));
    stream.distanceM.push(track.distanceSource === null ? null : round1(d));
    stream.altitudeM.push(track.altitudeM === null ? null : orNull(track.altitudeM[to] ?? Number.NaN));
    stream.paceSPerKm.push(pace);
    stream.heartRate.push(bucketMean(heartRate, from, to));
    stream.cadenceSpm.push(bucketMean(cadenceSpm, from, to));
    previous = to;
    from = to + 1;
  }
  return stream;
}
