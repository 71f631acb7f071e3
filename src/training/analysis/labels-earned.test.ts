import { describe, expect, it } from "vitest";
import { classifyActivity } from "./classify.js";
import { gradeCostFactor } from "./interval-speed.js";
import { heartRateJitter } from "./reps.js";
import { WindowPercentile } from "./window-percentile.js";
import { buildTrack } from "./track.js";
import { weightedPercentile } from "./numbers.js";
import { summariseActivity } from "./summarise.js";
import { flat, generateRun, type GenerateRunOptions, type StreamSegment } from "../../../test/support/training/test-streams.js";
import type { ActivityLabel, ClassifyContext } from "./types.js";

const EASY = 360;
const NO_HISTORY: ClassifyContext = { recentWeeklyDistancesM: [] };

function labels(options: GenerateRunOptions, context: ClassifyContext = NO_HISTORY): ActivityLabel[] {
  const activity = generateRun(options);
  return classifyActivity(activity, summariseActivity(activity), context);
}
const kinds = (found: ActivityLabel[]): string[] => found.map((l) => l.kind);

/** Warm-up, n reps, recoveries, cool-down. */
function session(n: number, rep: StreamSegment, recovery: StreamSegment): StreamSegment[] {
  const segments: StreamSegment[] = [flat(2000, EASY)];
  for (let k = 0; k < n; k++) segments.push(rep, ...(k < n - 1 ? [recovery] : []));
  segments.push(flat(2000, EASY));
  return segments;
}

describe("grade-adjusted pace (Minetti et al. 2002)", () => {
  it("costs the flat 1, +10% about 1.66 and −10% about 0.60, clamped beyond ±25%", () => {
    // C(i) = 155.4i⁵ − 30.4i⁴ − 43.3i³ + 46.3i² + 19.5i + 3.6 (J/kg/m), divided by C(0) = 3.6.
    expect(gradeCostFactor(0)).toBe(1);
    expect(gradeCostFactor(10)).toBeCloseTo(5.968214 / 3.6, 5);
    expect(gradeCostFactor(-10)).toBeCloseTo(2.151706 / 3.6, 5);
    expect(gradeCostFactor(60)).toBe(gradeCostFactor(25));
    expect(gradeCostFactor(Number.NaN)).toBe(1);
  });

  it("keeps a rolling run whose pace follows the terrain easy (slow up, fast down, same effort)", () => {
    // 4% up at 6:50/km and 4% down at 5:20/km: by grade-adjusted pace both are ~6:00/km.
    const rolling: StreamSegment[] = Array.from({ length: 8 }, () => [
      { distanceM: 500, paceSPerKm: 410, gradePct: 4 },
      flat(300, EASY),
      { distanceM: 500, paceSPerKm: 320, gradePct: -4, back: true },
      flat(300, EASY),
    ]).flat();
    expect(kinds(labels({ segments: rolling, noiseM: 1, seed: 4 }))).toEqual(["easy"]);
  });
});

