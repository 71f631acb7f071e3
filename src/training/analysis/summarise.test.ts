import { describe, expect, it } from "vitest";
import { summariseActivity } from "./summarise.js";
import { flat, generateRun, range, reorderSamples, TEST_START, type StreamSegment } from "../../../test/support/training/test-streams.js";
import type { ParsedActivity } from "../activity.js";
import { cutImplausible } from "../plausibility.js";

const climb = (gainM: number, gradePct: number, paceSPerKm = 420): StreamSegment => ({
  distanceM: (gainM / gradePct) * 100,
  paceSPerKm,
  gradePct,
});

function shiftTimesFrom(activity: ParsedActivity, from: number, deltaMs: number): ParsedActivity {
  const time = activity.samples.time.map((t, i) => (i >= from ? t + deltaMs : t));
  return { ...activity, samples: { ...activity.samples, time } };
}

function hasNaN(value: unknown): boolean {
  if (typeof value === "number") return Number.isNaN(value);
  if (Array.isArray(value)) return value.some(hasNaN);
  if (value !== null && typeof value === "object") return Object.values(value).some(hasNaN);
  return false;
}

describe("summariseActivity: time, distance and pace", () => {
  it("reports distance, elapsed and moving time, average and best pace of a steady run", () => {
    const s = summariseActivity(generateRun({ segments: [flat(10_000, 330)] }));
    expect(s.distanceM).toBeCloseTo(10_000, 6);
    expect(s.distanceSource).toBe("device");
    expect(s.elapsedS).toBeCloseTo(3300, 6);
    expect(s.movingS).toBeCloseTo(3300, 6);
    expect(s.avgPaceSPerKm).toBeCloseTo(330, 6);
    expect(s.bestPace?.windowM).toBe(1000);
    expect(s.bestPace?.paceSPerKm).toBeCloseTo(330, 6);
    expect(s.startTime).toBe(TEST_START);
    expect(s.localOffsetMinutes).toBe(60);
    expect(s.sportLabel).toBe("Running");
  });

  it("falls back to haversine between positions, then to speed × time", () => {
    const segments = [flat(3000, 330), { pauseS: 60 }, flat(2000, 300)];
    const gps = summariseActivity(generateRun({ segments, omit: ["distance"] }));
    expect(gps.distanceSource).toBe("gps");
    expect(gps.distanceM).toBeCloseTo(5000, 0);
    expect(gps.notes.join(" ")).toMatch(/GPS positions/);
    const fromSpeed = summariseActivity(generateRun({ segments, omit: ["distance", "lat", "lon"] }));
    expect(fromSpeed.distanceSource).toBe("speed");
    expect(fromSpeed.distanceM).toBeCloseTo(5000, -1);
  });

  it("spreads distance over a gap in the distance or position columns by time", () => {
    for (const column of ["distance", "lat"] as const) {
      const run = generateRun({ segments: [flat(3000, 300)], omit: column === "lat" ? ["distance", "speed"] : ["speed"] });
      const values = run.samples[column]?.map((v, i) => (i >= 200 && i < 500 ? Number.NaN : v)) ?? null;
      const s = summariseActivity({ ...run, samples: { ...run.samples, [column]: values } });
      expect(s.distanceM).toBeCloseTo(3000, 0);
      expect(s.movingS).toBeCloseTo(900, 6);
      expect(s.bestPace?.paceSPerKm).toBeCloseTo(300, 0);
    }
  });

  it("excludes a recorded stop from moving time but not from elapsed time", () => {
    const s = summariseActivity(generateRun({ segments: [flat(2000, 300), { pauseS: 120 }, flat(2000, 300)] }));
    expect(s.elapsedS).toBeCloseTo(1320, 6);
    expect(s.movingS).toBeCloseTo(1200, 6);
    expect(s.avgPaceSPerKm).toBeCloseTo(300, 6);
  });

  it("counts an unrecorded gap over 10 s with no distance gained as a pause", () => {
    const s = summariseActivity(generateRun({ segments: [flat(2000, 360), { pauseS: 11, recording: false }, flat(2000, 360)] }));
    expect(s.elapsedS).toBeCloseTo(1451, 6);
    expect(s.movingS).toBeCloseTo(1440, 6);
  });

  it("trusts the device's speed over a gap of 10 s or less", () => {
    const s = summariseActivity(generateRun({ segments: [flat(2000, 360), { pauseS: 9, recording: false }, flat(2000, 360)] }));
    expect(s.movingS).toBeCloseTo(1449, 6);
  });

  it("counts 0.32 m/s over the window as moving and 0.28 m/s as stopped", () => {
    const slow = (speedMs: number) => summariseActivity(generateRun({ segments: [flat(1000, 300), flat(40, 1000 / speedMs)] }));
    expect(slow(0.32).movingS).toBeCloseTo(300 + 40 / 0.32, 3);
    // The first seconds of the slow stretch share their window with the running before it.
    expect(slow(0.28).movingS).toBeGreaterThan(300);
    expect(slow(0.28).movingS).toBeLessThanOrEqual(300 + 15);
  });
});

