import { describe, expect, it } from "vitest";
import { classifyActivity } from "./classify.js";
import { summariseActivity } from "./summarise.js";
import { flat, generateRun, type StreamSegment } from "../../../test/support/training/test-streams.js";
import type { ActivityLabel } from "./types.js";

const slope = (distanceM: number, gradePct: number, paceSPerKm = 330): StreamSegment => ({ distanceM, paceSPerKm, gradePct });

function downhillLabel(
  segments: StreamSegment[],
  options: { noiseM?: number; altitudeSource?: "gps" | "unknown"; sampleEveryS?: number; seed?: number } = {},
): ActivityLabel | undefined {
  const activity = generateRun({ segments, startAltitudeM: 1500, ...options });
  return classifyActivity(activity, summariseActivity(activity), { recentWeeklyDistancesM: [] }).find((l) => l.kind === "downhill");
}

describe("downhill / eccentric-heavy", () => {
  it("describes descent per km and the longest steep descent", () => {
    // 16.3 km: 2 km flat, 6.9 km up, 2.1 km at -9%, 5.3 km rolling down at -4%.
    const label = downhillLabel([flat(2000), slope(6900, 4.8, 420), slope(2100, -9), slope(5300, -4.1)]);
    expect(label?.evidence).toMatch(/^−4\d\d m over 16\.3 km, 2\d m\/km; longest descent 2\.\d km at −9%\.$/);
    expect(label?.details.segments[0]?.startDistanceM).toBeGreaterThan(8850);
    expect(label?.details.segments[0]?.endDistanceM).toBeLessThan(11_050);
  });

  it("labels ≥ 25 m/km of descent and not 23 m/km (gentle grades, ≥ 150 m lost)", () => {
    // 8 km point to point at -4% (under the steep-descent grade): 5.2 km → 26 m/km, 4.6 km → 23 m/km.
    expect(downhillLabel([flat(2800), slope(5200, -4)])?.evidence).toMatch(/26 m\/km/);
    expect(downhillLabel([flat(3400), slope(4600, -4)])).toBeUndefined();
  });

  it("needs at least 150 m lost in total for the per-km rule", () => {
    // Both 26 m/km: 6.2 km losing 161 m, and 5 km losing 130 m.
    expect(downhillLabel([flat(2170), slope(4030, -4)])).toBeDefined();
    expect(downhillLabel([flat(1750), slope(3250, -4)])).toBeUndefined();
  });

  it("averages altitude sampled every 5 s or more over ±2 samples unless it is barometric, so its wander is no descent", () => {
    // A flat 6 km sampled every 6 s with ±8 m of wander: over 25 m/km lost sample by sample.
    const sparse = { noiseM: 8, sampleEveryS: 6, seed: 3 };
    expect(downhillLabel([flat(6000)], { ...sparse, altitudeSource: "unknown" })).toBeUndefined();
    // A file that says barometric is taken as recorded (the same wander then reads as descent).
    expect(downhillLabel([flat(6000)], sparse)).toBeDefined();
    // A real 26 m/km descent sampled the same way is still downhill.
    expect(downhillLabel([flat(2800), slope(5200, -4)], { ...sparse, altitudeSource: "unknown" })).toBeDefined();
  });

  it("labels one sustained descent of ≥ 1 km at ≥ 6% even when the run as a whole is not steep", () => {
    // 5 km with 1.1 km at -6.5% (72 m, 14 m/km overall) vs 0.9 km.
    const withDescent = (m: number) => [flat(2000), slope(m, -6.5), flat(3000 - m)];
    const label = downhillLabel(withDescent(1100));
    expect(label?.evidence).toMatch(/longest descent 1\.\d km at −[67]%/);
    expect(label?.details.segments).toHaveLength(1);
    expect(downhillLabel(withDescent(900))).toBeUndefined();
  });

  it("needs the sustained descent to average 6% or steeper", () => {
    expect(downhillLabel([flat(2000), slope(1300, -6.5), flat(2000)])).toBeDefined();
    expect(downhillLabel([flat(2000), slope(1300, -5.5), flat(2000)])).toBeUndefined();
  });

  it("lets a rise of under 10 m inside a descent pass, but not a bigger one", () => {
    // Two 800 m slopes at -8% (each too short alone) around a 300 m rise: joined they average ≥ 6%.
    // Smoothing rounds each sharp turn by ~0.5 m, so the 12 m rise measures ~11 m and 8 m ~7 m.
    const broken = (riseM: number) => [flat(1000), slope(800, -8), slope(300, riseM / 3), slope(800, -8), flat(1000)];
    expect(downhillLabel(broken(8))?.evidence).toMatch(/longest descent 1\.9 km at −6%/);
    expect(downhillLabel(broken(12))).toBeUndefined();
  });

  it("finds a steep descent through ±2 m of altitude noise, less confidently from GPS altitude", () => {
    const segments = [flat(2000), slope(2000, -8), flat(2000)];
    const baro = downhillLabel(segments, { noiseM: 2 });
    const gps = downhillLabel(segments, { noiseM: 2, altitudeSource: "gps" });
    expect(baro?.evidence).toMatch(/longest descent 2\.\d km at −8%/);
    expect(gps?.confidence).toBeCloseTo((baro?.confidence ?? 0) * 0.8, 6);
  });

  it("does not label a flat run", () => {
    expect(downhillLabel([flat(10_000)], { noiseM: 2 })).toBeUndefined();
  });
});