describe("reps corroborated by the body", () => {
  const withCadence = (repCadence: number): StreamSegment[] =>
    session(5, { distanceM: 800, paceSPerKm: 290, gradePct: 0, cadenceSpm: repCadence }, { ...flat(400, EASY), cadenceSpm: 170 }).map(
      (s) => ("pauseS" in s || s.cadenceSpm !== undefined ? s : { ...s, cadenceSpm: 170 }),
    );

  it("counts a rep when cadence rises ≥ 3 spm over the easier running around it", () => {
    expect(kinds(labels({ segments: withCadence(174) }))).toContain("intervals");
    expect(kinds(labels({ segments: withCadence(172) }))).not.toContain("intervals");
  });

  it("without cadence, counts a rep when heart rate rises ≥ 10 bpm from its start", () => {
    // Heart rate lags: the rep's first 15 s still at the easy 140, then up to repHr.
    const rep = (repHr: number): StreamSegment[] => [
      { distanceM: (15 / 290) * 1000, paceSPerKm: 290, gradePct: 0, heartRate: 140 },
      { distanceM: 800 - (15 / 290) * 1000, paceSPerKm: 290, gradePct: 0, heartRate: repHr },
    ];
    const withHeartRate = (repHr: number): StreamSegment[] => [
      { ...flat(2000, EASY), heartRate: 140 },
      ...Array.from({ length: 5 }, () => [...rep(repHr), { ...flat(400, EASY), heartRate: 140 }]).flat(),
      { ...flat(2000, EASY), heartRate: 140 },
    ];
    expect(kinds(labels({ segments: withHeartRate(150), omit: ["cadenceSpm"] }))).toContain("intervals");
    expect(kinds(labels({ segments: withHeartRate(149), omit: ["cadenceSpm"] }))).not.toContain("intervals");
  });

  it("without cadence, judges a rep's heart-rate rise against the stream's own jitter", () => {
    // Heart rate steps up by repRise bpm over each rep; the readings jump ±8 bpm from one
    // second to the next (a jittery optical sensor): a rise must then reach 2 × 8 = 16 bpm.
    const rep = (repHr: number): StreamSegment[] => [
      { distanceM: (15 / 290) * 1000, paceSPerKm: 290, gradePct: 0, heartRate: 140 },
      { distanceM: 800 - (15 / 290) * 1000, paceSPerKm: 290, gradePct: 0, heartRate: repHr },
    ];
    const jittery = (repRise: number, jitterBpm: number): ActivityLabel[] => {
      const activity = generateRun({
        segments: [
          { ...flat(2000, EASY), heartRate: 140 },
          ...Array.from({ length: 5 }, () => [...rep(140 + repRise), { ...flat(400, EASY), heartRate: 140 }]).flat(),
          { ...flat(2000, EASY), heartRate: 140 },
        ],
        omit: ["cadenceSpm"],
      });
      const hr = activity.samples.heartRate!.map((v, i) => v + (i % 2 === 0 ? jitterBpm : -jitterBpm));
      const noisy = { ...activity, samples: { ...activity.samples, heartRate: hr } };
      return classifyActivity(noisy, summariseActivity(noisy), NO_HISTORY);
    };
    // Without jitter a 12-bpm response is a rep; with ±8 bpm its readings rise by 20, yet a
    // 12-bpm step is within what the jitter alone could show and does not count.
    expect(kinds(jittery(12, 0))).toContain("intervals");
    expect(kinds(jittery(12, 8))).not.toContain("intervals");
    // Jitter alone, with no response at all, never confirms the speed's reps.
    expect(kinds(jittery(0, 8))).not.toContain("intervals");
    // A real response well above the jitter does.
    expect(kinds(jittery(25, 8))).toContain("intervals");
  });

  it("measures a heart-rate stream's jitter as the median distance from the ±15 s mean", () => {
    const activity = generateRun({ segments: [{ ...flat(3000, EASY), heartRate: 150 }] });
    const track = buildTrack(activity);
    const steady = activity.samples.heartRate!;
    expect(heartRateJitter(track, steady)).toBe(0);
    expect(
      heartRateJitter(
        track,
        steady.map((v, i) => v + (i % 2 === 0 ? 8 : -8)),
      ),
    ).toBeCloseTo(8, 0);
    expect(
      heartRateJitter(
        track,
        steady.map((v, i) => v + (i % 2 === 0 ? 3 : -3)),
      ),
    ).toBeCloseTo(3, 0);
  });

  it("without cadence, needs heart rate to fall ≥ 5 bpm after the rep too, so an upward drift is not reps", () => {
    // Each "rep" lifts heart rate by 10 bpm and the jog after it keeps it there: a drift, never a recovery.
    const drifting = (fall: number): StreamSegment[] => [
      { ...flat(2000, EASY), heartRate: 140 },
      ...Array.from({ length: 5 }, (_, k) => [
        { distanceM: (15 / 290) * 1000, paceSPerKm: 290, gradePct: 0, heartRate: 140 + 10 * k },
        { distanceM: 800 - (15 / 290) * 1000, paceSPerKm: 290, gradePct: 0, heartRate: 150 + 10 * k },
        { ...flat(400, EASY), heartRate: 150 + 10 * k - fall },
      ]).flat(),
      { ...flat(2000, EASY), heartRate: 140 },
    ];
    expect(kinds(labels({ segments: drifting(0), omit: ["cadenceSpm"] }))).not.toContain("intervals");
    expect(kinds(labels({ segments: drifting(5), omit: ["cadenceSpm"] }))).toContain("intervals");
  });

  it("with cadence, still needs heart rate (when recorded) to fall ≥ 5 bpm after each rep", () => {
    // Stride quickens on every surge, but heart rate climbs on through each "recovery": one
    // continuous hard effort with surges in it, not reps.
    const surges = (fall: number): StreamSegment[] => [
      { ...flat(2000, EASY), heartRate: 140, cadenceSpm: 170 },
      ...Array.from({ length: 5 }, (_, k) => [
        { distanceM: (15 / 290) * 1000, paceSPerKm: 290, gradePct: 0, heartRate: 140 + 10 * k, cadenceSpm: 180 },
        { distanceM: 800 - (15 / 290) * 1000, paceSPerKm: 290, gradePct: 0, heartRate: 150 + 10 * k, cadenceSpm: 180 },
        { ...flat(400, EASY), heartRate: 150 + 10 * k - fall, cadenceSpm: 170 },
      ]).flat(),
      { ...flat(2000, EASY), heartRate: 140, cadenceSpm: 170 },
    ];
    expect(kinds(labels({ segments: surges(4) }))).not.toContain("intervals");
    expect(kinds(labels({ segments: surges(5) }))).toContain("intervals");
    // Without heart rate, cadence alone decides.
    expect(kinds(labels({ segments: surges(0), omit: ["heartRate"] }))).toContain("intervals");
  });

  it("with neither cadence nor heart rate, needs reps ≥ 25% faster than the easier running", () => {
    const speedOnly = (fasterBy: number): StreamSegment[] =>
      session(5, { distanceM: 800, paceSPerKm: EASY / fasterBy, gradePct: 0 }, flat(400, EASY));
    expect(kinds(labels({ segments: speedOnly(1.3), omit: ["heartRate", "cadenceSpm"] }))).toContain("intervals");
    expect(kinds(labels({ segments: speedOnly(1.2), omit: ["heartRate", "cadenceSpm"] }))).not.toContain("intervals");
    expect(kinds(labels({ segments: speedOnly(1.2) }))).toContain("intervals");
  });

  it("needs reps ≥ 8% faster than the whole run, so reps filling most of it barely above the reference are not a session", () => {
    const reps = (fasterBy: number): StreamSegment[] =>
      session(10, { distanceM: 800, paceSPerKm: EASY / fasterBy, gradePct: 0 }, flat(200, EASY));
    // Reps 16% faster than the easy running but 54% of the time: 7% faster than the whole run.
    expect(kinds(labels({ segments: reps(1.16) }))).not.toContain("intervals");
    expect(kinds(labels({ segments: reps(1.3) }))).toContain("intervals");
  });

  it("keeps a steady run with GPS wander on the bends and flat cadence easy", () => {
    const steady = [{ distanceM: 12_000, paceSPerKm: 330, gradePct: 0, cadenceSpm: 172 }];
    const found = labels({ segments: steady, positionNoiseM: 10, omit: ["distance", "speed"], seed: 7 });
    expect(kinds(found)).toEqual(["easy"]);
  });

  it("keeps a steady run with traffic stops easy", () => {
    const stops: StreamSegment[] = Array.from({ length: 6 }, () => [flat(1200, 330), { pauseS: 40 }]).flat();
    expect(kinds(labels({ segments: stops }))).toEqual(["easy"]);
  });

  it("says standing recoveries in words, never as a pace", () => {
    const standing = session(5, { distanceM: 800, paceSPerKm: 250, gradePct: 0 }, { pauseS: 60 });
    const label = labels({ segments: standing }).find((l) => l.kind === "intervals");
    expect(label?.evidence).toMatch(/^5 × ~800 m at ~4:1\d\/km with standing or walking recoveries \(~1:0\d each\)/);
  });
});

