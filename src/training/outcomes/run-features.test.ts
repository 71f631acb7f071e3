import { describe, expect, it } from "vitest";
import { compareAroundDate, type FeaturedRun, type OutcomeRun } from "./compare.js";
import { parseRunFeatures, runFeatures, RUN_FEATURES_VERSION } from "./run-features.js";
import { cadenceAtPace, cadenceAtPaceFrom, paceAtHeartRate, paceAtHeartRateFrom } from "./run-fits.js";
import { buildRun, buildStream, TREATMENT } from "../../../test/support/training/outcome-runs.js";

/** What is stored: the features after a trip through JSON, as the database gives them back. */
function stored(run: OutcomeRun): FeaturedRun {
  const features = parseRunFeatures(JSON.stringify(runFeatures(run.stream)));
  if (!features) throw new Error("features did not survive JSON");
  return { startTime: run.startTime, features, dynamics: run.dynamics };
}

function mixedRuns(): OutcomeRun[] {
  const cadence = (s: number): number => 150 + 6 * (s - 3);
  const heartRate = (s: number): number => 60 + 33 * s;
  return [-13, -9, -6, -2, 1, 4, 9, 12].map((day, k) =>
    buildRun(day, {
      speedsMs: [2.6 + k * 0.05, 3.0, 3.4 - k * 0.03],
      cadence: (s) => cadence(s) + (day > 0 ? 3 : 0),
      heartRate: (s) => heartRate(s) - (day > 0 ? 2 : 0),
      noise: 1.5,
      seed: 20 + k,
      pointsPerSpeed: k % 3 === 0 ? 8 : 60,
    }),
  );
}

describe("run features: the comparison from stored features equals the one from streams", () => {
  it("gives identical figures, to the last bit, for fitted, mean-only and unusable runs", () => {
    const runs = mixedRuns();
    const fromStreams = compareAroundDate(runs, TREATMENT);
    expect(compareAroundDate(runs.map(stored), TREATMENT)).toEqual(fromStreams);
    expect(fromStreams.cadenceAtMatchedPace.enough).toBe(true);
    expect(fromStreams.paceAtMatchedHeartRate.enough).toBe(true);
  });

  it("gives each run's estimate at any pace or heart rate exactly as the stream does", () => {
    for (const run of mixedRuns()) {
      const features = stored(run).features;
      for (const pace of [250, 300, 333.3, 345, 400, 600])
        expect(cadenceAtPaceFrom(features, pace)).toEqual(cadenceAtPace(run.stream, pace));
      for (const hr of [130, 150, 158.7, 170]) expect(paceAtHeartRateFrom(features, hr)).toEqual(paceAtHeartRate(run.stream, hr));
    }
  });

  it("has no features for a run without usable points, and ignores stored features of another version", () => {
    const empty = runFeatures(buildStream({ speedsMs: [0, 0] }));
    expect(empty).toEqual({ version: RUN_FEATURES_VERSION, medianPace: null, medianHeartRate: null, cadence: null, heartRate: null });
    expect(parseRunFeatures(JSON.stringify({ ...empty, version: RUN_FEATURES_VERSION + 1 }))).toBeNull();
    expect(parseRunFeatures(null)).toBeNull();
    expect(parseRunFeatures("not json")).toBeNull();
  });
});
