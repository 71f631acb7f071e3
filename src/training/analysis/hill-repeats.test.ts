import { describe, expect, it } from "vitest";
import { classifyActivity } from "./classify.js";
import { summariseActivity } from "./summarise.js";
import { flat, generateRun, type StreamSegment } from "../../../test/support/training/test-streams.js";
import type { ActivityLabel } from "./types.js";

const up = (gainM: number, gradePct: number): StreamSegment => ({ distanceM: (gainM / gradePct) * 100, paceSPerKm: 420, gradePct });
const down = (dropM: number, gradePct: number): StreamSegment => ({
  distanceM: (dropM / gradePct) * 100,
  paceSPerKm: 330,
  gradePct: -gradePct,
  back: true,
});

/**
 * Repeats of one hill: climb, run back down the same slope, optional flat at the foot. Every
 * climb starts from the same place (a partial return walks the rest back on the level; the flat
 * at the foot goes out and back), so only the threshold under test differs.
 */
function repeats(climbs: { gainM: number; gradePct?: number; returnShare?: number; flatAfterM?: number }[]): StreamSegment[] {
  const segments: StreamSegment[] = [flat(2000)];
  for (const c of climbs) {
    const grade = c.gradePct ?? 6.5;
    const share = c.returnShare ?? 1;
    segments.push(up(c.gainM, grade), down(c.gainM * share, grade));
    if (share < 1) segments.push({ ...flat(((c.gainM * (1 - share)) / grade) * 100), back: true });
    if (c.flatAfterM !== undefined) segments.push(flat(c.flatAfterM / 2), { ...flat(c.flatAfterM / 2), back: true });
  }
  segments.push(flat(2000));
  return segments;
}

function hillLabel(segments: StreamSegment[], options: { altitudeSource?: "gps" } = {}): ActivityLabel | undefined {
  const activity = generateRun({ segments, ...options });
  return classifyActivity(activity, summariseActivity(activity), { recentWeeklyDistancesM: [] }).find((l) => l.kind === "hill_repeats");
}

const same = (n: number, climb: Parameters<typeof repeats>[0][number]) => Array.from({ length: n }, () => climb);

describe("hill repeats", () => {
  it("describes 6 climbs of ~40 m at ~6.5% with a segment per climb", () => {
    const label = hillLabel(repeats(same(6, { gainM: 40 })));
    expect(label?.evidence).toBe("6 climbs of ~40 m at ~6.5% (~600 m each), with descents between.");
    expect(label?.details.segments).toHaveLength(6);
    expect(label?.confidence).toBe(0.95);
    const first = label?.details.segments[0];
    expect(first?.startDistanceM).toBeGreaterThan(1990);
    expect(first?.endDistanceM).toBeLessThan(2000 + 616);
  });

  it("needs at least 3 climbs", () => {
    expect(hillLabel(repeats(same(3, { gainM: 40 })))?.confidence).toBeCloseTo(0.6, 6);
    expect(hillLabel(repeats(same(2, { gainM: 40 })))).toBeUndefined();
  });

  it("needs climbs of at least 10 m", () => {
    // Smoothing rounds each sharp turn-around by ~0.5 m, so a 12 m repeat measures ~11 m.
    expect(hillLabel(repeats(same(4, { gainM: 12 })))).toBeDefined();
    expect(hillLabel(repeats(same(4, { gainM: 9 })))).toBeUndefined();
  });

  it("needs climbs averaging at least 3%", () => {
    expect(hillLabel(repeats(same(4, { gainM: 20, gradePct: 3.3 })))).toBeDefined();
    expect(hillLabel(repeats(same(4, { gainM: 20, gradePct: 2.7 })))).toBeUndefined();
  });

  it("accepts climbs within 30% of the median height and rejects one beyond", () => {
    expect(hillLabel(repeats([{ gainM: 40 }, { gainM: 40 }, { gainM: 51 }]))).toBeDefined();
    expect(hillLabel(repeats([{ gainM: 40 }, { gainM: 40 }, { gainM: 53 }]))).toBeUndefined();
  });

  it("accepts climbs within 30% of the median length and rejects one beyond", () => {
    // Same 40 m, gentler grade: 615 m at 6.5%, then 784 m (+27%) or 816 m (+33%).
    expect(hillLabel(repeats([{ gainM: 40 }, { gainM: 40 }, { gainM: 40, gradePct: 5.1 }]))).toBeDefined();
    expect(hillLabel(repeats([{ gainM: 40 }, { gainM: 40 }, { gainM: 40, gradePct: 4.9 }]))).toBeUndefined();
  });

  it("needs the runner to go back down at least 60% of each climb between repeats", () => {
    expect(hillLabel(repeats(same(4, { gainM: 40, returnShare: 0.65 })))).toBeDefined();
    expect(hillLabel(repeats(same(4, { gainM: 40, returnShare: 0.55 })))).toBeUndefined();
  });

  it("needs the next climb to start within 3 climb lengths of the last top", () => {
    // Gap = descent (615 m) + flat; the limit is 3 × 615 m.
    expect(hillLabel(repeats(same(4, { gainM: 40, flatAfterM: 1150 })))).toBeDefined();
    expect(hillLabel(repeats(same(4, { gainM: 40, flatAfterM: 1280 })))).toBeUndefined();
  });

  it("is less confident with GPS altitude", () => {
    expect(hillLabel(repeats(same(6, { gainM: 40 })), { altitudeSource: "gps" })?.confidence).toBeCloseTo(0.76, 6);
  });

  it("finds hill repeats through ±2 m of altitude noise", () => {
    const activity = generateRun({ segments: repeats(same(5, { gainM: 30 })), noiseM: 2, seed: 11 });
    const labels = classifyActivity(activity, summariseActivity(activity), { recentWeeklyDistancesM: [] });
    expect(labels.find((l) => l.kind === "hill_repeats")?.evidence).toMatch(/^5 climbs of ~30 m at ~6\.\d%/);
  });

  it("does not call one long climb and descent hill repeats", () => {
    expect(hillLabel([flat(1000), up(300, 6), down(300, 6), flat(1000)])).toBeUndefined();
  });
});