describe("summariseActivity: clock faults", () => {
  it("skips samples whose time runs backwards", () => {
    const run = generateRun({ segments: [flat(5000, 300)] });
    const n = run.samples.count;
    const faulty = reorderSamples(run, [...range(1000), ...range(10, 500), ...range(n - 1000, 1000)]);
    const s = summariseActivity(faulty);
    expect(s.distanceM).toBeCloseTo(5000, 6);
    expect(s.elapsedS).toBeCloseTo(1500, 6);
    expect(s.notes.join(" ")).toMatch(/10 samples were dropped/);
  });

  it("drops a lone sample stamped far in the future instead of everything after it", () => {
    const run = generateRun({ segments: [flat(3000, 300)] });
    const time = run.samples.time.slice();
    time[400] = (time[400] ?? 0) + 3_600_000_000;
    const s = summariseActivity({ ...run, samples: { ...run.samples, time } });
    expect(s.elapsedS).toBeCloseTo(900, 6);
    expect(s.distanceM).toBeCloseTo(3000, 6);
  });

  it("removes a forward clock jump over 6 h but keeps a 5 h 59 min gap as a pause", () => {
    const run = generateRun({ segments: [flat(3000, 300)] });
    const jumped = summariseActivity(shiftTimesFrom(run, 300, (6 * 3600 + 60) * 1000));
    expect(jumped.elapsedS).toBeCloseTo(899, 6);
    expect(jumped.notes.join(" ")).toMatch(/clock jump/);
    const paused = summariseActivity(shiftTimesFrom(run, 300, (6 * 3600 - 60) * 1000));
    expect(paused.elapsedS).toBeCloseTo(900 + 6 * 3600 - 60, 6);
    expect(paused.movingS).toBeCloseTo(899, 6);
  });
});

describe("summariseActivity: elevation", () => {
  it("gives ~0 m gain on a flat run with ±2 m of GPS-like altitude noise", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const s = summariseActivity(generateRun({ segments: [flat(10_000, 330)], noiseM: 2, seed, altitudeSource: "gps" }));
      expect(s.elevationGainM).toBeLessThan(1);
      expect(s.elevationLossM).toBeLessThan(1);
    }
  });

  it("measures a 40 m climb as ~40 m, with and without noise", () => {
    const segments = [flat(1000), climb(40, 6.5), flat(1000)];
    const clean = summariseActivity(generateRun({ segments }));
    expect(clean.elevationGainM).toBeGreaterThan(39);
    expect(clean.elevationGainM).toBeLessThan(40.5);
    expect(clean.elevationLossM).toBe(0);
    const noisy = summariseActivity(generateRun({ segments, noiseM: 2, seed: 4 }));
    expect(Math.abs((noisy.elevationGainM ?? 0) - 40)).toBeLessThan(3);
  });

  it("counts a 3.5 m bump and ignores a 2.5 m bump (3 m hysteresis)", () => {
    const bump = (h: number) => [flat(500), climb(h, 1.5, 330), { ...climb(h, 1.5, 330), gradePct: -1.5 }, flat(500)];
    const above = summariseActivity(generateRun({ segments: bump(3.5) }));
    expect(above.elevationGainM).toBeGreaterThan(3);
    expect(above.elevationLossM).toBeGreaterThan(3);
    expect(summariseActivity(generateRun({ segments: bump(2.5) })).elevationGainM).toBe(0);
  });

  it("says when elevation comes from GPS altitude", () => {
    const s = summariseActivity(generateRun({ segments: [flat(1000)], altitudeSource: "gps" }));
    expect(s.altitudeSource).toBe("gps");
    expect(s.notes.join(" ")).toMatch(/GPS altitude/);
  });
});

