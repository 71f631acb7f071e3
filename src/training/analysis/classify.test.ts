import { describe, expect, it } from "vitest";
import { classifyActivity } from "./classify.js";
import { summariseActivity } from "./summarise.js";
import { flat, generateRun, type GenerateRunOptions } from "../../../test/support/training/test-streams.js";
import type { ActivityLabel, ClassifyContext } from "./types.js";

function classify(options: GenerateRunOptions, context: ClassifyContext): ActivityLabel[] {
  const activity = generateRun(options);
  return classifyActivity(activity, summariseActivity(activity), context);
}

const kinds = (labels: ActivityLabel[]): string[] => labels.map((l) => l.kind);
const easyRun = (distanceM: number, paceSPerKm = 360): GenerateRunOptions => ({ segments: [flat(distanceM, paceSPerKm)] });
const FOUR_WEEKS_OF_40_KM = [40_000, 40_000, 40_000, 40_000];

describe("long run", () => {
  it("labels a run of ≥ 30% of the mean weekly distance over the last 4 weeks, and not 29%", () => {
    const long = classify(easyRun(12_400), { recentWeeklyDistancesM: FOUR_WEEKS_OF_40_KM });
    expect(long[0]?.evidence).toBe("12.4 km in 1:14:24 moving is 31% of the mean weekly 40.0 km over the last 4 weeks.");
    expect(kinds(classify(easyRun(11_600), { recentWeeklyDistancesM: FOUR_WEEKS_OF_40_KM }))).toEqual(["easy"]);
  });

  it("uses only the last 4 weeks, or fewer when that is all there is", () => {
    expect(kinds(classify(easyRun(12_400), { recentWeeklyDistancesM: [200_000, ...FOUR_WEEKS_OF_40_KM] }))).toEqual(["long_run"]);
    expect(classify(easyRun(12_400), { recentWeeklyDistancesM: [40_000] })[0]?.evidence).toMatch(/over the last 1 week\.$/);
  });

  it("needs at least 45 min moving for the relative rules", () => {
    // 20 km weeks: 7.7 km at 6:00/km is 46 min (38%), 7.3 km is 44 min (36%).
    expect(kinds(classify(easyRun(7700), { recentWeeklyDistancesM: [20_000] }))).toEqual(["long_run"]);
    expect(kinds(classify(easyRun(7300), { recentWeeklyDistancesM: [20_000] }))).toEqual(["easy"]);
  });

  it("labels ≥ 90% of the recent longest run, and not 89%", () => {
    const context = { recentWeeklyDistancesM: [], recentLongestRunS: 6000 };
    expect(kinds(classify(easyRun((5460 / 360) * 1000), context))).toEqual(["long_run"]);
    expect(kinds(classify(easyRun((5340 / 360) * 1000), context))).toEqual(["easy"]);
  });

  it("needs the run to be ≥ 1.25× the typical recent run, so equal-length runs are never long", () => {
    const context = { recentWeeklyDistancesM: FOUR_WEEKS_OF_40_KM, recentMedianRunM: 10_000 };
    expect(kinds(classify(easyRun(12_600), context))).toEqual(["long_run"]);
    expect(kinds(classify(easyRun(12_400), context))).toEqual(["easy"]);
    const sameLength = { recentWeeklyDistancesM: [30_000], recentLongestRunS: 3600, recentMedianRunM: 10_000 };
    expect(kinds(classify(easyRun(10_000), sameLength))).toEqual(["easy"]);
  });

  it("without any history, labels 90 min or more", () => {
    const none = { recentWeeklyDistancesM: [0, 0] };
    const long = classify(easyRun((91 * 60 * 1000) / 360), none);
    expect(long[0]?.kind).toBe("long_run");
    expect(long[0]?.evidence).toMatch(/no recent weeks to compare with/);
    expect(kinds(classify(easyRun((89 * 60 * 1000) / 360), none))).toEqual(["easy"]);
  });
});

