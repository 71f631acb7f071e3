import { describe, expect, it } from "vitest";
import { seededRandom } from "../demo/random.js";
import { summariseActivity } from "./analysis/index.js";
import { encodeFitActivity } from "./fit/encode.js";
import { parseFit } from "./fit/index.js";
import { fitToActivity } from "./fit-adapter.js";
import { synthesiseRun, WORKOUTS } from "./synthetic-run.js";

describe("FIT to activity", () => {
  it("makes each leg of a multisport file its own activity, so bike distance never counts as running", () => {
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
    const { legs, warnings } = fitToActivity(parseFit(bytes));
    expect(legs?.map((l) => l.sport)).toEqual(["cycling", "running"]);
    const activity = legs?.[1];
    if (!activity) throw new Error("no running leg");
    expect(activity.startTime).toBe(Math.floor(runStart / 1000) * 1000);
    expect(activity.laps).toHaveLength(1);
    expect(activity.deviceTotals?.distanceM).toBeCloseTo(5000, 0);
    expect(summariseActivity(activity).distanceM).toBeGreaterThan(4900);
    expect(summariseActivity(activity).distanceM).toBeLessThan(5100);
    expect(summariseActivity(legs[0] ?? activity).distanceM).toBeGreaterThan(19_000);
    expect(warnings.at(-1)).toBe("The file holds 2 sessions (cycling, running); each session is its own activity.");
  });

  it("splits two runs saved in one file 80 minutes apart, so elapsed time never spans the break", () => {
    const random = seededRandom(5);
    const start = Date.parse("2026-06-07T08:00:00Z");
    const first = synthesiseRun({ start, segments: WORKOUTS.easy(3), random });
    const firstEnd = first.records.at(-1)?.time ?? start;
    const second = synthesiseRun({ start: firstEnd + 80 * 60_000, segments: WORKOUTS.easy(3), random });
    const secondEnd = second.records.at(-1)?.time ?? 0;
    const records = [...first.records, ...second.records];
    const both = (sessions: boolean) =>
      fitToActivity(
        parseFit(
          encodeFitActivity({
            sport: "running",
            records,
            ...(sessions
              ? {
                  sessions: [
                    { sport: "running", startTime: start, endTime: firstEnd, distanceM: 3000 },
                    { sport: "running", startTime: second.records[0]?.time ?? 0, endTime: secondEnd, distanceM: 3000 },
                  ],
                }
              : {}),
          }),
        ),
      );
    for (const withSessions of [true, false]) {
      const { legs } = both(withSessions);
      expect(legs).toHaveLength(2);
      for (const leg of legs ?? []) {
        const summary = summariseActivity(leg);
        expect(summary.elapsedS).toBeLessThan(40 * 60);
        expect(summary.distanceM).toBeGreaterThan(2800);
        expect(summary.distanceM).toBeLessThan(3200);
      }
    }
  });

  it("leaves out a lone record dated decades later instead of making it an outing of its own", () => {
    const start = Date.parse("2021-09-27T14:13:10Z");
    const run = synthesiseRun({ start, segments: WORKOUTS.easy(3), random: seededRandom(6) });
    const last = run.records.at(-1)!;
    // As in a real phone recording whose last record before the damage reads 2085.
    const records = [...run.records, { ...last, time: Date.parse("2085-12-21T16:46:58Z") }];
    const { legs, warnings } = fitToActivity(parseFit(encodeFitActivity({ sport: "running", records })));
    expect(legs).toHaveLength(1);
    const summary = summariseActivity(legs?.[0] ?? fitToActivity(parseFit(encodeFitActivity(run))).activity);
    expect(summary.elapsedS).toBeLessThan(30 * 60);
    expect(summary.distanceM).toBeGreaterThan(2800);
    expect(warnings).toContain(
      "1 record dated an hour or more away from the rest, too few to be an outing of its own (a damaged time?), was left out.",
    );
    expect(warnings.join(" ")).not.toMatch(/each part is its own activity/);
  });

  it("doubles FIT's one-foot running cadence into steps per minute", () => {
    const input = synthesiseRun({ start: Date.parse("2026-06-01T08:00:00Z"), segments: WORKOUTS.easy(1), random: seededRandom(4) });
    const { activity } = fitToActivity(parseFit(encodeFitActivity(input)));
    expect(activity.samples.cadenceSpm?.[10]).toBeCloseTo(input.records[10]?.cadenceSpm ?? 0, 0);
    expect(activity.samples.cadenceSpm?.[10]).toBeGreaterThan(150);
  });
});
