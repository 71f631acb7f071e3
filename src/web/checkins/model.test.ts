import { describe, expect, it } from "vitest";
import { LIBRARY_CATALOGUE } from "../../shared/measures";
import { checkinMeasures, describeAnswer, describeChange } from "./model";

const scale = (score: number) => ({ kind: "item-scale" as const, version: "1.0.0", items: [score], score });

describe("describeChange", () => {
  it("says a tightness drop of 4 is more than the 2-point practice threshold", () => {
    expect(describeChange("tightness-nrs", scale(3), { pain: null, tightness: 7 })).toBe(
      "tightness 7 → 3: a change of 4 (better), more than the 2-point practice threshold",
    );
  });

  it("says a one-point pain drop is less than the pain MCID", () => {
    expect(describeChange("nprs", scale(5), { pain: 6, tightness: null })).toMatch(
      /^pain 6 → 5: a change of 1 \(better\), less than the .*MCID$/,
    );
  });

  it("compares nothing when the session has no pre-treatment value or the measure has no MCID", () => {
    expect(describeChange("tightness-nrs", scale(3), { pain: 4, tightness: null })).toBeNull();
    expect(describeChange("groc", scale(3), { pain: 4, tightness: 7 })).toBeNull();
  });
});

describe("check-in measures", () => {
  it("offers PSFS but no placeholder-worded measure", () => {
    const codes = checkinMeasures(LIBRARY_CATALOGUE).map((measure) => measure.code);
    expect(codes).toContain("tightness-nrs");
    expect(codes).toContain("psfs");
    expect(codes).not.toContain("uwri");
  });

  it("reads a PSFS answer as its mean with each activity's rating", () => {
    const answer = {
      kind: "patient-specific" as const,
      version: "1.0.0",
      activities: [
        { activity: "Hill repeats", rating: 4 },
        { activity: "Stairs", rating: 7 },
      ],
      score: 5.5,
    };
    expect(describeAnswer("psfs", answer)).toBe("PSFS: 5.5 (Hill repeats 4, Stairs 7)");
  });

  it("reads a free-text answer in quotes", () => {
    expect(describeAnswer("free-text", { kind: "free-text", version: "1", text: "Felt loose on my long run" })).toBe(
      "Comment: “Felt loose on my long run”",
    );
  });
});
