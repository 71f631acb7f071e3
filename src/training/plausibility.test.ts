import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../demo/random.js";
import { analyseActivity } from "./analyse.js";
import { encodeFitActivity, type FitActivityInput } from "./fit/encode.js";
import { buildPoolSwim, buildRun, withBadFileCrc } from "../../test/support/training/fit-fixtures.js";
import { RejectedFileError } from "./import/rejection.js";
import { parseTrainingFile } from "./parse-file.js";
import type { ParsedActivity } from "./activity.js";
import { cutImplausible } from "./plausibility.js";
import { synthesiseRun, WORKOUTS } from "./synthetic-run.js";

const START = Date.parse("2026-06-01T07:00:00Z");

function easyRun(km = 5, seed = 1): FitActivityInput {
  return synthesiseRun({ start: START, segments: WORKOUTS.easy(km), random: seededRandom(seed) });
}

/** Every 20th record's distance leaps 40 km ahead (and stays there), as flipped bytes do. */
function withDistanceLeaps(input: FitActivityInput): FitActivityInput {
  let leap = 0;
  return {
    ...input,
    records: input.records.map((r, i) => (i % 20 === 10 && (leap += 40_000), { ...r, distanceM: (r.distanceM ?? 0) + leap })),
  };
}

const analyse = (bytes: Uint8Array) => {
  const parsed = parseTrainingFile(bytes);
  return { parsed, analysis: analyseActivity(parsed.activity, { recentWeeklyDistancesM: [] }) };
};

describe("plausibility", () => {
  it("cuts distance leaps with a warning instead of summing them into a 42,000 km run", () => {
    const { parsed, analysis } = analyse(encodeFitActivity(withDistanceLeaps(easyRun())));
    expect(analysis.distanceM).toBeGreaterThan(4800);
    expect(analysis.distanceM).toBeLessThan(5200);
    expect(parsed.warnings.some((w) => /distance jump\(s\) were cut as physically impossible/.test(w))).toBe(true);
  });

  it("refuses a file whose checksum fails and whose values are impossible, saying why", () => {
    const bytes = withBadFileCrc(encodeFitActivity(withDistanceLeaps(easyRun())));
    expect(() => parseTrainingFile(bytes)).toThrow(RejectedFileError);
    try {
      parseTrainingFile(bytes);
    } catch (error) {
      expect((error as RejectedFileError).reason).toBe("implausible");
      expect((error as RejectedFileError).message).toMatch(/checksum fails and \d+% of its samples hold impossible values/);
    }
  });

  it("keeps a file whose checksum fails but whose values are plausible, and what precedes a truncation", () => {
    expect(analyse(withBadFileCrc(buildRun({ records: 200 }))).analysis.distanceM).toBeGreaterThan(600);
    const file = encodeFitActivity(easyRun());
    const { analysis } = analyse(file.subarray(0, Math.floor(file.length / 2)));
    expect(analysis.distanceM).toBeGreaterThan(1500);
    expect(analysis.distanceM).toBeLessThan(3500);
  });

  it("cuts impossible speed, heart rate and cadence values", () => {
    const input = easyRun(2);
    const records = input.records.map((r, i) => (i % 50 === 25 ? { ...r, speedMps: 60, heartRate: 254, cadenceSpm: 500 } : r));
    const { parsed, analysis } = analyse(encodeFitActivity({ ...input, records }));
    expect(parsed.warnings.join(" ")).toMatch(/speed value\(s\) \(over 15 m\/s\) were cut/);
    expect(parsed.warnings.join(" ")).toMatch(/heart-rate value\(s\) were cut/);
    expect(analysis.avgHeartRate).toBeLessThan(200);
  });

  it("detects doubled cadence from the step length it implies, not from a fixed threshold", () => {
    const input = easyRun(3);
    // 240 spm doubled (the file says 480 would be cut); 2× a slow 120 spm cadence at 3 m/s gives 0.75 m steps, fine.
    const doubled = { ...input, records: input.records.map((r) => ({ ...r, cadenceSpm: (r.cadenceSpm ?? 170) * 2 })) };
    const { parsed, analysis } = analyse(encodeFitActivity(doubled));
    expect(parsed.warnings.join(" ")).toMatch(/Cadence was recorded doubled: at 0\.\d\d m a step/);
    expect(analysis.avgCadenceSpm).toBeGreaterThan(150);
    expect(analysis.avgCadenceSpm).toBeLessThan(200);
    const normal = analyse(encodeFitActivity(input));
    expect(normal.parsed.warnings.join(" ")).not.toMatch(/doubled/);
  });
});

