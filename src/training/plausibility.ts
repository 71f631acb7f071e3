import { RUNNING_SPORTS, type ActivitySamples, type ParsedActivity, type Sport } from "./activity.js";

/**
 * Limits beyond which a sample cannot be a person's: a value past them is cut (made missing), not
 * summed, and the cut is reported. All in one place:
 * - speed: faster than any human-powered sport (sprinters peak near 12.4 m/s; riders descend at
 *   up to ~30 m/s) — 15 m/s on foot or swimming, 35 m/s otherwise;
 * - a distance or position jump implying more than that speed between two samples;
 * - heart rate outside 25–250 bpm;
 * - cadence above 260 steps/min on foot (both feet);
 * - altitude changing faster than 15 m/s, or outside −500 to 9,000 m.
 */
export const PLAUSIBLE = {
  footMaxMps: 15,
  otherMaxMps: 35,
  heartRateMin: 25,
  heartRateMax: 250,
  footCadenceMaxSpm: 260,
  verticalMaxMps: 15,
  altitudeMinM: -500,
  altitudeMaxM: 9000,
  /** A step shorter than this at running speed (≥ 2 m/s; real steps there are 0.75 m or more) means the cadence counts both feet twice. */
  doubledStepBelowM: 0.6,
  /** When a damaged file (bad CRC) had more than this share of its samples cut (and at least rejectCutMin), it is refused. */
  rejectCutShare: 0.02,
  rejectCutMin: 5,
} as const;

const FOOT: ReadonlySet<Sport> = new Set([...RUNNING_SPORTS, "walking", "hiking"]);

export interface PlausibilityResult {
  readonly activity: ParsedActivity;
  readonly warnings: string[];
  /** Samples with at least one value cut, and their share of all samples. */
  readonly cut: number;
  readonly cutShare: number;
}

/** Cuts physically impossible values from a leg's samples; see {@link PLAUSIBLE}. Linear in the samples. */
export function cutImplausible(activity: ParsedActivity): PlausibilityResult {
  const s = activity.samples;
  const foot = FOOT.has(activity.sport);
  const maxMps = foot || activity.sport === "swimming" ? PLAUSIBLE.footMaxMps : PLAUSIBLE.otherMaxMps;
  const cutAt = new Uint8Array(s.count);
  const warnings: string[] = [];
  const report = (n: number, what: string) => {
    if (n > 0) warnings.push(`${n} ${what} ${n === 1 ? "was" : "were"} cut as physically impossible.`);
  };

  const speed = s.speed ? s.speed.slice() : null;
  if (speed) report(cutRange(speed, 0, maxMps, cutAt), `speed value(s) (over ${maxMps} m/s)`);
  const heartRate = s.heartRate ? s.heartRate.slice() : null;
  if (heartRate) report(cutRange(heartRate, PLAUSIBLE.heartRateMin, PLAUSIBLE.heartRateMax, cutAt), "heart-rate value(s)");
  let cadence: Float64Array | null = s.cadenceSpm ? s.cadenceSpm.slice() : null;
  let cadenceHalved = activity.cadenceHalved === true;
  if (cadence && foot) {
    const halved = doubledCadence(cadence, speed, s.distance, s.time);
    if (halved) {
      cadence = halved.cadence;
      cadenceHalved = true;
      warnings.push(
        `Cadence was recorded doubled: at ${halved.stepM.toFixed(2)} m a step the runner would shuffle; it was halved (${Math.round(halved.medianSpm)} → ${Math.round(halved.medianSpm / 2)} steps/min).`,
      );
    }
    report(cutRange(cadence, 0, PLAUSIBLE.footCadenceMaxSpm, cutAt), "cadence value(s)");
  }
  const altitude = s.altitude ? s.altitude.slice() : null;
  if (altitude) report(cutAltitude(altitude, s.time, cutAt), "altitude jump(s)");
  const distance = s.distance ? s.distance.slice() : null;
  if (distance) report(cutDistanceJumps(distance, s.time, maxMps, cutAt), "distance jump(s)");
  const lat = s.lat ? s.lat.slice() : null;
  const lon = s.lon ? s.lon.slice() : null;
  if (lat && lon) report(cutPositionJumps(lat, lon, s.time, maxMps, cutAt), "position jump(s)");

  let cut = 0;
  for (const c of cutAt) cut += c;
  const samples: ActivitySamples = { ...s, speed, heartRate, cadenceSpm: cadence, altitude, distance, lat, lon };
  return { activity: { ...activity, cadenceHalved, samples }, warnings, cut, cutShare: s.count > 0 ? cut / s.count : 0 };
}

function cutRange(values: Float64Array, min: number, max: number, cutAt: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? Number.NaN;
    if (Number.isFinite(v) && (v < min || v > max)) {
      values[i] = Number.NaN;
      cutAt[i] = 1;
      n++;
    } else if (!Number.isFinite(v)) values[i] = Number.NaN;
  }
  return n;
}