describe("summariseActivity: best pace", () => {
  it("finds the fastest kilometre by distance window", () => {
    const s = summariseActivity(generateRun({ segments: [flat(2000, 330), flat(1000, 240), flat(2000, 330)] }));
    expect(s.bestPace?.paceSPerKm).toBeCloseTo(240, 6);
    expect(s.bestPace?.startDistanceM).toBeCloseTo(2000, 6);
  });

  it("uses 400 m under 1 km and nothing under 400 m", () => {
    expect(summariseActivity(generateRun({ segments: [flat(1010, 300)] })).bestPace?.windowM).toBe(1000);
    expect(summariseActivity(generateRun({ segments: [flat(990, 300)] })).bestPace?.windowM).toBe(400);
    expect(summariseActivity(generateRun({ segments: [flat(401, 300)] })).bestPace?.windowM).toBe(400);
    expect(summariseActivity(generateRun({ segments: [flat(399, 300)] })).bestPace).toBeNull();
  });

  it("times the window in moving time, like the average pace: a stop inside it does not count", () => {
    const s = summariseActivity(generateRun({ segments: [flat(500, 240), { pauseS: 60 }, flat(500, 240)] }));
    expect(s.bestPace?.paceSPerKm).toBeCloseTo(240, 6);
    expect(s.avgPaceSPerKm).toBeCloseTo(240, 6);
  });
});

describe("summariseActivity: cadence, heart rate and running dynamics", () => {
  it("averages cadence over moving time, ignoring zeros while stopped", () => {
    const s = summariseActivity(generateRun({ segments: [flat(2000, 300), { pauseS: 120 }, flat(2000, 300)] }));
    expect(s.avgCadenceSpm).toBeCloseTo(170, 6);
    expect(s.cadenceHalved).toBe(false);
  });

  it("takes doubled treadmill cadence halved once, from its step length (plausibility), and says so", () => {
    const checked = cutImplausible(generateRun({ segments: [flat(3000, 330)], sport: "treadmill_running", cadenceFactor: 2 }));
    const s = summariseActivity(checked.activity);
    expect(s.avgCadenceSpm).toBeCloseTo(167, 6);
    expect(s.cadenceHalved).toBe(true);
    expect(Math.max(...s.stream.cadenceSpm.map((c) => c ?? 0))).toBeLessThan(200);
  });

  it("keeps a high cadence whose step length is a real one: no fixed spm threshold", () => {
    // 252 spm at 4:00/km is a 0.99 m step: a sprinter's cadence, not a doubled one.
    const checked = cutImplausible(generateRun({ segments: [flat(2000, 240)], cadenceSpm: 252 }));
    const s = summariseActivity(checked.activity);
    expect(s.cadenceHalved).toBe(false);
    expect(s.avgCadenceSpm).toBeCloseTo(252, 6);
  });

  it("reports heart rate and running dynamics, and null where the file has none", () => {
    const s = summariseActivity(generateRun({ segments: [flat(1000, 300), flat(1000, 250)], withDynamics: true }));
    expect(s.avgHeartRate).toBeCloseTo((160 * 300 + 170 * 250) / 550, 1);
    expect(s.maxHeartRate).toBe(170);
    expect(s.dynamics).toEqual({
      stanceTimeMs: 250,
      stanceTimeBalanceLeftPct: 50.5,
      verticalOscillationMm: 85,
      verticalRatioPct: 7.5,
      stepLengthMm: 1150,
    });
    const bare = summariseActivity(generateRun({ segments: [flat(1000)], omit: ["heartRate", "cadenceSpm"] }));
    expect([bare.avgHeartRate, bare.maxHeartRate, bare.avgCadenceSpm, bare.dynamics.stanceTimeMs]).toEqual([null, null, null, null]);
  });
});

