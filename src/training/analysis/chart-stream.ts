import { CHART_MAX_POINTS, CHART_STEP_S, STOPPED_BELOW_MS } from "./thresholds.js";
import type { Track } from "./track.js";
import type { ChartStream } from "./types.js";

const round1 = (v: number): number => Math.round(v * 10) / 10;
const orNull = (v: number): number | null => (Number.isFinite(v) ? round1(v) : null);

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
  const { clockS, distanceM, altitudeM, count } = track;
  const hasDistance = track.distanceSource !== null;
  // One pass: each point's interval is found and its heart rate and cadence summed as it goes.
  let from = 0;
  let previous = -1;
  while (from < count) {
    const bucket = Math.floor(clockS[from]! / everyS);
    let heartRateSum = 0;
    let heartRateN = 0;
    let cadenceSum = 0;
    let cadenceN = 0;
    let to = from;
    for (;;) {
      const hr = heartRate === null ? Number.NaN : heartRate[to]!;
      if (Number.isFinite(hr) && hr > 0) {
        heartRateSum += hr;
        heartRateN++;
      }
      const cadence = cadenceSpm === null ? Number.NaN : cadenceSpm[to]!;
      if (Number.isFinite(cadence) && cadence > 0) {
        cadenceSum += cadence;
        cadenceN++;
      }
      if (!(to + 1 < count && Math.floor(clockS[to + 1]! / everyS) === bucket)) break;
      to++;
    }
    const t = clockS[to]!;
    const d = distanceM[to]!;
    let pace: number | null = null;
    if (previous >= 0 && hasDistance) {
      const dt = t - clockS[previous]!;
      const speed = dt > 0 ? (d - distanceM[previous]!) / dt : 0;
      pace = speed >= STOPPED_BELOW_MS ? round1(1000 / speed) : null;
    }
    stream.tS.push(round1(t));
    stream.distanceM.push(hasDistance ? round1(d) : null);
    stream.altitudeM.push(altitudeM === null ? null : orNull(altitudeM[to]!));
    stream.paceSPerKm.push(pace);
    stream.heartRate.push(heartRate === null || heartRateN === 0 ? null : round1(heartRateSum / heartRateN));
    stream.cadenceSpm.push(cadenceSpm === null || cadenceN === 0 ? null : round1(cadenceSum / cadenceN));
    previous = to;
    from = to + 1;
  }
  return stream;
}