describe("bounded cost on mutated files", () => {
  const seeds = [encodeFitActivity(easyRun(3, 7)), buildPoolSwim(), encodeFitActivity(withDistanceLeaps(easyRun(2, 8)))];

  it("decodes, checks and analyses any mutation of a real-shaped file in bounded CPU time and memory", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 24 }),
        (seedIndex, flips) => {
          const bytes = (seeds[seedIndex] ?? new Uint8Array()).slice();
          for (const { at, value } of flips) bytes[at % bytes.length] = value;
          const heapBefore = process.memoryUsage().heapUsed;
          const cpuBefore = process.cpuUsage();
          try {
            const parsed = parseTrainingFile(bytes);
            for (const leg of parsed.legs) analyseActivity(leg, { recentWeeklyDistancesM: [] });
            expect(parsed.legs.length).toBeLessThanOrEqual(25);
          } catch (error) {
            expect(error).toBeInstanceOf(RejectedFileError);
          }
          const cpu = process.cpuUsage(cpuBefore);
          // Each seed is ~100 KB; any answer costs well under a second of CPU and far under 200 MB.
          expect((cpu.user + cpu.system) / 1e6).toBeLessThan(1);
          expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
        },
      ),
      { numRuns: 60, seed: 11 },
    );
  });
});

/** The altitude and distance checks as they were written before their divisions were skipped. */
function cutAltitudeBefore(input: Float64Array, time: Float64Array): Float64Array {
  const altitude = input.slice();
  let lastV = Number.NaN;
  let lastT = Number.NaN;
  for (let i = 0; i < input.length; i++) {
    const v = input[i]!;
    if (!Number.isFinite(v)) continue;
    const t = time[i] ?? Number.NaN;
    const dt = Math.max(1, (t - lastT) / 1000);
    if (v < -500 || v > 9000 || (Number.isFinite(lastV) && Math.abs(v - lastV) / dt > 15)) {
      altitude[i] = Number.NaN;
      continue;
    }
    lastV = v;
    lastT = t;
  }
  return altitude;
}

function cutDistanceBefore(input: Float64Array, time: Float64Array, maxMps: number): Float64Array {
  const distance = input.slice();
  let offset = 0;
  let lastRaw = Number.NaN;
  let lastT = Number.NaN;
  let lastGoodMps = 0;
  for (let i = 0; i < input.length; i++) {
    const raw = input[i]!;
    if (!Number.isFinite(raw)) continue;
    const t = time[i] ?? Number.NaN;
    if (Number.isFinite(lastRaw)) {
      const dt = Math.max(1, (t - lastT) / 1000);
      const step = raw - lastRaw;
      if (step < 0) offset += step;
      else if (step / dt > maxMps) offset += step - lastGoodMps * dt;
      else lastGoodMps = step / dt;
    }
    lastRaw = raw;
    lastT = t;
    distance[i] = raw - offset;
  }
  return distance;
}

