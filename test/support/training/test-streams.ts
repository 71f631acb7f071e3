import type { ActivityLap, ActivitySamples, ParsedActivity, Sport } from "../../../src/training/activity.js";

/**
 * Synthetic runs for the analysis tests: a run is a list of segments (distance at a pace on a
 * grade, or a pause), sampled on a regular clock. Heart rate and cadence follow pace with simple
 * made-up formulas; positions go due north from 45°N 7°E (back south on `back` segments) so
 * haversine distance equals the distance.
 */
export type StreamSegment =
  | {
      distanceM: number;
      paceSPerKm: number;
      gradePct?: number;
      intensity?: string;
      cadenceSpm?: number;
      /** Run this segment back the way it came (south): down the same hill. */
      back?: boolean;
      /** Heart rate while on this segment (default: follows pace). */
      heartRate?: number;
    }
  /** Standing still; with `recording: false` the device writes no samples (auto-pause). */
  | { pauseS: number; recording?: boolean; intensity?: string };

export interface GenerateRunOptions {
  readonly segments: readonly StreamSegment[];
  readonly sampleEveryS?: number;
  /** Uniform noise of ±noiseM on every altitude sample (GPS-like jitter). */
  readonly noiseM?: number;
  /** Wandering position error of about this many metres (AR(1), as GPS error drifts); use with omit: ["distance"]. */
  readonly positionNoiseM?: number;
  readonly seed?: number;
  readonly startTime?: number;
  readonly startAltitudeM?: number;
  readonly sport?: Sport;
  readonly altitudeSource?: ParsedActivity["altitudeSource"];
  /** One lap per segment (intensity from the segment), with this trigger. */
  readonly lapPerSegment?: { trigger: string | null };
  /** Columns to leave out (null), e.g. ["distance"] to force haversine. */
  readonly omit?: readonly ("distance" | "lat" | "lon" | "speed" | "altitude" | "heartRate" | "cadenceSpm")[];
  /** Cadence while moving, spm (default: follows pace, 170 spm at 5:00/km). */
  readonly cadenceSpm?: number;
  /** 2 for a file with doubled cadence. */
  readonly cadenceFactor?: number;
  readonly withDynamics?: boolean;
}

export const TEST_START = Date.UTC(2025, 2, 3, 7, 0, 0);
export const METRES_PER_DEGREE_LAT = (6_371_008.8 * Math.PI) / 180;

/** mulberry32: small deterministic PRNG so noisy tests are repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Piece {
  t0: number;
  t1: number;
  d0: number;
  /** Position along the north-south line at the start, m, and the direction run. */
  p0: number;
  heading: 1 | -1;
  a0: number;
  speed: number;
  climbPerM: number;
  pace: number | null;
  cadence: number | null;
  heartRate: number | null;
  recording: boolean;
}

function pieces(segments: readonly StreamSegment[], startAltitudeM: number): Piece[] {
  const out: Piece[] = [];
  let t = 0;
  let d = 0;
  let position = 0;
  let a = startAltitudeM;
  for (const seg of segments) {
    if ("pauseS" in seg) {
      out.push({
        t0: t,
        t1: t + seg.pauseS,
        d0: d,
        p0: position,
        heading: 1,
        a0: a,
        speed: 0,
        climbPerM: 0,
        pace: null,
        cadence: 0,
        heartRate: null,
        recording: seg.recording ?? true,
      });
      t += seg.pauseS;
      continue;
    }
    const duration = (seg.distanceM * seg.paceSPerKm) / 1000;
    const climbPerM = (seg.gradePct ?? 0) / 100;
    out.push({
      t0: t,
      t1: t + duration,
      d0: d,
      p0: position,
      heading: seg.back === true ? -1 : 1,
      a0: a,
      speed: 1000 / seg.paceSPerKm,
      climbPerM,
      pace: seg.paceSPerKm,
      cadence: seg.cadenceSpm ?? null,
      heartRate: seg.heartRate ?? null,
      recording: true,
    });
    t += duration;
    d += seg.distanceM;
    position += (seg.back === true ? -1 : 1) * seg.distanceM;
    a += seg.distanceM * climbPerM;
  }
  return out;
}