describe("summariseActivity: JSON safety and chart stream", () => {
  it("uses null, never NaN, when a file has only time and heart rate", () => {
    const s = summariseActivity(
      generateRun({ segments: [flat(1000)], omit: ["distance", "lat", "lon", "speed", "altitude", "cadenceSpm"] }),
    );
    expect([s.distanceM, s.movingS, s.avgPaceSPerKm, s.bestPace, s.elevationGainM, s.altitudeSource]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(s.elapsedS).toBeCloseTo(360, 6);
    expect(hasNaN(s)).toBe(false);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it("handles a file without samples", () => {
    const empty = reorderSamples(generateRun({ segments: [flat(100)] }), []);
    const s = summariseActivity(empty);
    expect([s.elapsedS, s.distanceM, s.stream.tS.length]).toEqual([null, null, 0]);
    expect(hasNaN(s)).toBe(false);
  });

  it("samples the chart every 5 s with equal-length columns and no pace while stopped", () => {
    const s = summariseActivity(generateRun({ segments: [flat(3000, 300), { pauseS: 60 }, flat(3000, 300)] }));
    const { stream } = s;
    expect(stream.everyS).toBe(5);
    expect(stream.tS.length).toBe(1860 / 5 + 1);
    for (const column of [stream.distanceM, stream.altitudeM, stream.paceSPerKm, stream.heartRate, stream.cadenceSpm]) {
      expect(column.length).toBe(stream.tS.length);
    }
    expect(stream.paceSPerKm[10]).toBeCloseTo(300, 6);
    expect(stream.paceSPerKm[(900 + 30) / 5]).toBeNull();
  });

  it("keeps the stream at 5,000 points or fewer by widening the step", () => {
    const under = summariseActivity(generateRun({ segments: [flat(100_000, 249.9)], sampleEveryS: 5 }));
    expect(under.stream.everyS).toBe(5);
    expect(under.stream.tS.length).toBeLessThanOrEqual(5000);
    const over = summariseActivity(generateRun({ segments: [flat(100_000, 251)], sampleEveryS: 5 }));
    expect(over.stream.everyS).toBe(6);
    expect(over.stream.tS.length).toBeLessThanOrEqual(5000);
  });
});

describe("summariseActivity without detail", () => {
  it("gives the headline figures of the full summary to the bit, and leaves out the chart, best pace, maximum heart rate and dynamics", () => {
    const run = generateRun({ segments: [flat(3000, 300), { pauseS: 90 }, climb(40, 6), flat(2000, 280)] });
    const full = summariseActivity(run);
    const headline = summariseActivity({ ...run }, { detail: false });
    const { stream, bestPace, maxHeartRate, dynamics, ...figures } = full;
    expect(full.movingS).toBeLessThan(full.elapsedS ?? 0);
    expect(bestPace).not.toBeNull();
    expect({ ...headline, stream: undefined, bestPace: undefined, maxHeartRate: undefined, dynamics: undefined }).toEqual({
      ...figures,
      stream: undefined,
      bestPace: undefined,
      maxHeartRate: undefined,
      dynamics: undefined,
    });
    expect(Object.is(headline.movingS, full.movingS)).toBe(true);
    expect([headline.stream.tS.length, headline.bestPace, headline.maxHeartRate, headline.dynamics.stanceTimeMs]).toEqual([
      0,
      null,
      null,
      null,
    ]);
    expect(stream.tS.length).toBeGreaterThan(0);
    expect(dynamics).toBeDefined();
    expect(maxHeartRate === null || maxHeartRate > 0).toBe(true);
  });
});