describe("tempo", () => {
  // Easy warm-up and cool-down (HR 145) around one hard stretch at 300 s/km (20% faster), HR 160.
  const tempo = (minutes: number, paceSPerKm = 300): StreamSegment[] => [
    { ...flat(2500, EASY), heartRate: 145 },
    { distanceM: ((minutes * 60) / paceSPerKm) * 1000, paceSPerKm, gradePct: 0, heartRate: 160 },
    { ...flat(2500, EASY), heartRate: 145 },
  ];

  it("finds the tempo in a shorter fast stretch when the longest one is not hard", () => {
    // 22 min fast at an easy heart rate (150), a 6-min jog, then 17 min fast at 150 + rise bpm.
    const blocks = (rise: number): StreamSegment[] => [
      { ...flat(2500, EASY), heartRate: 150 },
      { distanceM: ((22 * 60) / 300) * 1000, paceSPerKm: 300, gradePct: 0, heartRate: 150 },
      { ...flat(1000, EASY), heartRate: 150 },
      { distanceM: ((17 * 60) / 300) * 1000, paceSPerKm: 300, gradePct: 0, heartRate: 150 + rise },
      { ...flat(2500, EASY), heartRate: 150 },
    ];
    const found = labels({ segments: blocks(8) }).find((l) => l.kind === "tempo");
    expect(found?.evidence).toMatch(/^1[67]:\d\d continuous/);
    expect(kinds(labels({ segments: blocks(7) }))).not.toContain("tempo");
  });

  it("needs ≥ 15 min continuous at ≥ 10% faster than the easier running", () => {
    expect(kinds(labels({ segments: tempo(16) }))).toContain("tempo");
    expect(kinds(labels({ segments: tempo(14) }))).toEqual(["easy"]);
    // 12% faster (321 s/km) is tempo, 8% faster (333 s/km) is not.
    expect(kinds(labels({ segments: tempo(20, 321) }))).toContain("tempo");
    expect(kinds(labels({ segments: tempo(20, 333) }))).toEqual(["easy"]);
  });

  it("needs heart rate ≥ 8 bpm above the easier running when it is recorded", () => {
    const withHr = (hr: number): StreamSegment[] => tempo(20).map((s, k) => ("pauseS" in s ? s : { ...s, heartRate: k === 1 ? hr : 145 }));
    expect(kinds(labels({ segments: withHr(154) }))).toContain("tempo");
    expect(kinds(labels({ segments: withHr(151) }))).toEqual(["easy"]);
  });

  it("calls a whole run ≥ 15% faster than the usual easy pace tempo", () => {
    const context = { recentWeeklyDistancesM: [30_000], usualEasyPaceSPerKm: EASY };
    expect(kinds(labels({ segments: [flat(5000, 310)] }, context))).toContain("tempo"); // 16% faster
    expect(kinds(labels({ segments: [flat(5000, 316)] }, context))).toEqual(["steady"]); // 14% faster
  });
});

