import { describe, expect, it } from "vitest";
import { classifyActivity } from "./classify.js";
import { summariseActivity } from "./summarise.js";
import { flat, generateRun, type GenerateRunOptions, type StreamSegment } from "../../../test/support/training/test-streams.js";
import type { ActivityLabel } from "./types.js";

const EASY = 360;

function intervalsLabel(segments: StreamSegment[], options: Partial<GenerateRunOptions> = {}): ActivityLabel | undefined {
  const activity = generateRun({ segments, ...options });
  return classifyActivity(activity, summariseActivity(activity), { recentWeeklyDistancesM: [] }).find((l) => l.kind === "intervals");
}

/** Warm-up, n reps with jog recoveries, cool-down; everything but the reps at easy pace. */
function session(n: number, rep: StreamSegment, recovery: StreamSegment = flat(400, EASY), warmM = 2000): StreamSegment[] {
  const segments: StreamSegment[] = [flat(warmM, EASY)];
  for (let k = 0; k < n; k++) segments.push(rep, ...(k < n - 1 ? [recovery] : []));
  segments.push(flat(2000, EASY));
  return segments;
}

const repAt = (distanceM: number, paceSPerKm: number, gradePct = 0): StreamSegment => ({ distanceM, paceSPerKm, gradePct });
/** A rep lasting `seconds` at 4:10/km. */
const repFor = (seconds: number): StreamSegment => repAt((seconds / 250) * 1000, 250);

describe("intervals from the speed stream", () => {
  it("describes 8 × 400 m at 3:35/km", () => {
    const label = intervalsLabel(session(8, repAt(400, 215), flat(400, 400)));
    expect(label?.evidence).toBe("8 × ~400 m at ~3:35/km with recoveries at ~6:40/km (from the smoothed speed).");
    expect(label?.details.segments).toHaveLength(8);
    expect(label?.details.segments[0]?.startDistanceM).toBeCloseTo(2000, -1);
  });

  it("needs at least 3 fast segments", () => {
    expect(intervalsLabel(session(3, repAt(800, 240)))).toBeDefined();
    expect(intervalsLabel(session(2, repAt(800, 240)))).toBeUndefined();
  });

  it("needs reps at least 15% faster than the run's reference speed", () => {
    // Reference = easy 6:00/km; 17% faster is 5:08/km, 13% faster is 5:19/km.
    expect(intervalsLabel(session(4, repAt(1000, EASY / 1.17)))).toBeDefined();
    expect(intervalsLabel(session(4, repAt(1000, EASY / 1.13)))).toBeUndefined();
  });

  it("keeps a rep whole through a dip above +7% and splits it at a dip below", () => {
    const dipped = (dipSpeedFactor: number): StreamSegment[] => [
      repAt(600, 260),
      repAt((30 / (EASY / dipSpeedFactor)) * 1000, EASY / dipSpeedFactor),
      repAt(600, 260),
    ];
    const twoDippedReps = (factor: number) => [flat(2000, EASY), ...dipped(factor), flat(600, EASY), ...dipped(factor), flat(2000, EASY)];
    expect(intervalsLabel(twoDippedReps(1.09))).toBeUndefined();
    expect(intervalsLabel(twoDippedReps(1.05))?.details.segments).toHaveLength(4);
  });

  it("needs reps of at least 30 s", () => {
    expect(intervalsLabel(session(5, repFor(33)))).toBeDefined();
    expect(intervalsLabel(session(5, repFor(27)))).toBeUndefined();
  });

  it("needs recoveries of at least 20 s, and joins reps around shorter ones", () => {
    const recovery = (seconds: number): StreamSegment => flat((seconds / EASY) * 1000, EASY);
    expect(intervalsLabel(session(4, repFor(60), recovery(22)))?.details.segments).toHaveLength(4);
    expect(intervalsLabel(session(4, repFor(60), recovery(18)))).toBeUndefined();
  });

  it("joins fast segments across a dip the runner did not slow down for (a slope run at the same pace)", () => {
    // 1 km flat at 4:50/km, then 200 m down 6% at dipPace, three times: grade-adjusted, every
    // descent dips under the reference; raw, it is a recovery only when the pace drops ≥ 7%.
    // Cadence and heart rate are set to confirm every rep, so speed alone decides.
    const rep = { ...repAt(1000, 290), cadenceSpm: 180, heartRate: 165 };
    const dip = (paceSPerKm: number): StreamSegment => ({ distanceM: 200, paceSPerKm, gradePct: -6, cadenceSpm: 170, heartRate: 150 });
    const withDips = (dipPace: number): StreamSegment[] => [
      { ...flat(2000, EASY), cadenceSpm: 170, heartRate: 150 },
      ...Array.from({ length: 3 }, (_, k) => [rep, ...(k < 2 ? [dip(dipPace)] : [])]).flat(),
      { ...flat(2000, EASY), cadenceSpm: 170, heartRate: 150 },
    ];
    expect(intervalsLabel(withDips(300))).toBeUndefined();
    expect(intervalsLabel(withDips(320))?.details.segments).toHaveLength(3);
  });

  it("does not count fast running down a -2% or steeper slope as a rep", () => {
    expect(intervalsLabel(session(4, repAt(600, 260, -1.5)))).toBeDefined();
    expect(intervalsLabel(session(4, repAt(600, 260, -2.5)))).toBeUndefined();
  });

  it("takes the reference from the slowest 30% of moving time, so reps must leave room for easy running", () => {
    // Warm-up, then 6 × 4 min at 1.44× easy speed with 1 min jogs, no cool-down: 1,440 s fast, 300 s + warm-up easy.
    const withWarmUp = (warmS: number): StreamSegment[] => [
      flat((warmS / EASY) * 1000, EASY),
      ...session(6, repFor(240), flat(1000 / 6, EASY), 0).slice(1, -1),
    ];
    expect(intervalsLabel(withWarmUp(475))).toBeDefined(); // easy = 35% of moving time
    expect(intervalsLabel(withWarmUp(180))).toBeUndefined(); // easy = 25%: the reps set the reference
  });

  it("leaves walking (under 140 spm, or under 150 spm below 2.1 m/s) out of the reference, so run/walk is not intervals", () => {
    // 2 min running at 6:00/km and 1.5 min walking at 11:00/km, eight times: walking is 43% of moving time.
    const runWalk = (walkCadence: number): StreamSegment[] =>
      Array.from({ length: 8 }, () => [
        { distanceM: 333, paceSPerKm: EASY, cadenceSpm: 165 },
        { distanceM: 136, paceSPerKm: 660, cadenceSpm: walkCadence },
      ]).flat();
    expect(intervalsLabel(runWalk(138))).toBeUndefined();
    expect(intervalsLabel(runWalk(148))).toBeUndefined(); // brisk walking at 1.5 m/s
    expect(intervalsLabel(runWalk(152))?.evidence).toMatch(/^8 × ~350 m at ~6:0\d\/km with standing or walking recoveries/);
  });

  it("leaves climbs of +3% or steeper out of the reference, so the flats of a hilly trail are not reps", () => {
    // Slow running up (cadence 150, so not walking), then flats at easy pace.
    const climb = (gradePct: number): StreamSegment => ({ distanceM: 300, paceSPerKm: 720, gradePct, cadenceSpm: 150 });
    const trail = (climbGradePct: number): StreamSegment[] =>
      Array.from({ length: 4 }, () => [climb(climbGradePct), flat(600, EASY)]).flat();
    expect(intervalsLabel(trail(3.5))).toBeUndefined();
    expect(intervalsLabel(trail(2.5))?.details.segments).toHaveLength(4);
  });

  it("takes the reference within ±30 min, so the fresh start of a long run is not fast against its tired end", () => {
    const freshStart: StreamSegment[] = Array.from({ length: 4 }, () => [flat(1867, 300), flat(103, 390)]).flat();
    expect(intervalsLabel([...freshStart, flat(23_000, 390)])).toBeUndefined();
  });

  it("needs recoveries of at most 5 min, or twice the length of the rep before when longer", () => {
    const recovery = (seconds: number): StreamSegment => flat((seconds / EASY) * 1000, EASY);
    expect(intervalsLabel(session(4, repFor(60), recovery(290)))).toBeDefined();
    expect(intervalsLabel(session(4, repFor(60), recovery(310)))).toBeUndefined();
    expect(intervalsLabel(session(3, repFor(400), recovery(790)))).toBeDefined();
    expect(intervalsLabel(session(3, repFor(400), recovery(810)))).toBeUndefined();
  });

  it("leaves out a rep more than 4× longer than the set's median", () => {
    const reps = (lastS: number): StreamSegment[] => [
      flat(2000, EASY),
      repFor(60),
      flat(333, EASY),
      repFor(60),
      flat(333, EASY),
      repFor(lastS),
      flat(2000, EASY),
    ];
    expect(intervalsLabel(reps(235))?.details.segments).toHaveLength(3);
    expect(intervalsLabel(reps(245))).toBeUndefined();
  });

  it("ignores a steady run and strides shorter than 30 s", () => {
    expect(intervalsLabel([flat(10_000, 300)], { noiseM: 2 })).toBeUndefined();
    expect(intervalsLabel(session(6, repFor(20), flat(100, EASY)))).toBeUndefined();
  });
});

