import { seededRandom } from "../../src/demo/random.js";
import { encodeFitActivity } from "../../src/training/fit/encode.js";
import { synthesiseRun, WORKOUTS, type RunSegment } from "../../src/training/synthetic-run.js";

/** A generated FIT run starting at `start`, deterministic for a seed. */
export function buildFitRun(options: {
  start: string;
  segments?: RunSegment[];
  seed?: number;
  subSport?: "generic" | "trail";
}): Uint8Array {
  return encodeFitActivity(
    synthesiseRun({
      start: Date.parse(options.start),
      segments: options.segments ?? WORKOUTS.easy(8),
      random: seededRandom(options.seed ?? 1),
      ...(options.subSport ? { subSport: options.subSport } : {}),
      localOffsetMinutes: 0,
    }),
  );
}

export const DOWNHILL_TRAIL = WORKOUTS.downhillTrail(3, 3, 9);