describe("hill repeats by position and altitude source", () => {
  const climbs = (n: number, gainM: number, sameStreet: boolean): StreamSegment[] => [
    flat(2000),
    ...Array.from({ length: n }, () => [
      { distanceM: (gainM / 6.5) * 100, paceSPerKm: 420, gradePct: 6.5 },
      { distanceM: (gainM / 6.5) * 100, paceSPerKm: 330, gradePct: -6.5, back: sameStreet },
    ]).flat(),
    flat(2000),
  ];

  it("needs the climbs to be of the same stretch, not a profile that happens to repeat", () => {
    expect(kinds(labels({ segments: climbs(5, 40, true) }))).toContain("hill_repeats");
    expect(kinds(labels({ segments: climbs(5, 40, false) }))).not.toContain("hill_repeats");
  });

  it("needs positions at all", () => {
    expect(kinds(labels({ segments: climbs(5, 40, true), omit: ["lat", "lon"] }))).not.toContain("hill_repeats");
  });

  it("needs climbs of ≥ 25 m from GPS altitude, where 20 m wander is noise", () => {
    expect(kinds(labels({ segments: climbs(5, 27, true), altitudeSource: "gps" }))).toContain("hill_repeats");
    expect(kinds(labels({ segments: climbs(5, 22, true), altitudeSource: "gps" }))).not.toContain("hill_repeats");
    expect(kinds(labels({ segments: climbs(5, 22, true), altitudeSource: "barometric" }))).toContain("hill_repeats");
  });

  it("keeps a flat run with GPS altitude wandering ±9 m easy", () => {
    const found = labels({ segments: [flat(8000, 330)], noiseM: 9, altitudeSource: "gps", seed: 5 });
    expect(kinds(found)).toEqual(["easy"]);
  });
});

describe("not a run", () => {
  it("gives no running labels above a median of 6.5 m/s, whatever the file says", () => {
    expect(labels({ segments: [flat(20_000, 1000 / 7)] })).toEqual([]);
    expect(labels({ segments: [flat(20_000, 1000 / 6)] })).not.toEqual([]);
  });

  it("gives no running labels when under 45% of the moving time is running", () => {
    const walk = (m: number): StreamSegment => ({ distanceM: m, paceSPerKm: 720, gradePct: 0, cadenceSpm: 115 });
    const run = (m: number): StreamSegment => ({ distanceM: m, paceSPerKm: EASY, gradePct: 0, cadenceSpm: 170 });
    // 1 km running (6 min) with 600 m walking (7.2 min) is 45% running; 800 m (9.6 min) is 38%.
    expect(labels({ segments: [run(1000), walk(600)] })).not.toEqual([]);
    expect(labels({ segments: [run(1000), walk(800)] })).toEqual([]);
  });
});

describe("bounded cost", () => {
  it("finds the percentile with a fixed-size histogram, however fast a corrupt sample claims to be", () => {
    const blocks = [
      { values: [2.5, 3.1, 1e12, 2.9], weights: [1, 1, 1, 1] },
      { values: [Number.MAX_VALUE, 2.7, 20], weights: [1, 2, 1] },
    ];
    const percentile = WindowPercentile.fromBlocks(blocks);
    for (const p of [0.1, 0.3, 0.5, 0.9, 1]) {
      expect(percentile.of(0, 1, p)).toBe(
        weightedPercentile(
          blocks.flatMap((b) => b.values),
          blocks.flatMap((b) => b.weights),
          p,
        ),
      );
    }
  });

  it("labels a file whose clock jumps hours between samples without blocks for the empty hours", () => {
    // 40 bits of 108 s, 5.9 h apart: 9.5 days of clock, 72 min of running.
    const segments: StreamSegment[] = Array.from({ length: 40 }, () => [flat(300, EASY), { pauseS: 5.9 * 3600, recording: false }]).flat();
    expect(kinds(labels({ segments }))).toEqual(["easy"]);
  });
});
