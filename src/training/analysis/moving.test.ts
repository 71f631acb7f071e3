import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ParsedActivity } from "../activity.js";
import { summariseActivity } from "./summarise.js";
import { fasterThanStopped, movingSteps } from "./moving.js";
import { PAUSE_GAP_S, STANDING_STEP_BELOW_MS, STOPPED_BELOW_MS, STOPPED_WINDOW_S } from "./thresholds.js";
import { flat, generateRun, seededRandom, type StreamSegment } from "../../../test/support/training/test-streams.js";

/** A speed reading that swings from step to step around the true speed (×0.3 to ×1.7), as a watch's does at walking pace. */
function swingingSpeed(run: ParsedActivity, seed: number): ParsedActivity {
  const random = seededRandom(seed);
  const speed = run.samples.speed?.map((v) => v * (0.3 + 1.4 * random())) ?? null;
  return { ...run, samples: { ...run.samples, speed } };
}

/**
 * 67 minutes in the mountains: a flat approach, a long hike up at 2.5 km/h on a 25% grade, two
 * minutes at a false summit, the last 125 m of height at 2 km/h on 30%, three minutes at the top,
 * then running down. Stops: 300 s.
 */
const mountainRun: StreamSegment[] = [
  flat(1500, 330),
  { distanceM: 1000, paceSPerKm: 1440, gradePct: 25 },
  { pauseS: 120 },
  { distanceM: 500, paceSPerKm: 1800, gradePct: 30 },
  { pauseS: 180 },
  { distanceM: 2500, paceSPerKm: 360, gradePct: -12 },
];
const STOPS_S = 300;

describe("moving time on a mountain run", () => {
  it("counts the slow steep hiking as moving and only the real stops as stopped", () => {
    for (const seed of [1, 2, 3]) {
      const s = summariseActivity(swingingSpeed(generateRun({ segments: mountainRun, seed }), seed));
      const elapsed = s.elapsedS ?? 0;
      expect(elapsed / 60).toBeCloseTo(67.25, 1);
      expect(Math.abs((s.movingS ?? 0) - (elapsed - STOPS_S))).toBeLessThan(5);
      expect(s.bestPace?.paceSPerKm ?? Infinity).toBeLessThanOrEqual(s.avgPaceSPerKm ?? 0);
    }
  });

  it("does the same from GPS positions alone (no distance or speed column)", () => {
    const s = summariseActivity(generateRun({ segments: mountainRun, omit: ["distance", "speed"] }));
    expect(Math.abs((s.movingS ?? 0) - ((s.elapsedS ?? 0) - STOPS_S))).toBeLessThan(5);
  });

  it("does the same with smart recording (a sample every 5 s)", () => {
    const s = summariseActivity(generateRun({ segments: mountainRun, sampleEveryS: 5 }));
    expect(Math.abs((s.movingS ?? 0) - ((s.elapsedS ?? 0) - STOPS_S))).toBeLessThan(10);
  });

  it("still finds a short stop at a crossing in a road run", () => {
    const s = summariseActivity(generateRun({ segments: [flat(2000, 300), { pauseS: 25 }, flat(2000, 300)] }));
    expect(s.movingS).toBeCloseTo(1200, 6);
  });
});

const segment: fc.Arbitrary<StreamSegment> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ distanceM: fc.integer({ min: 20, max: 1500 }), paceSPerKm: fc.integer({ min: 150, max: 2400 }) }) },
  { weight: 1, arbitrary: fc.record({ pauseS: fc.integer({ min: 1, max: 400 }), recording: fc.boolean() }) },
);

