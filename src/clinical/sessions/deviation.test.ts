import { describe, expect, it } from "vitest";
import type { Step } from "../vocabulary/validators.js";
import { describeDeviation } from "./deviation.js";

const step = (overrides: Partial<Step> & { technique: string }): Step => ({
  regionCode: null,
  side: null,
  direction: null,
  minutes: null,
  intensity: null,
  note: null,
  ...overrides,
});

const distalQuadRelease = [
  step({ technique: "cupping", regionCode: "rectus_femoris_distal", side: "right", minutes: 5 }),
  step({ technique: "hot_stones", regionCode: "rectus_femoris_distal", side: "right", minutes: 5 }),
  step({ technique: "myofascial_release", regionCode: "rectus_femoris", side: "right", direction: "distal_to_proximal", minutes: 10 }),
];

describe("describeDeviation", () => {
  it("says nothing when the protocol was followed", () => {
    expect(describeDeviation(distalQuadRelease, distalQuadRelease)).toEqual([]);
  });

  it("names added, changed and removed steps in plain words", () => {
    const [, hotStones, release] = distalQuadRelease;
    if (!hotStones || !release) throw new Error("fixture");
    const done = [hotStones, { ...release, minutes: 15 }, step({ technique: "percussion", regionCode: "hamstrings" })];
    expect(describeDeviation(distalQuadRelease, done)).toEqual([
      "Changed: myofascial release 10 → 15 min",
      "Added: percussion on hamstrings",
      "Removed: cupping on rectus femoris, distal third (right)",
    ]);
  });

  it("notices a changed direction or intensity", () => {
    const [release] = distalQuadRelease.slice(2);
    if (!release) throw new Error("fixture");
    const done = [{ ...release, direction: "proximal_to_distal" as const, intensity: "firm" as const }];
    expect(describeDeviation([release], done)).toEqual([
      "Changed: myofascial release direction distal to proximal → proximal to distal",
      "Changed: myofascial release intensity none → firm",
    ]);
  });
});