function cutAltitude(altitude: Float64Array, time: Float64Array, cutAt: Uint8Array): number {
  let n = 0;
  let lastV = Number.NaN;
  let lastT = Number.NaN;
  for (let i = 0; i < altitude.length; i++) {
    const v = altitude[i] ?? Number.NaN;
    if (!Number.isFinite(v)) continue;
    const t = time[i] ?? Number.NaN;
    const dt = Math.max(1, (t - lastT) / 1000);
    const outside = v < PLAUSIBLE.altitudeMinM || v > PLAUSIBLE.altitudeMaxM;
    if (outside || (Number.isFinite(lastV) && Math.abs(v - lastV) / dt > PLAUSIBLE.verticalMaxMps)) {
      altitude[i] = Number.NaN;
      cutAt[i] = 1;
      n++;
      continue;
    }
    lastV = v;
    lastT = t;
  }
  return n;
}

/** A cumulative distance that leaps (or runs backwards) is repaired: the leap is taken out of everything after it. */
function cutDistanceJumps(distance: Float64Array, time: Float64Array, maxMps: number, cutAt: Uint8Array): number {
  let n = 0;
  let offset = 0;
  let lastRaw = Number.NaN;
  let lastT = Number.NaN;
  let lastGoodMps = 0;
  for (let i = 0; i < distance.length; i++) {
    const raw = distance[i] ?? Number.NaN;
    if (!Number.isFinite(raw)) continue;
    const t = time[i] ?? Number.NaN;
    if (Number.isFinite(lastRaw)) {
      const dt = Math.max(1, (t - lastT) / 1000);
      const step = raw - lastRaw;
      if (step < 0) {
        // A reset (a chained file, a new session) starts again from zero: continue from where we were.
        offset += step;
      } else if (step / dt > maxMps) {
        // The leap is taken out; the step itself is assumed at the pace just before it.
        offset += step - lastGoodMps * dt;
        cutAt[i] = 1;
        n++;
      } else {
        lastGoodMps = step / dt;
      }
    }
    lastRaw = raw;
    lastT = t;
    distance[i] = raw - offset;
  }
  return n;
}

function cutPositionJumps(lat: Float64Array, lon: Float64Array, time: Float64Array, maxMps: number, cutAt: Uint8Array): number {
  let n = 0;
  let lastLat = Number.NaN;
  let lastLon = Number.NaN;
  let lastT = Number.NaN;
  for (let i = 0; i < lat.length; i++) {
    const a = lat[i] ?? Number.NaN;
    const b = lon[i] ?? Number.NaN;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    const t = time[i] ?? Number.NaN;
    if (Number.isFinite(lastLat)) {
      const dt = Math.max(1, (t - lastT) / 1000);
      // Equirectangular distance is plenty to tell a jump of kilometres from a stride.
      const x = ((b - lastLon) * Math.PI * 6_371_000 * Math.cos((a * Math.PI) / 180)) / 180;
      const y = ((a - lastLat) * Math.PI * 6_371_000) / 180;
      if (Math.hypot(x, y) / dt > maxMps * 2) {
        lat[i] = Number.NaN;
        lon[i] = Number.NaN;
        cutAt[i] = 1;
        n++;
        continue;
      }
    }
    lastLat = a;
    lastLon = b;
    lastT = t;
  }
  return n;
}

/**
 * Doubled cadence from the step length it implies: at running speed, a step under 0.6 m is
 * a shuffle nobody runs, while half the cadence gives a normal step. No fixed spm threshold.
 */
function doubledCadence(
  cadence: Float64Array,
  speed: Float64Array | null,
  distance: Float64Array | null,
  time: Float64Array,
): { cadence: Float64Array; stepM: number; medianSpm: number } | null {
  const steps: number[] = [];
  const cadences: number[] = [];
  for (let i = 1; i < cadence.length; i++) {
    const c = cadence[i] ?? Number.NaN;
    let v = speed?.[i] ?? Number.NaN;
    if (!Number.isFinite(v) && distance) {
      const dt = ((time[i] ?? 0) - (time[i - 1] ?? 0)) / 1000;
      if (dt > 0) v = ((distance[i] ?? Number.NaN) - (distance[i - 1] ?? Number.NaN)) / dt;
    }
    // Running speed only: slow walking has short steps for real.
    if (!(c > 0) || !(v >= 2)) continue;
    steps.push(v / (c / 60));
    cadences.push(c);
  }
  if (steps.length < 30) return null;
  const stepM = middle(steps);
  if (stepM >= PLAUSIBLE.doubledStepBelowM || stepM * 2 > 2.2) return null;
  return { cadence: cadence.map((c) => c / 2), stepM, medianSpm: middle(cadences) };
}

function middle(values: number[]): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[sorted.length >> 1] ?? 0;
}
