import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareAroundDate, type OutcomeRun } from "./compare.js";
import { cadenceAtPace } from "./run-fits.js";
import { mean } from "./stats.js";
import { buildRun, buildStream, shiftCadence, TREATMENT } from "../../../test/support/training/outcome-runs.js";
import { MIN_RUNS_PER_SIDE } from "./thresholds.js";

// Before: cadence = 150 + 6·(speed − 3) spm. After: +4 spm at every speed, and the runs are faster.
const cadenceBefore = (s: number): number => 150 + 6 * (s - 3);
const cadenceAfter = (s: number): number => cadenceBefore(s) + 4;

// Before: heart rate = 60 + 33·speed. After: at any heart rate the runner is 10 s/km faster.
const heartRateBefore = (s: number): number => 60 + 33 * s;
const heartRateAfter = (s: number): number => heartRateBefore(1000 / (1000 / s + 10));

function cadenceRuns(): OutcomeRun[] {
  const easy = [2.7, 3.0, 3.3];
  const quick = [3.2, 3.5, 3.8];
  const shifted = (speeds: number[], by: number) => speeds.map((s) => s + by);
  return [
    buildRun(-12, { speedsMs: easy, cadence: cadenceBefore, noise: 1, seed: 1 }),
    buildRun(-7, { speedsMs: shifted(easy, 0.05), cadence: cadenceBefore, noise: 1, seed: 2 }),
    buildRun(-2, { speedsMs: shifted(easy, -0.05), cadence: cadenceBefore, noise: 1, seed: 3 }),
    buildRun(2, { speedsMs: quick, cadence: cadenceAfter, noise: 1, seed: 4 }),
    buildRun(6, { speedsMs: shifted(quick, 0.05), cadence: cadenceAfter, noise: 1, seed: 5 }),
    buildRun(10, { speedsMs: shifted(quick, -0.05), cadence: cadenceAfter, noise: 1, seed: 6 }),
  ];
}

function heartRateRuns(): OutcomeRun[] {
  const speeds = [2.7, 3.0, 3.3];
  return [
    buildRun(-10, { speedsMs: speeds, heartRate: heartRateBefore, noise: 1, seed: 11, pointsPerSpeed: 60 }),
    buildRun(-5, { speedsMs: speeds.map((s) => s + 0.05), heartRate: heartRateBefore, noise: 1, seed: 12, pointsPerSpeed: 60 }),
    buildRun(3, { speedsMs: speeds.map((s) => s + 0.1), heartRate: heartRateAfter, noise: 1, seed: 13, pointsPerSpeed: 60 }),
    buildRun(8, { speedsMs: speeds.map((s) => s + 0.15), heartRate: heartRateAfter, noise: 1, seed: 14, pointsPerSpeed: 60 }),
  ];
}