describe("best km and average moving pace agree", () => {
  it("best km is never slower than the average moving pace of a run of whole kilometres", () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 3 }), (segments, every) => {
        const metres = segments.reduce((sum, seg) => sum + ("distanceM" in seg ? seg.distanceM : 0), 0);
        // Fill to the next whole kilometre (at least 1 km), at an arbitrary pace; a centimetre
        // over, so float rounding in the generated distances cannot drop it under.
        const fill = Math.max(1000, Math.ceil(metres / 1000) * 1000) - metres + 0.01;
        const all = [...segments, flat(fill, 400)];
        const s = summariseActivity(generateRun({ segments: all, sampleEveryS: every }));
        expect(s.bestPace?.windowM).toBe(1000);
        expect(s.bestPace?.paceSPerKm ?? Infinity).toBeLessThanOrEqual((s.avgPaceSPerKm ?? 0) * (1 + 1e-6));
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it("best km is then never slower than any kilometre split either", () => {
    // Segments of whole seconds (10 m multiples at 100 s/km multiples), so each one's edges are samples.
    const onSamples: fc.Arbitrary<StreamSegment> = fc.oneof(
      fc.record({
        distanceM: fc.integer({ min: 2, max: 150 }).map((n) => n * 10),
        paceSPerKm: fc.integer({ min: 2, max: 24 }).map((n) => n * 100),
      }),
      fc.record({ pauseS: fc.integer({ min: 1, max: 400 }), recording: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(onSamples, { minLength: 1, maxLength: 8 }), (segments) => {
        const s = summariseActivity(generateRun({ segments: [...segments, flat(1000, 300)] }));
        // The last kilometre ran at 5:00/km with no stop: best km can be no slower.
        expect(s.bestPace?.paceSPerKm ?? Infinity).toBeLessThanOrEqual(300 * (1 + 1e-9));
      }),
      { numRuns: 40, seed: 12 },
    );
  });

  it("on a run that is not whole kilometres it reports the true fastest 1,000 m, even when slower than the average", () => {
    // 1.5 km: fast, slow, fast. Every 1,000 m stretch holds the slow middle, so none is as fast as
    // the whole run's average: best km honestly says 5:30/km against a 5:20/km average.
    const s = summariseActivity(generateRun({ segments: [flat(500, 300), flat(500, 360), flat(500, 300)] }));
    expect(s.avgPaceSPerKm).toBeCloseTo(320, 6);
    expect(s.bestPace?.paceSPerKm).toBeCloseTo(330, 6);
  });
});

describe("fasterThanStopped", () => {
  it("answers as the division does, near the threshold and far from it", () => {
    const seconds = fc.oneof(
      fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
      fc.integer({ min: 1, max: 120 }).map((s) => s / 4),
    );
    const nearly = (s: number) =>
      fc.oneof(
        fc.integer({ min: -5, max: 5 }).map((k) => STOPPED_BELOW_MS * s + k * Number.EPSILON * STOPPED_BELOW_MS * s),
        fc.double({ min: -1e3, max: 1e7, noNaN: false }),
        fc.constantFrom(0, -0, Infinity, -Infinity, NaN),
      );
    fc.assert(
      fc.property(
        seconds.chain((s) => fc.tuple(fc.constant(s), nearly(s))),
        ([s, metres]) => fasterThanStopped(metres, s) === metres / s >= STOPPED_BELOW_MS,
      ),
      { numRuns: 20_000 },
    );
    expect(fasterThanStopped(0.3, 1)).toBe(0.3 / 1 >= STOPPED_BELOW_MS);
    expect(fasterThanStopped(3 * 0.1, 1)).toBe((3 * 0.1) / 1 >= STOPPED_BELOW_MS);
  });
});

/** movingSteps as it was before windows well past the threshold were settled without interpolating their ends. */
function movingStepsBefore(clockS: Float64Array, distanceM: Float64Array, hasDistance: boolean, speed: Float64Array | null): Uint8Array {
  const count = clockS.length;
  const moving = new Uint8Array(count);
  if (count < 2) return moving;
  if (!hasDistance) {
    // Without any distance we cannot tell stops; recorded time stands in for moving time.
    for (let i = 1; i < count; i++) {
      const dt = clockS[i]! - clockS[i - 1]!;
      moving[i] = dt > 0 && dt <= PAUSE_GAP_S ? 1 : 0;
    }
    return moving;
  }

  // Stretches of recording: a step longer than the pause gap ends one. Both edges of the current
  // stretch are followed as i moves forward (no per-sample arrays), and so are the samples at or
  // before each edge of the window: everything below is written out inline, as it runs per step.
  let stretchStart = 0;
  let stretchEnd = -1;
  const half = STOPPED_WINDOW_S / 2;
  let ka = 0;
  let kb = 0;
  for (let i = 1; i < count; i++) {
    const dt = clockS[i]! - clockS[i - 1]!;
    if (dt > PAUSE_GAP_S) stretchStart = i;
    if (dt <= 0) continue;
    const gained = distanceM[i]! - distanceM[i - 1]!;
    if (dt > PAUSE_GAP_S) {
      moving[i] = gained / dt >= STOPPED_BELOW_MS ? 1 : 0;
      continue;
    }
    const deviceSpeed = speed === null ? Number.NaN : speed[i]!;
    const stepSpeed = Number.isFinite(deviceSpeed) ? deviceSpeed : gained / dt;
    const mid = (clockS[i - 1]! + clockS[i]!) / 2;
    if (stretchEnd < i) {
      let j = i;
      while (j + 1 < count && !(clockS[j + 1]! - clockS[j]! > PAUSE_GAP_S)) j++;
      stretchEnd = j;
    }
    const first = clockS[stretchStart]!;
    const last = clockS[stretchEnd]!;
    const a = Math.max(first, mid - half);
    const b = Math.min(last, mid + half);
    while (ka + 1 < count && clockS[ka + 1]! <= a) ka++;
    const startD = distanceAtBefore(clockS, distanceM, count, a, ka);
    kb = Math.max(kb, ka);
    while (kb + 1 < count && clockS[kb + 1]! <= b) kb++;
    const endD = distanceAtBefore(clockS, distanceM, count, b, kb);
    moving[i] =
      (b > a ? fasterThanStopped(endD - startD, b - a) : gained / dt >= STOPPED_BELOW_MS) && stepSpeed >= STANDING_STEP_BELOW_MS ? 1 : 0;
  }
  return moving;
}
function distanceAtBefore(clockS: Float64Array, distanceM: Float64Array, count: number, t: number, k: number): number {
  const t0 = clockS[k]!;
  const next = k + 1 < count;
  const t1 = next ? clockS[k + 1]! : t0;
  const d0 = distanceM[k]!;
  const d1 = next ? distanceM[k + 1]! : d0;
  return t1 > t0 && t > t0 ? d0 + ((d1 - d0) * Math.min(t - t0, t1 - t0)) / (t1 - t0) : d0;
}

describe("movingSteps", () => {
  it("marks the same steps as when every window's ends were interpolated", () => {
    const step = fc.tuple(
      fc.oneof(fc.constant(1), fc.constant(0.25), fc.constant(0), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 11, max: 900 })),
      fc.oneof(fc.double({ min: 0, max: 6, noNaN: true }), fc.constant(0), fc.double({ min: 0, max: 0.4, noNaN: true })),
      fc.oneof(fc.double({ min: 0, max: 6, noNaN: true }), fc.constant(Number.NaN)),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 300 }), fc.boolean(), (steps, withSpeed) => {
        const clockS = new Float64Array(steps.length);
        const distanceM = new Float64Array(steps.length);
        const speed = new Float64Array(steps.length);
        steps.forEach(([dt, mps, v], i) => {
          clockS[i] = i === 0 ? 0 : clockS[i - 1]! + dt;
          // Stretches at a steady speed, so whole windows sit near the threshold too.
          distanceM[i] = i === 0 ? 0 : distanceM[i - 1]! + (i % 40 < 20 ? mps : STOPPED_BELOW_MS) * dt;
          speed[i] = v;
        });
        const s = withSpeed ? speed : null;
        expect(Array.from(movingSteps(clockS, distanceM, true, s))).toEqual(Array.from(movingStepsBefore(clockS, distanceM, true, s)));
      }),
      { numRuns: 500 },
    );
  });
});
