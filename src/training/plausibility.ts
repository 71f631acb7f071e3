import { selectInPlace } from "../shared/quantiles.js";
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

  // Each column is copied only when something in it changes; an untouched column is shared.
  const speed = s.speed ? cutRange(s.speed, 0, maxMps, cutAt) : null;
  if (speed) report(speed.cut, `speed value(s) (over ${maxMps} m/s)`);
  const heartRate = s.heartRate ? cutRange(s.heartRate, PLAUSIBLE.heartRateMin, PLAUSIBLE.heartRateMax, cutAt) : null;
  if (heartRate) report(heartRate.cut, "heart-rate value(s)");
  let cadence: Float64Array | null = s.cadenceSpm;
  let cadenceHalved = activity.cadenceHalved === true;
  let cadenceCut = 0;
  if (cadence && foot) {
    const halved = doubledCadence(cadence, speed?.values ?? null, s.distance, s.time);
    if (halved) {
      cadence = halved.cadence;
      cadenceHalved = true;
      warnings.push(
        `Cadence was recorded doubled: at ${halved.stepM.toFixed(2)} m a step the runner would shuffle; it was halved (${Math.round(halved.medianSpm)} → ${Math.round(halved.medianSpm / 2)} steps/min).`,
      );
    }
    const checked = cutRange(cadence, 0, PLAUSIBLE.footCadenceMaxSpm, cutAt);
    cadenceCut = checked.cut;
    report(checked.cut, "cadence value(s)");
    cadence = checked.values;
  }
  const altitude = s.altitude ? cutAltitude(s.altitude, s.time, cutAt) : null;
  if (altitude) report(altitude.cut, "altitude jump(s)");
  const distance = s.distance ? cutDistanceJumps(s.distance, s.time, maxMps, cutAt) : null;
  if (distance) report(distance.cut, "distance jump(s)");
  const position = s.lat && s.lon ? cutPositionJumps(s.lat, s.lon, s.time, maxMps, cutAt) : null;
  if (position) report(position.cut, "position jump(s)");

  // Each sample counted once however many of its values were cut; nothing to count when no
  // check cut anything (the usual file).
  let cut = 0;
  const anyCut = [speed?.cut, heartRate?.cut, cadenceCut, altitude?.cut, distance?.cut, position?.cut].some((n) => (n ?? 0) > 0);
  if (anyCut) for (let i = 0; i < cutAt.length; i++) cut += cutAt[i]!;
  const samples: ActivitySamples = {
    ...s,
    speed: speed?.values ?? null,
    heartRate: heartRate?.values ?? null,
    cadenceSpm: cadence,
    altitude: altitude?.values ?? null,
    distance: distance?.values ?? null,
    lat: position?.lat ?? s.lat,
    lon: position?.lon ?? s.lon,
  };
  return { activity: { ...activity, cadenceHalved, samples }, warnings, cut, cutShare: s.count > 0 ? cut / s.count : 0 };
}

/** A checked column: `values` is the input itself when nothing in it had to change. */
interface Checked {
  readonly values: Float64Array;
  readonly cut: number;
}

/** Values outside min..max are cut; ±Infinity becomes NaN. */
function cutRange(input: Float64Array, min: number, max: number, cutAt: Uint8Array): Checked {
  let values: Float64Array | null = null;
  let n = 0;
  for (let i = 0; i < input.length; i++) {
    const v = input[i]!;
    if (Number.isFinite(v)) {
      if (v >= min && v <= max) continue;
      cutAt[i] = 1;
      n++;
    } else if (Number.isNaN(v)) continue;
    values ??= input.slice();
    values[i] = Number.NaN;
  }
  return { values: values ?? input, cut: n };
}

function cutAltitude(input: Float64Array, time: Float64Array, cutAt: Uint8Array): Checked {
  let altitude: Float64Array | null = null;
  let n = 0;
  let lastV = Number.NaN;
  let lastT = Number.NaN;
  for (let i = 0; i < input.length; i++) {
    const v = input[i]!;
    if (!Number.isFinite(v)) continue;
    const t = time[i] ?? Number.NaN;
    const outside = v < PLAUSIBLE.altitudeMinM || v > PLAUSIBLE.altitudeMaxM;
    // A change of at most the limit is within it over any step (dt ≥ 1 s, or NaN, which compares
    // false): the division is needed only for a bigger one.
    const change = Math.abs(v - lastV);
    if (outside || (change > PLAUSIBLE.verticalMaxMps && change / Math.max(1, (t - lastT) / 1000) > PLAUSIBLE.verticalMaxMps)) {
      altitude ??= input.slice();
      altitude[i] = Number.NaN;
      cutAt[i] = 1;
      n++;
      continue;
    }
    lastV = v;
    lastT = t;
  }
  return { values: altitude ?? input, cut: n };
}