function cutPositionsBefore(inputLat: Float64Array, inputLon: Float64Array, time: Float64Array, maxMps: number): Float64Array {
  const lat = inputLat.slice();
  const metresPerDegree = (Math.PI * 6_371_000) / 180;
  let lastLat = Number.NaN;
  let lastLon = Number.NaN;
  let lastT = Number.NaN;
  for (let i = 0; i < inputLat.length; i++) {
    const a = inputLat[i]!;
    const b = inputLon[i] ?? Number.NaN;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    const t = time[i] ?? Number.NaN;
    if (Number.isFinite(lastLat)) {
      const dt = Math.max(1, (t - lastT) / 1000);
      const quick = (Math.abs(b - lastLon) + Math.abs(a - lastLat)) * metresPerDegree;
      if (quick / dt >= maxMps) {
        const x = ((b - lastLon) * Math.PI * 6_371_000 * Math.cos((a * Math.PI) / 180)) / 180;
        const y = ((a - lastLat) * Math.PI * 6_371_000) / 180;
        if (Math.hypot(x, y) / dt > maxMps * 2) {
          lat[i] = Number.NaN;
          continue;
        }
      }
    }
    lastLat = a;
    lastLon = b;
    lastT = t;
  }
  return lat;
}

describe("plausibility's altitude, distance and position checks", () => {
  it("cut and repair exactly as the checks that divided on every step did", () => {
    const value = fc.oneof(fc.double({ min: -600, max: 9500, noNaN: true }), fc.constant(Number.NaN), fc.integer({ min: 0, max: 40 }));
    const step = fc.oneof(fc.constant(1000), fc.constant(250), fc.integer({ min: 0, max: 20_000 }), fc.constant(Number.NaN));
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value, step), { minLength: 1, maxLength: 200 }), (rows) => {
        const count = rows.length;
        const time = new Float64Array(count);
        let t = START;
        rows.forEach(([, , dt], i) => {
          t += Number.isNaN(dt) ? 1000 : dt;
          time[i] = Number.isNaN(dt) && i % 7 === 3 ? Number.NaN : t;
        });
        // Distances mostly climb in small steps, with leaps and resets among them.
        const distance = new Float64Array(count);
        let d = 0;
        rows.forEach(([, delta], i) => {
          d = Number.isNaN(delta) ? d : delta > 9000 ? 0 : d + Math.abs(delta) * (i % 11 === 5 ? 400 : 1);
          distance[i] = Number.isNaN(delta) ? Number.NaN : d;
        });
        const altitude = Float64Array.from(rows, ([a]) => a);
        // Positions a few metres to a few kilometres apart (1e-5° ≈ 1.1 m), some missing.
        const lat = Float64Array.from(rows, ([a, delta], i) =>
          Number.isNaN(a) ? Number.NaN : 45 + (i * 3e-5 + (Number.isNaN(delta) ? 0 : delta * 1e-4)),
        );
        const lon = Float64Array.from(rows, ([, delta], i) => 7 + i * 2e-5 + (i % 13 === 4 && !Number.isNaN(delta) ? delta * 1e-3 : 0));
        const leg: ParsedActivity = {
          format: "fit",
          sport: "running",
          sportLabel: null,
          startTime: START,
          localOffsetMinutes: null,
          device: null,
          altitudeSource: "unknown",
          laps: [],
          deviceTotals: null,
          samples: {
            count,
            time,
            lat,
            lon,
            distance,
            altitude,
            speed: null,
            heartRate: null,
            cadenceSpm: null,
            power: null,
            stanceTimeMs: null,
            stanceTimeBalancePct: null,
            verticalOscillationMm: null,
            verticalRatioPct: null,
            stepLengthMm: null,
          },
        };
        const checked = cutImplausible(leg).activity.samples;
        expect(Array.from(checked.altitude!)).toEqual(Array.from(cutAltitudeBefore(altitude, time)));
        expect(Array.from(checked.distance!)).toEqual(Array.from(cutDistanceBefore(distance, time, 15)));
        expect(Array.from(checked.lat!)).toEqual(Array.from(cutPositionsBefore(lat, lon, time, 15)));
      }),
      { numRuns: 400 },
    );
  });
});