/** Builds a ParsedActivity from segments; see GenerateRunOptions. */
export function generateRun(options: GenerateRunOptions): ParsedActivity {
  const every = options.sampleEveryS ?? 1;
  const start = options.startTime ?? TEST_START;
  const random = seededRandom(options.seed ?? 1);
  const noise = options.noiseM ?? 0;
  const parts = pieces(options.segments, options.startAltitudeM ?? 100);
  const end = parts[parts.length - 1]?.t1 ?? 0;
  const times: number[] = [];
  for (let t = 0; t < end; t += every) times.push(t);
  times.push(end);

  const rows: {
    t: number;
    d: number;
    p: number;
    east: number;
    a: number;
    speed: number;
    pace: number | null;
    cadence: number | null;
    heartRate: number | null;
  }[] = [];
  const positionNoise = options.positionNoiseM ?? 0;
  let noiseNorth = 0;
  let noiseEast = 0;
  let p = 0;
  for (const t of times) {
    // A sample at a boundary describes the piece ending there; after an unrecorded pause, the
    // first sample is the resume sample of the next piece, as a device writes it.
    const ended = (q: Piece): boolean => t > q.t1 || (t === q.t1 && !q.recording);
    for (let q = parts[p]; q !== undefined && p + 1 < parts.length && ended(q); q = parts[p]) p++;
    const piece = parts[p];
    if (piece === undefined) continue;
    if (!piece.recording && t > piece.t0 && t < piece.t1) continue;
    const d = piece.d0 + piece.speed * (t - piece.t0);
    const a = piece.a0 + (d - piece.d0) * piece.climbPerM + noise * (2 * random() - 1);
    if (positionNoise > 0) {
      noiseNorth = noiseNorth * 0.995 + (2 * random() - 1) * positionNoise * 0.173;
      noiseEast = noiseEast * 0.995 + (2 * random() - 1) * positionNoise * 0.173;
    }
    rows.push({
      t,
      d,
      p: piece.p0 + piece.heading * (d - piece.d0) + noiseNorth,
      east: noiseEast,
      a,
      speed: piece.speed,
      pace: piece.pace,
      cadence: piece.cadence,
      heartRate: piece.heartRate,
    });
  }

  const column = (f: (r: (typeof rows)[number]) => number): Float64Array => Float64Array.from(rows, f);
  const omitted = new Set(options.omit ?? []);
  const keep = (name: NonNullable<GenerateRunOptions["omit"]>[number], values: Float64Array): Float64Array | null =>
    omitted.has(name) ? null : values;
  const factor = options.cadenceFactor ?? 1;
  const dyn = (v: number): Float64Array | null => (options.withDynamics === true ? column((r) => (r.pace === null ? 0 : v)) : null);
  const samples: ActivitySamples = {
    count: rows.length,
    time: column((r) => start + r.t * 1000),
    lat: keep(
      "lat",
      column((r) => 45 + r.p / METRES_PER_DEGREE_LAT),
    ),
    lon: keep(
      "lon",
      column((r) => 7 + r.east / (METRES_PER_DEGREE_LAT * Math.cos((45 * Math.PI) / 180))),
    ),
    distance: keep(
      "distance",
      column((r) => r.d),
    ),
    altitude: keep(
      "altitude",
      column((r) => r.a),
    ),
    speed: keep(
      "speed",
      column((r) => r.speed),
    ),
    heartRate: keep(
      "heartRate",
      column((r) => r.heartRate ?? (r.pace === null ? 100 : Math.min(200, 220 - r.pace / 5))),
    ),
    cadenceSpm: keep(
      "cadenceSpm",
      column((r) => (r.pace === null ? 0 : (r.cadence ?? options.cadenceSpm ?? 160 + (400 - r.pace) / 10) * factor)),
    ),
    power: null,
    stanceTimeMs: dyn(250),
    stanceTimeBalancePct: dyn(50.5),
    verticalOscillationMm: dyn(85),
    verticalRatioPct: dyn(7.5),
    stepLengthMm: dyn(1150),
  };

  const laps: ActivityLap[] =
    options.lapPerSegment === undefined
      ? []
      : parts.map((piece, k) => {
          const seg = options.segments[k];
          return {
            startTime: start + piece.t0 * 1000,
            endTime: start + piece.t1 * 1000,
            distanceM: piece.speed * (piece.t1 - piece.t0),
            elapsedS: piece.t1 - piece.t0,
            trigger: options.lapPerSegment?.trigger ?? null,
            intensity: seg?.intensity ?? null,
          };
        });

  return {
    format: "fit",
    sport: options.sport ?? "running",
    sportLabel: "Running",
    startTime: start,
    localOffsetMinutes: 60,
    device: "test-streams",
    altitudeSource: options.altitudeSource ?? "barometric",
    laps,
    deviceTotals: null,
    samples,
  };
}

/** The same activity with its samples picked in `order` (repeats and reordering allowed), for clock faults. */
export function reorderSamples(activity: ParsedActivity, order: readonly number[]): ParsedActivity {
  const pick = (c: Float64Array | null): Float64Array | null => (c === null ? null : Float64Array.from(order, (i) => c[i] ?? Number.NaN));
  const s = activity.samples;
  return {
    ...activity,
    samples: {
      count: order.length,
      time: pick(s.time) ?? new Float64Array(0),
      lat: pick(s.lat),
      lon: pick(s.lon),
      distance: pick(s.distance),
      altitude: pick(s.altitude),
      speed: pick(s.speed),
      heartRate: pick(s.heartRate),
      cadenceSpm: pick(s.cadenceSpm),
      power: pick(s.power),
      stanceTimeMs: pick(s.stanceTimeMs),
      stanceTimeBalancePct: pick(s.stanceTimeBalancePct),
      verticalOscillationMm: pick(s.verticalOscillationMm),
      verticalRatioPct: pick(s.verticalRatioPct),
      stepLengthMm: pick(s.stepLengthMm),
    },
  };
}

/** Indices 0..n-1. */
export const range = (n: number, from = 0): number[] => Array.from({ length: n }, (_, k) => from + k);

/** Flat easy running, for padding. */
export const flat = (distanceM: number, paceSPerKm = 360): StreamSegment => ({ distanceM, paceSPerKm, gradePct: 0 });