describe("compareAroundDate: cadence at matched pace", () => {
  it("finds the true +4 spm at the usual easy pace although the after runs are faster", () => {
    const runs = cadenceRuns();
    const result = compareAroundDate(runs, TREATMENT);
    const cadence = result.cadenceAtMatchedPace;

    expect(result.matchedPaceSource).toBe("before_runs");
    expect(result.matchedPaceSPerKm).toBeCloseTo(1000 / 3, 0);
    expect(cadence.enough).toBe(true);
    expect(cadence.runsBefore).toBe(3);
    expect(cadence.runsAfter).toBe(3);
    expect(cadence.before).toBeCloseTo(150, 0);
    expect(cadence.after).toBeCloseTo(154, 0);
    expect(cadence.change).toBeGreaterThan(3.5);
    expect(cadence.change).toBeLessThan(4.5);
    expect(cadence.unit).toBe("spm");

    // The naive comparison of mean cadence mixes in the faster pace of the after runs.
    const meanCadence = (r: OutcomeRun): number => mean(r.stream.cadenceSpm.filter((c): c is number => c !== null));
    const naive = mean(runs.slice(3).map(meanCadence)) - mean(runs.slice(0, 3).map(meanCadence));
    expect(naive).toBeGreaterThan(6.5);
  });

  it("evaluates at the easy pace it is given", () => {
    const result = compareAroundDate(cadenceRuns(), TREATMENT, { easyPaceSPerKm: 1000 / 3.2 });
    expect(result.matchedPaceSource).toBe("given");
    expect(result.cadenceAtMatchedPace.before).toBeCloseTo(151.2, 0);
    expect(result.cadenceAtMatchedPace.change).toBeCloseTo(4, 0);
  });

  it("ignores runs outside the windows", () => {
    const wild = { speedsMs: [3, 3.3], cadence: () => 200 };
    const runs = [...cadenceRuns(), buildRun(-15, wild), buildRun(14, wild), buildRun(30, wild)];
    const result = compareAroundDate(runs, TREATMENT);
    expect([result.runsInBefore, result.runsInAfter]).toEqual([3, 3]);
    expect(result.cadenceAtMatchedPace.change).toBeCloseTo(4, 0);
    // A run at the treatment time itself counts as after.
    expect(compareAroundDate([...runs, buildRun(0, wild)], TREATMENT).runsInAfter).toBe(4);
    const narrow = compareAroundDate(runs, TREATMENT, { windowDays: 7 });
    expect([narrow.runsInBefore, narrow.runsInAfter]).toEqual([2, 2]);
  });

  it("shifting every after-run cadence by k shifts the change by k", () => {
    const runs = cadenceRuns();
    const base = compareAroundDate(runs, TREATMENT).cadenceAtMatchedPace.change ?? Number.NaN;
    fc.assert(
      fc.property(fc.double({ min: -15, max: 15, noNaN: true }), (k) => {
        const moved = runs.map((r) => (r.startTime >= TREATMENT ? { ...r, stream: shiftCadence(r.stream, k) } : r));
        const change = compareAroundDate(moved, TREATMENT).cadenceAtMatchedPace.change ?? Number.NaN;
        expect(change - base).toBeCloseTo(k, 6);
      }),
      { numRuns: 60 },
    );
  });
});

describe("compareAroundDate: pace at matched heart rate", () => {
  it("finds the true 10 s/km improvement at the before runs' median heart rate", () => {
    const result = compareAroundDate(heartRateRuns(), TREATMENT);
    const pace = result.paceAtMatchedHeartRate;
    expect(result.matchedHeartRate).toBeGreaterThan(155);
    expect(result.matchedHeartRate).toBeLessThan(162);
    expect(pace.enough).toBe(true);
    expect(pace.unit).toBe("s/km");
    expect([pace.runsBefore, pace.runsAfter]).toEqual([2, 2]);
    expect(pace.change).toBeGreaterThan(-11);
    expect(pace.change).toBeLessThan(-9);
  });

  it("leaves the first 3 minutes out, while heart rate still lags the pace", () => {
    const runs = heartRateRuns();
    // Heart rate 40 bpm low for the first 3 minutes of every run: the result must not move.
    const lagging = runs.map((r) => ({
      ...r,
      stream: { ...r.stream, heartRate: r.stream.heartRate.map((h, k) => ((r.stream.tS[k] ?? 0) < 180 && h !== null ? h - 40 : h)) },
    }));
    const clean = compareAroundDate(runs, TREATMENT).paceAtMatchedHeartRate.change;
    expect(compareAroundDate(lagging, TREATMENT).paceAtMatchedHeartRate.change).toBe(clean);
  });

  it("says heart rate is missing when the runs carry none", () => {
    const result = compareAroundDate(cadenceRuns(), TREATMENT);
    const pace = result.paceAtMatchedHeartRate;
    expect(result.matchedHeartRate).toBeNull();
    expect(pace).toMatchObject({ enough: false, before: null, after: null, change: null });
    expect(pace.missing).toBe("needs at least 2 runs with heart rate on each side");
  });
});

