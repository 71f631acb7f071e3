import type { Random } from "../shared/random.js";
import type { FitActivityInput, FitLapInput, FitRecordInput } from "./fit/encode.js";

/** One stretch of a made-up run: how far, how fast, how steep. */
export interface RunSegment {
  distanceM: number;
  paceSPerKm: number;
  /** Rise over run in percent; negative is downhill. */
  gradePct?: number;
  /** The device lap's intensity, for structured workouts (intervals and their recoveries). */
  intensity?: FitLapInput["intensity"];
  /** Run back the way the last segment came (down the hill just climbed). */
  back?: boolean;
}

export interface SyntheticRunOptions {
  start: number;
  segments: RunSegment[];
  random: Random;
  subSport?: FitActivityInput["subSport"];
  localOffsetMinutes?: number;
  startAltitudeM?: number;
  origin?: { lat: number; lon: number };
  /** Easy-effort heart rate; harder paces push it up. */
  easyHeartRate?: number;
  /** Easy-pace cadence, steps per minute. */
  easyCadenceSpm?: number;
  /** Altitude noise, metres (GPS-like); 0 for a barometric trace. */
  altitudeNoiseM?: number;
}

const EARTH_RADIUS_M = 6_371_000;

/**
 * A believable 1 Hz running trace for the demo and the import benchmark: speed, altitude,
 * heart rate and cadence respond to each segment's pace and grade, with a little noise.
 */
export function synthesiseRun(options: SyntheticRunOptions): FitActivityInput {
  const { random } = options;
  const origin = options.origin ?? { lat: 53.35, lon: -6.26 };
  const easyHr = options.easyHeartRate ?? 142;
  const easyCadence = options.easyCadenceSpm ?? 166;
  const bearing = random.next() * 2 * Math.PI;
  const records: FitRecordInput[] = [];
  const laps: FitLapInput[] = [];
  let time = options.start;
  let distance = 0;
  /** Position along the run's one straight line, m: grows forward, shrinks on `back` segments. */
  let position = 0;
  let altitude = options.startAltitudeM ?? 40;
  let heartRate = easyHr - 20;
  for (const segment of options.segments) {
    const lapStart = time;
    const lapStartDistance = distance;
    const targetSpeed = 1000 / segment.paceSPerKm;
    const effort = 330 / segment.paceSPerKm; // ≈1 at an easy 5:30/km, >1 when faster
    const grade = (segment.gradePct ?? 0) / 100;
    const targetHr = easyHr * (0.75 + 0.25 * effort) + grade * 300;
    const cadence = easyCadence + (effort - 1) * 28 + (grade < 0 ? 4 : 0);
    const end = distance + segment.distanceM;
    while (distance < end) {
      const speed = Math.max(0.5, targetSpeed * (1 + (random.next() - 0.5) * 0.06));
      const step = Math.min(speed, end - distance);
      distance += step;
      position += segment.back === true ? -step : step;
      altitude += step * grade;
      heartRate += (targetHr - heartRate) * 0.05 + (random.next() - 0.5);
      time += 1000;
      const along = position / EARTH_RADIUS_M;
      records.push({
        time,
        lat: origin.lat + (along * Math.cos(bearing) * 180) / Math.PI,
        lon: origin.lon + (along * Math.sin(bearing) * 180) / Math.PI / Math.cos((origin.lat * Math.PI) / 180),
        distanceM: distance,
        altitudeM: altitude + (random.next() - 0.5) * 2 * (options.altitudeNoiseM ?? 0),
        speedMps: speed,
        heartRate: Math.round(heartRate),
        cadenceSpm: cadence + (random.next() - 0.5) * 4,
      });
    }
    laps.push({
      startTime: lapStart,
      endTime: time,
      distanceM: distance - lapStartDistance,
      intensity: segment.intensity ?? "active",
      trigger: "manual",
    });
  }
  return {
    sport: "running",
    subSport: options.subSport ?? "generic",
    ...(options.localOffsetMinutes === undefined ? {} : { localOffsetMinutes: options.localOffsetMinutes }),
    records,
    laps,
  };
}

/** Workout shapes the demo and the benchmark draw from. */
export const WORKOUTS = {
  easy: (km: number, pace = 340): RunSegment[] => [{ distanceM: km * 1000, paceSPerKm: pace, gradePct: 0 }],
  long: (km: number, pace = 350): RunSegment[] => [{ distanceM: km * 1000, paceSPerKm: pace, gradePct: 0.3 }],
  hillRepeats: (repeats: number, climbM = 300, gradePct = 7): RunSegment[] => [
    { distanceM: 2000, paceSPerKm: 340, gradePct: 0 },
    ...Array.from({ length: repeats }, () => [
      { distanceM: climbM, paceSPerKm: 330, gradePct },
      { distanceM: climbM, paceSPerKm: 420, gradePct: -gradePct, back: true },
    ]).flat(),
    { distanceM: 2000, paceSPerKm: 350, gradePct: 0 },
  ],
  intervals: (repeats: number, repM = 400, pace = 215): RunSegment[] => [
    { distanceM: 2000, paceSPerKm: 340, gradePct: 0, intensity: "warmup" },
    ...Array.from({ length: repeats }, () => [
      { distanceM: repM, paceSPerKm: pace, gradePct: 0, intensity: "active" as const },
      { distanceM: 200, paceSPerKm: 480, gradePct: 0, intensity: "rest" as const },
    ]).flat(),
    { distanceM: 1500, paceSPerKm: 350, gradePct: 0, intensity: "cooldown" },
  ],
  downhillTrail: (climbKm = 3, descentKm = 3, gradePct = 9): RunSegment[] => [
    { distanceM: 1000, paceSPerKm: 380, gradePct: 1 },
    { distanceM: climbKm * 1000, paceSPerKm: 480, gradePct },
    { distanceM: descentKm * 1000, paceSPerKm: 300, gradePct: -gradePct },
    { distanceM: 1000, paceSPerKm: 360, gradePct: 0 },
  ],
} as const;