/** A cumulative distance that leaps (or runs backwards) is repaired: the leap is taken out of everything after it. */
function cutDistanceJumps(input: Float64Array, time: Float64Array, maxMps: number, cutAt: Uint8Array): Checked {
  let distance: Float64Array | null = null;
  let n = 0;
  let offset = 0;
  let lastRaw = Number.NaN;
  let lastT = Number.NaN;
  // The last good step, kept as its metres and its two times: its speed is worked out (the same
  // division) only when a leap needs it.
  let goodStep = 0;
  let goodFrom = Number.NaN;
  let goodTo = Number.NaN;
  let anyGood = false;
  for (let i = 0; i < input.length; i++) {
    const raw = input[i]!;
    if (!Number.isFinite(raw)) continue;
    const t = time[i] ?? Number.NaN;
    if (Number.isFinite(lastRaw)) {
      const step = raw - lastRaw;
      if (step < 0) {
        // A reset (a chained file, a new session) starts again from zero: continue from where we were.
        offset += step;
      } else if (step > maxMps && step / stepSeconds(lastT, t) > maxMps) {
        // (A step of at most maxMps metres is within the limit over any step: dt ≥ 1 s, or NaN.)
        // The leap is taken out; the step itself is assumed at the pace just before it.
        const lastGoodMps = anyGood ? goodStep / stepSeconds(goodFrom, goodTo) : 0;
        offset += step - lastGoodMps * stepSeconds(lastT, t);
        cutAt[i] = 1;
        n++;
      } else {
        anyGood = true;
        goodStep = step;
        goodFrom = lastT;
        goodTo = t;
      }
    }
    lastRaw = raw;
    lastT = t;
    // Until the first repair every reading stays as it is (raw − 0 is raw): no copy needed.
    if (offset !== 0) (distance ??= input.slice())[i] = raw - offset;
  }
  return { values: distance ?? input, cut: n };
}

/** Seconds between two sample times (ms), at least 1 (NaN when either is unknown). */
function stepSeconds(from: number, to: number): number {
  return Math.max(1, (to - from) / 1000);
}

/** Positions implying more than twice the speed limit from the last kept one are cut (both columns copied only then). */
function cutPositionJumps(
  inputLat: Float64Array,
  inputLon: Float64Array,
  time: Float64Array,
  maxMps: number,
  cutAt: Uint8Array,
): { lat: Float64Array; lon: Float64Array; cut: number } {
  let lat: Float64Array | null = null;
  let lon: Float64Array | null = null;
  const metresPerDegree = (Math.PI * 6_371_000) / 180;
  let n = 0;
  let lastLat = Number.NaN;
  let lastLon = Number.NaN;
  let lastT = Number.NaN;
  for (let i = 0; i < inputLat.length; i++) {
    const a = inputLat[i]!;
    const b = inputLon[i] ?? Number.NaN;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    const t = time[i] ?? Number.NaN;
    if (Number.isFinite(lastLat)) {
      // Equirectangular distance is plenty to tell a jump of kilometres from a stride. Its
      // east and north parts together are never shorter than it (|cos| ≤ 1, hypot ≤ |x| + |y|),
      // so a step whose parts add up to well under the limit needs no cosine or hypot; nor, when
      // they add up to under the limit itself, the step's seconds (at least 1: under the limit
      // over any step; NaN stands for that, as it compares false).
      const quick = (Math.abs(b - lastLon) + Math.abs(a - lastLat)) * metresPerDegree;
      const dt = quick >= maxMps ? stepSeconds(lastT, t) : Number.NaN;
      if (quick / dt >= maxMps) {
        const x = ((b - lastLon) * Math.PI * 6_371_000 * Math.cos((a * Math.PI) / 180)) / 180;
        const y = ((a - lastLat) * Math.PI * 6_371_000) / 180;
        if (Math.hypot(x, y) / dt > maxMps * 2) {
          lat ??= inputLat.slice();
          lon ??= inputLon.slice();
          lat[i] = Number.NaN;
          lon[i] = Number.NaN;
          cutAt[i] = 1;
          n++;
          continue;
        }
      }
    }
    lastLat = a;
    lastLon = b;
    lastT = t;
  }
  return { lat: lat ?? inputLat, lon: lon ?? inputLon, cut: n };
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
  // The step length at running speed, per sample: NaN where the sample does not count.
  const stepAt = (i: number): number => {
    const c = cadence[i]!;
    let v = speed === null ? Number.NaN : speed[i]!;
    if (!Number.isFinite(v) && distance) {
      const dt = ((time[i] ?? 0) - (time[i - 1] ?? 0)) / 1000;
      if (dt > 0) v = ((distance[i] ?? Number.NaN) - (distance[i - 1] ?? Number.NaN)) / dt;
    }
    // Running speed only: slow walking has short steps for real.
    if (!(c > 0) || !(v >= 2)) return Number.NaN;
    return v / (c / 60);
  };
  // The median step (the upper middle one) is short only if more than half the steps are: a
  // count settles the usual file, whose steps are normal, without collecting and selecting them.
  let m = 0;
  let short = 0;
  for (let i = 1; i < cadence.length; i++) {
    const step = stepAt(i);
    if (step !== step) continue;
    m++;
    if (step < PLAUSIBLE.doubledStepBelowM) short++;
  }
  if (m < 30 || short < (m >> 1) + 1) return null;
  const steps = new Float64Array(m);
  const cadences = new Float64Array(m);
  for (let i = 1, k = 0; i < cadence.length; i++) {
    const step = stepAt(i);
    if (step !== step) continue;
    steps[k] = step;
    cadences[k] = cadence[i]!;
    k++;
  }
  const stepM = middle(steps);
  if (stepM >= PLAUSIBLE.doubledStepBelowM || stepM * 2 > 2.2) return null;
  return { cadence: cadence.map((c) => c / 2), stepM, medianSpm: middle(cadences) };
}

/** The upper middle value (no NaN here: both are ratios of positive numbers). */
function middle(values: Float64Array): number {
  return selectInPlace(values, values.length >> 1);
}