describe("compareAroundDate: too few runs", () => {
  it(`shows no numbers with fewer than ${MIN_RUNS_PER_SIDE} runs on a side, and says what is missing`, () => {
    const runs = cadenceRuns().filter((r) => r.startTime > TREATMENT - 5 * 86_400_000);
    const result = compareAroundDate(runs, TREATMENT);
    const cadence = result.cadenceAtMatchedPace;
    expect(cadence).toMatchObject({ enough: false, before: null, after: null, change: null, runsBefore: 1, runsAfter: 3 });
    expect(cadence.missing).toBe("needs at least 2 runs with usable cadence on each side (before: 1, after: 3)");
    expect(cadence.caveat).toMatch(/training adaptation, fatigue, terrain, weather and shoes/);
  });

  it("shows no numbers at all when there are no runs", () => {
    const result = compareAroundDate([], TREATMENT);
    expect(result.matchedPaceSPerKm).toBeNull();
    expect(result.cadenceAtMatchedPace.enough).toBe(false);
    expect(result.cadenceAtMatchedPace.missing).toMatch(/usual easy pace/);
    for (const metric of Object.values(result.dynamics)) expect(metric).toMatchObject({ enough: false, change: null });
  });
});

describe("compareAroundDate: running dynamics", () => {
  const dyn = (stanceTimeMs: number | null, stepLengthMm: number | null) => ({
    stanceTimeMs,
    verticalOscillationMm: 85,
    verticalRatioPct: 7.5,
    stepLengthMm,
    stanceTimeBalanceLeftPct: null,
  });
  const recipe = { speedsMs: [3], cadence: cadenceBefore };

  it("averages each measure over the runs that have it", () => {
    const runs = [
      buildRun(-9, recipe, { dynamics: dyn(250, 1100) }),
      buildRun(-3, recipe, { dynamics: dyn(260, 1120) }),
      buildRun(-1, recipe),
      buildRun(2, recipe, { dynamics: dyn(240, 1150) }),
      buildRun(5, recipe, { dynamics: dyn(244, null) }),
    ];
    const { dynamics } = compareAroundDate(runs, TREATMENT);
    expect(dynamics.stanceTimeMs).toMatchObject({
      before: 255,
      after: 242,
      change: -13,
      unit: "ms",
      runsBefore: 2,
      runsAfter: 2,
      enough: true,
    });
    expect(dynamics.stepLengthMm).toMatchObject({ enough: false, before: null, runsBefore: 2, runsAfter: 1 });
    expect(dynamics.stanceTimeBalanceLeftPct).toMatchObject({ enough: false, runsBefore: 0, runsAfter: 0 });
  });
});

describe("cadenceAtPace: short or steady runs", () => {
  it("uses a steady run's mean cadence only when its pace is within 15 s/km of the matched pace", () => {
    const steady = buildStream({ speedsMs: [3], pointsPerSpeed: 40, cadence: () => 166 });
    expect(cadenceAtPace(steady, 1000 / 3 + 14)).toEqual({ value: 166, method: "mean" });
    expect(cadenceAtPace(steady, 1000 / 3 - 14)).toEqual({ value: 166, method: "mean" });
    expect(cadenceAtPace(steady, 1000 / 3 + 16)).toBeNull();
  });

  it("drops stopped points and implausible cadences before fitting", () => {
    const stream = buildStream({ speedsMs: [2.8, 0, 3.2, 3.6], cadence: cadenceBefore });
    const noisy = { ...stream, cadenceSpm: stream.cadenceSpm.map((c, k) => (k % 10 === 0 ? 90 : k % 10 === 5 ? 250 : c)) };
    const estimate = cadenceAtPace(noisy, 1000 / 3);
    expect(estimate?.method).toBe("fit");
    expect(estimate?.value).toBeCloseTo(150, 6);
  });

  it("does not extrapolate far past the speeds the run covered", () => {
    const stream = buildStream({ speedsMs: [4.5, 4.8, 5.1], cadence: cadenceBefore });
    expect(cadenceAtPace(stream, 1000 / 3)).toBeNull();
  });
});
