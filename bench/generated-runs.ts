import { seededRandom } from "../src/demo/random.js";
import { encodeFitActivity } from "../src/training/fit/encode.js";
import { synthesiseRun, WORKOUTS } from "../src/training/synthetic-run.js";

/** Twelve generated runs of each kind (hills, intervals, easy, downhill trail, long), as FIT. */
export function generatedFiles(): { path: string; bytes: Uint8Array }[] {
  const random = seededRandom(11);
  const kinds = [
    () => WORKOUTS.hillRepeats(6),
    () => WORKOUTS.intervals(8),
    () => WORKOUTS.easy(10),
    () => WORKOUTS.downhillTrail(3, 3, 9),
    () => WORKOUTS.long(24),
  ];
  const start = Date.parse("2026-06-01T06:30:00Z");
  return Array.from({ length: 60 }, (_, i) => ({
    path: `generated-${i}.fit`,
    bytes: encodeFitActivity(
      synthesiseRun({ start: start + i * 86_400_000, segments: (kinds[i % kinds.length] ?? kinds[0])!(), random, localOffsetMinutes: 60 }),
    ),
  }));
}
