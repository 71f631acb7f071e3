import type { ParsedActivity, Sport } from "./activity.js";
import { haversineMetres } from "./xml/geo.js";
import { median } from "../shared/quantiles.js";

/**
 * Sport for a file that does not say (a GPX without `<type>`, a TCX without `Sport`), read from
 * how the person moved. Every threshold is here:
 * - a run's typical median moving speed is 7–16 km/h; only elite runners hold more, and they do
 *   so at 170–210 steps/min with steps under 2.2 m;
 * - walking is under 7 km/h at under 140 steps/min;
 * - a step longer than 2.5 m is not a step: the "cadence" is pedal rpm (doubled as if it were
 *   one foot), so the activity is a ride;
 * - open-water swimming is 1–4.7 km/h, with no cadence sensor and no change in altitude.
 */
export const SPORT_INFERENCE = {
  movingMinMps: 0.3,
  walkBelowKmh: 7,
  walkCadenceBelowSpm: 140,
  runAtMostKmh: 16,
  /** Above this median speed nothing on foot is possible, cadence or not. */
  rideAboveKmh: 22,
  runCadenceMinSpm: 150,
  runCadenceMaxSpm: 215,
  maxStepLengthM: 2.5,
  swimBelowKmh: 4.7,
  swimMaxAltitudeRangeM: 3,
} as const;

export interface SportGuess {
  readonly sport: Sport;
  readonly evidence: string;
}

const FOOT: ReadonlySet<Sport> = new Set(["running", "trail_running", "treadmill_running", "track_running", "walking", "hiking"]);

/** Infers the sport of an activity from its samples; see {@link SPORT_INFERENCE}. */
export function inferSport(activity: ParsedActivity): SportGuess {
  const s = activity.samples;
  const speeds = movingSpeeds(activity);
  if (speeds.length < 10) return { sport: "other", evidence: "The file does not say its sport and has too little movement to tell." };
  const kmh = median(speeds)! * 3.6;
  // The parsers doubled cadence as for a foot sport; undo that to read it as the device wrote it.
  const cadence = s.cadenceSpm ? positiveMedian(s.cadenceSpm) : null;
  const stepM = cadence ? kmh / 3.6 / (cadence / 60) : null;
  const speedText = `median moving speed ${kmh.toFixed(1)} km/h`;
  const cadenceText = cadence ? `, ${Math.round(cadence)} steps/min, ${stepM?.toFixed(2)} m a step` : ", no cadence";
  const said = (sport: Sport, why: string): SportGuess => ({
    sport,
    evidence: `The file does not say its sport; ${why} (${speedText}${cadenceText}).`,
  });
  const I = SPORT_INFERENCE;
  if (kmh > I.rideAboveKmh) return said("cycling", "too fast to be on foot");
  if (stepM !== null && stepM > I.maxStepLengthM)
    return said("cycling", "each cadence beat covers more ground than a step can, so it is pedalling");
  if (kmh > I.runAtMostKmh) {
    const runnerCadence = cadence !== null && cadence >= I.runCadenceMinSpm && cadence <= I.runCadenceMaxSpm;
    return runnerCadence
      ? said("running", "fast, but with a runner's cadence and step")
      : said("cycling", "faster than running without a runner's cadence");
  }
  if (kmh < I.swimBelowKmh && cadence === null && altitudeRange(s.altitude) < I.swimMaxAltitudeRangeM) {
    return said("swimming", "slow, level and without steps, as an open-water swim");
  }
  if (kmh < I.walkBelowKmh && (cadence === null || cadence < I.walkCadenceBelowSpm)) return said("walking", "a walking speed");
  return said("running", "a running speed");
}

/** Applies a sport to a parsed leg whose cadence the parser scaled as a foot sport. */
export function withSport(activity: ParsedActivity, sport: Sport, evidence: string | null): ParsedActivity {
  const wasFoot = FOOT.has(activity.sport);
  const isFoot = FOOT.has(sport);
  const cadence = activity.samples.cadenceSpm;
  const factor = wasFoot === isFoot || !cadence ? 1 : isFoot ? 2 : 0.5;
  return {
    ...activity,
    sport,
    sportEvidence: evidence,
    samples: factor === 1 || !cadence ? activity.samples : { ...activity.samples, cadenceSpm: cadence.map((v) => v * factor) },
  };
}

function movingSpeeds(activity: ParsedActivity): Float64Array {
  const s = activity.samples;
  const out = new Float64Array(Math.max(0, s.count - 1));
  let n = 0;
  for (let i = 1; i < s.count; i++) {
    const dt = ((s.time[i] ?? NaN) - (s.time[i - 1] ?? NaN)) / 1000;
    if (!(dt > 0) || dt > 600) continue;
    let v = s.speed?.[i] ?? NaN;
    if (!Number.isFinite(v) && s.distance) v = ((s.distance[i] ?? NaN) - (s.distance[i - 1] ?? NaN)) / dt;
    if (!Number.isFinite(v) && s.lat && s.lon) {
      v = haversineMetres(s.lat[i - 1] ?? NaN, s.lon[i - 1] ?? NaN, s.lat[i] ?? NaN, s.lon[i] ?? NaN) / dt;
    }
    // 60 m/s is faster than any human-powered sport; beyond it the sample is noise.
    if (Number.isFinite(v) && v >= SPORT_INFERENCE.movingMinMps && v < 60) out[n++] = v;
  }
  return out.subarray(0, n);
}

function positiveMedian(values: Float64Array): number | null {
  const kept = values.filter((v) => Number.isFinite(v) && v > 0);
  return kept.length >= 10 ? median(kept)! : null;
}

function altitudeRange(values: Float64Array | null): number {
  if (!values) return 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi >= lo ? hi - lo : 0;
}
