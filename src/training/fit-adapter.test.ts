import { describe, expect, it } from "vitest";
import { seededRandom } from "../demo/random.js";
import { summariseActivity } from "./analysis/index.js";
import { encodeFitActivity } from "./fit/encode.js";
import { parseFit } from "./fit/index.js";
import { fitToActivity } from "./fit-adapter.js";
import { synthesiseRun, WORKOUTS } from "./synthetic-run.js";

describe("FIT to activity", () => {
  it("keeps only the running leg of a multisport file, so bike distance never counts as running", () => {
    const random = seededRandom(3);
    const start = Date.parse("2026-06-07T08:00:00Z");
    const bike = synthesiseRun({ start, segments: [{ distanceM: 20_000, paceSPerKm: 120 }], random });
    const bikeEnd = bike.records.at(-1)?.time ?? start;
    const bikeKm = bike.records.at(-1)?.distanceM ?? 0;
    const run = synthesiseRun({ start: bikeEnd + 60_000, segments: WORKOUTS.easy(5), random });
    const records = [...bike.records, ...run.records.map((r) => ({ ...r, distanceM: (r.distanceM ?? 0) + bikeKm }))];
    const runStart = run.records[0]?.time ?? 0;
    const runEnd = run.records.at(-1)?.time ?? 0;
    const bytes = encodeFitActivity({
      sport: "running",
      records,
      laps: [
        { startTime: start, endTime: bikeEnd, distanceM: bikeKm },
        { startTime: runStart, endTime: runEnd, distanceM: 5000 },
      ],
      sessions: [
        { sport: "cycling", startTime: start, endTime: bikeEnd, distanceM: bikeKm },
        { sport: "running", startTime: runStart, endTime: runEnd, distanceM: 5000 },
      ],
    });
    const { activity, warnings } = fitToActivity(parseFit(bytes));
    expect(activity.sport).toBe("running");
    expect(activity.startTime).toBe(Math.floor(runStart / 1000) * 1000);
    expect(activity.laps).toHaveLength(1);
    expect(activity.deviceTotals?.distanceM).toBeCloseTo(5000, 0);
    expect(summariseActivity(activity).distanceM).toBeGreaterThan(4900);
    expect(summariseActivity(activity).distanceM).toBeLessThan(5100);
    expect(warnings.at(-1)).toBe("Multisport file (cycling, running): only the running leg is kept as running load.");
  });

  it("doubles FIT's one-foot running cadence into steps per minute", () => {
    const input = synthesiseRun({ start: Date.parse("2026-06-01T08:00:00Z"), segments: WORKOUTS.easy(1), random: seededRandom(4) });
    const { activity } = fitToActivity(parseFit(encodeFitActivity(input)));
    expect(activity.samples.cadenceSpm?.[10]).toBeCloseTo(input.records[10]?.cadenceSpm ?? 0, 0);
    expect(activity.samples.cadenceSpm?.[10]).toBeGreaterThan(150);
  });
});
