import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { WeeklyLoadActivity } from "./types.js";
import { weeklyLoad } from "./weekly-load.js";

const DAY = 86_400_000;
const MONDAY = Date.UTC(2025, 2, 3, 7, 0); // Monday 3 March 2025, 07:00 UTC

function run(startTime: number, distanceM: number, extra: Partial<WeeklyLoadActivity> = {}): WeeklyLoadActivity {
  return {
    startTime,
    localOffsetMinutes: 60,
    distanceM,
    movingS: distanceM * 0.36,
    elevationGainM: 10,
    elevationLossM: 12,
    labels: [],
    ...extra,
  };
}

const options = (until: number) => ({ weekStartsOn: "monday" as const, until });

describe("weeklyLoad: weeks", () => {
  it("groups runs by ISO week in local time, with empty weeks as zero", () => {
    const weeks = weeklyLoad(
      [
        run(MONDAY, 10_000, { labels: ["long_run", "downhill"] }),
        // Sunday 9 March 22:30 UTC is Monday 10 March 00:30 at UTC+2: week 2.
        run(Date.UTC(2025, 2, 9, 22, 30), 5000, { localOffsetMinutes: 120, labels: ["easy"] }),
        // Monday 10 March 03:00 UTC is still Sunday 9 March at UTC−5: week 1.
        run(Date.UTC(2025, 2, 10, 3, 0), 3000, { localOffsetMinutes: -300, labels: ["downhill"] }),
        run(MONDAY + 21 * DAY, 8000),
      ],
      options(MONDAY + 23 * DAY),
    );
    expect(weeks.map((w) => [w.weekStart, w.isoWeek, w.distanceM, w.activities])).toEqual([
      ["2025-03-03", "2025-W10", 13_000, 2],
      ["2025-03-10", "2025-W11", 5000, 1],
      ["2025-03-17", "2025-W12", 0, 0],
      ["2025-03-24", "2025-W13", 8000, 1],
    ]);
    expect(weeks[0]?.labelCounts).toEqual({ long_run: 1, downhill: 2 });
    expect(weeks[0]?.elevationLossM).toBe(24);
    expect(weeks[0]?.movingS).toBeCloseTo(4680, 6);
  });

  it("names ISO weeks across a year boundary", () => {
    const at = (y: number, m: number, d: number) => weeklyLoad([run(Date.UTC(y, m, d, 12), 1000)], options(Date.UTC(y, m, d, 13)))[0];
    expect(at(2024, 11, 31)?.isoWeek).toBe("2025-W01");
    expect(at(2024, 11, 31)?.weekStart).toBe("2024-12-30");
    expect(at(2021, 0, 3)?.isoWeek).toBe("2020-W53");
  });

  it("runs to the week of `until`, ignoring later activities, and is empty without activities", () => {
    const weeks = weeklyLoad([run(MONDAY, 5000), run(MONDAY + 30 * DAY, 5000)], options(MONDAY + 15 * DAY));
    expect(weeks.map((w) => w.distanceM)).toEqual([5000, 0, 0]);
    expect(weeklyLoad([], options(MONDAY))).toEqual([]);
  });
});

describe("weeklyLoad: ramp and ACWR", () => {
  it("computes ramp against the mean of the 4 weeks before, null with fewer or a zero mean", () => {
    const distances = [10_000, 10_000, 10_000, 10_000, 15_000, 0, 0, 0, 0, 5000];
    const activities = distances.flatMap((d, w) => (d > 0 ? [run(MONDAY + 7 * w * DAY, d)] : []));
    const ramp = weeklyLoad(activities, options(MONDAY + 70 * DAY)).map((w) => w.rampPct);
    expect(ramp.slice(0, 4)).toEqual([null, null, null, null]);
    expect(ramp[4]).toBeCloseTo(50, 9);
    expect(ramp[5]).toBeCloseTo(-100, 9);
    expect(ramp[9]).toBeNull();
  });

  it("gives ACWR 1 for a steady load and the EWMA value after a week of doubled load", () => {
    // 5 km every day for 8 weeks, then 10 km every day for a week.
    const activities = Array.from({ length: 63 }, (_, d) => run(MONDAY + d * DAY, d < 56 ? 5000 : 10_000));
    const weeks = weeklyLoad(activities, options(MONDAY + 62 * DAY));
    expect(weeks.map((w) => w.acwr).slice(0, 3)).toEqual([null, null, null]);
    for (const w of weeks.slice(3, 8)) expect(w.acwr).toBeCloseTo(1, 12);
    // Williams et al. 2017: λ = 2/(N+1). From a steady L, 7 days at 2L give EWMA = 2L − L(1 − λ)^7.
    const acute = 2 - (1 - 2 / 8) ** 7;
    const chronic = 2 - (1 - 2 / 29) ** 7;
    expect(weeks[8]?.acwr).toBeCloseTo(acute / chronic, 12);
    expect(weeks[8]?.acuteDailyM).toBeCloseTo(5000 * acute, 6);
    expect(weeks[8]?.acwr).toBeCloseTo(1.3394, 4);
  });

  it("evaluates the last week's ACWR on the `until` day, not its Sunday", () => {
    const activities = Array.from({ length: 35 }, (_, d) => run(MONDAY + d * DAY, 5000));
    const midWeek = weeklyLoad(activities, options(MONDAY + 36 * DAY));
    // Two rest days after a steady month: EWMA decays by (1 − λ)^2.
    expect(midWeek[5]?.acwr).toBeCloseTo((1 - 2 / 8) ** 2 / (1 - 2 / 29) ** 2, 12);
  });

  it("states on every week that ACWR describes load change and does not predict injury", () => {
    const weeks = weeklyLoad([run(MONDAY, 5000), run(MONDAY + 20 * DAY, 5000)], options(MONDAY + 20 * DAY));
    for (const w of weeks) expect(w.caveat).toMatch(/^ACWR describes load change; it does not predict injury on its own\./);
  });

  it("keeps every metre: weekly distances sum to the total of the runs up to `until`", () => {
    const activity = fc.record({
      startTime: fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2025, 0, 1) }),
      localOffsetMinutes: fc.option(fc.integer({ min: -720, max: 840 }), { nil: null }),
      distanceM: fc.integer({ min: 0, max: 60_000 }),
      movingS: fc.integer({ min: 0, max: 20_000 }),
      elevationGainM: fc.integer({ min: 0, max: 3000 }),
      elevationLossM: fc.integer({ min: 0, max: 3000 }),
      labels: fc.array(fc.constantFrom("long_run", "downhill", "intervals", "easy"), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(activity, { maxLength: 40 }),
        fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2025, 1, 1) }),
        (runs, until) => {
          const weeks = weeklyLoad(runs, options(until));
          const included = runs.filter((r) => r.startTime <= until);
          const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
          expect(sum(weeks.map((w) => w.distanceM))).toBe(sum(included.map((r) => r.distanceM)));
          expect(sum(weeks.map((w) => w.activities))).toBe(included.length);
          for (const [k, w] of weeks.entries()) {
            if (k > 0) expect(Date.parse(w.weekStart) - Date.parse(weeks[k - 1]?.weekStart ?? "")).toBe(7 * DAY);
            expect(new Date(w.weekStart).getUTCDay()).toBe(1);
            for (const v of [w.rampPct, w.acwr]) expect(v === null || Number.isFinite(v)).toBe(true);
          }
        },
      ),
    );
  });
});