describe("intervals from laps", () => {
  const marked = (reps: number, restIntensity = "rest"): StreamSegment[] => {
    const segments: StreamSegment[] = [{ ...flat(2000, EASY), intensity: "warmup" }];
    for (let k = 0; k < reps; k++) segments.push({ ...repAt(1000, 240), intensity: "active" }, { pauseS: 90, intensity: restIntensity });
    segments.push({ ...flat(2000, EASY), intensity: "cooldown" });
    return segments;
  };

  it("uses laps the watch marked active and rest", () => {
    const label = intervalsLabel(marked(4), { lapPerSegment: { trigger: "session_end" } });
    expect(label?.confidence).toBe(0.9);
    expect(label?.evidence).toMatch(/^4 × ~1\.0 km at ~4:00\/km .*\(from laps the watch marked as work and rest\)\.$/);
  });

  it("reads TCX's Resting as rest and needs 3 marked reps", () => {
    expect(intervalsLabel(marked(3, "Resting"), { lapPerSegment: { trigger: "Manual" } })?.confidence).toBe(0.9);
    expect(intervalsLabel(marked(2), { lapPerSegment: { trigger: "manual" } })).toBeUndefined();
  });

  it("does not call a structured run/walk intervals", () => {
    const segments: StreamSegment[] = [];
    for (let k = 0; k < 6; k++) segments.push({ ...flat(1000, EASY), intensity: "active" }, { ...flat(100, 720), intensity: "rest" });
    expect(intervalsLabel(segments, { lapPerSegment: { trigger: "manual" } })).toBeUndefined();
  });

  it("uses laps that alternate fast and slow, manual or automatic", () => {
    const segments = session(4, repAt(1000, 250), flat(400, EASY));
    expect(intervalsLabel(segments, { lapPerSegment: { trigger: "manual" } })?.evidence).toMatch(/from manual laps that alternate/);
    expect(intervalsLabel(segments, { lapPerSegment: { trigger: "distance" } })?.evidence).toMatch(/from laps that alternate/);
  });
});
