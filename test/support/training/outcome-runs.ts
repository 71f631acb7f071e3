import type { ChartStream } from "../../../src/training/analysis/types.js";
import { seededRandom } from "./test-streams.js";
import type { OutcomeRun } from "../../../src/training/outcomes/compare.js";

/**
 * Chart streams built point by point for the outcome tests: the runner holds each speed for a
 * block of 5-s points, and cadence and heart rate follow given functions of speed, so the true
 * relationship (and the true before/after change) is known exactly.
 */
export const DAY = 86_400_000;
export const TREATMENT = Date.UTC(2025, 4, 12, 9, 0);

export interface RunRecipe {
  /** Speeds held in turn, m/s. */
  readonly speedsMs: readonly number[];
  /** 5-s points per speed (30 = 2.5 minutes). */
  readonly pointsPerSpeed?: number;
  readonly cadence?: (speedMs: number) => number;
  readonly heartRate?: (speedMs: number) => number;
  /** ± uniform noise on cadence (spm) and heart rate (bpm). */
  readonly noise?: number;
  readonly seed?: number;
}

export function buildStream(recipe: RunRecipe): ChartStream {
  const per = recipe.pointsPerSpeed ?? 30;
  const random = seededRandom(recipe.seed ?? 7);
  const jitter = (): number => (recipe.noise ?? 0) * (2 * random() - 1);
  const stream = {
    everyS: 5,
    tS: [] as number[],
    distanceM: [] as (number | null)[],
    altitudeM: [] as (number | null)[],
    paceSPerKm: [] as (number | null)[],
    heartRate: [] as (number | null)[],
    cadenceSpm: [] as (number | null)[],
  };
  let d = 0;
  let k = 0;
  for (const speed of recipe.speedsMs) {
    for (let i = 0; i < per; i++, k++) {
      d += speed * 5;
      stream.tS.push(k * 5);
      stream.distanceM.push(d);
      stream.altitudeM.push(100);
      stream.paceSPerKm.push(speed > 0 ? 1000 / speed : null);
      stream.cadenceSpm.push(recipe.cadence === undefined ? null : speed > 0 ? recipe.cadence(speed) + jitter() : 0);
      stream.heartRate.push(recipe.heartRate === undefined ? null : recipe.heartRate(speed) + jitter());
    }
  }
  return stream;
}

export function buildRun(daysFromTreatment: number, recipe: RunRecipe, extra: Partial<OutcomeRun> = {}): OutcomeRun {
  return { startTime: TREATMENT + daysFromTreatment * DAY, stream: buildStream(recipe), ...extra };
}

/** A stream with every cadence moved by `k` spm (stopped points stay 0). */
export function shiftCadence(stream: ChartStream, k: number): ChartStream {
  return { ...stream, cadenceSpm: stream.cadenceSpm.map((c) => (c === null || c === 0 ? c : c + k)) };
}