describe("easy and steady", () => {
  const usual = { recentWeeklyDistancesM: FOUR_WEEKS_OF_40_KM, usualEasyPaceSPerKm: 360 };

  it("calls a run ≥ 8% faster than the usual easy pace steady, and 7% faster easy", () => {
    const steady = classify(easyRun(8000, 330), usual);
    expect(kinds(steady)).toEqual(["steady"]);
    expect(steady[0]?.evidence).toBe("Average 5:30/km against a usual easy 6:00/km (9% faster).");
    expect(kinds(classify(easyRun(8000, 336), usual))).toEqual(["easy"]);
  });

  it("defaults to easy, with low confidence, when the usual easy pace is unknown", () => {
    const labels = classify(easyRun(8000, 300), { recentWeeklyDistancesM: FOUR_WEEKS_OF_40_KM });
    expect(kinds(labels)).toEqual(["easy"]);
    expect(labels[0]?.confidence).toBe(0.3);
  });
});

describe("classifyActivity", () => {
  it("gives a hilly long run both long_run and downhill, and no easy label", () => {
    const labels = classify(
      {
        segments: [
          flat(3000),
          { distanceM: 6000, paceSPerKm: 480, gradePct: 7 },
          { distanceM: 6000, paceSPerKm: 330, gradePct: -7 },
          flat(3000),
        ],
      },
      { recentWeeklyDistancesM: FOUR_WEEKS_OF_40_KM },
    );
    expect(kinds(labels).sort()).toEqual(["downhill", "long_run"]);
  });

  it("labels a hill-repeat session hill_repeats, not intervals (its fast parts are the descents)", () => {
    const rep = [
      { distanceM: 615, paceSPerKm: 420, gradePct: 6.5 },
      { distanceM: 615, paceSPerKm: 300, gradePct: -6.5, back: true },
    ];
    const labels = classify(
      { segments: [flat(2000), ...Array.from({ length: 6 }, () => rep).flat(), flat(2000)] },
      { recentWeeklyDistancesM: [] },
    );
    expect(kinds(labels)).toContain("hill_repeats");
    expect(kinds(labels)).not.toContain("intervals");
  });

  it("does not call hard climbs with easy jogs down intervals: they are the hill repeats", () => {
    const rep = [
      { distanceM: 300, paceSPerKm: 330, gradePct: 7 },
      { distanceM: 300, paceSPerKm: 420, gradePct: -7, back: true },
    ];
    const labels = classify(
      { segments: [flat(2000, 340), ...Array.from({ length: 6 }, () => rep).flat(), flat(2000, 350)] },
      { recentWeeklyDistancesM: [] },
    );
    expect(kinds(labels)).toEqual(["hill_repeats"]);
  });

  it("does not call running the gentle bits and walking the steep bits of a long climb intervals", () => {
    const climb = [
      { distanceM: 300, paceSPerKm: 400, gradePct: 5 },
      { distanceM: 120, paceSPerKm: 700, gradePct: 14 },
    ];
    const labels = classify(
      { segments: [flat(1000, 360), ...Array.from({ length: 6 }, () => climb).flat(), flat(1000, 360)] },
      { recentWeeklyDistancesM: [] },
    );
    expect(kinds(labels)).not.toContain("intervals");
  });

  it("still labels flat intervals run on the same day as nothing hilly", () => {
    const rep = [flat(400, 215), flat(200, 480)];
    const labels = classify(
      { segments: [flat(2000, 340), ...Array.from({ length: 6 }, () => rep).flat(), flat(1500, 350)] },
      { recentWeeklyDistancesM: [] },
    );
    expect(kinds(labels)).toEqual(["intervals"]);
  });

  it("classifies only running sports", () => {
    const context = { recentWeeklyDistancesM: [] };
    expect(classify({ ...easyRun(5000), sport: "cycling" }, context)).toEqual([]);
    expect(classify({ ...easyRun(5000), sport: "walking" }, context)).toEqual([]);
    expect(kinds(classify({ ...easyRun(5000), sport: "trail_running" }, context))).toEqual(["easy"]);
    expect(kinds(classify({ ...easyRun(5000), sport: "treadmill_running" }, context))).toEqual(["easy"]);
  });

  it("returns labels with a confidence in 0..1, a sentence and JSON-safe details", () => {
    const labels = classify(
      { segments: [flat(2000), { distanceM: 3000, paceSPerKm: 330, gradePct: -8 }, flat(2000)], noiseM: 1, seed: 3 },
      { recentWeeklyDistancesM: [10_000] },
    );
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) {
      expect(label.confidence).toBeGreaterThanOrEqual(0);
      expect(label.confidence).toBeLessThanOrEqual(1);
      expect(label.evidence).toMatch(/^\S.*\.$/);
      expect(JSON.parse(JSON.stringify(label))).toEqual(label);
    }
  });
});
