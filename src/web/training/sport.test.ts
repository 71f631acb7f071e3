import { describe, expect, it } from "vitest";
import { sportName, sportSourceText } from "./sport";

describe("where an activity's sport came from", () => {
  it("says when the file named it, when it was inferred (with the evidence) and when a therapist corrected it", () => {
    expect(sportSourceText({ sportSource: "file", sportEvidence: null })).toBe("As the file says.");
    expect(sportSourceText({ sportSource: "inferred", sportEvidence: "Median moving speed 24.1 km/h: no runner holds that." })).toBe(
      "Inferred: the file does not say its sport. Median moving speed 24.1 km/h: no runner holds that.",
    );
    expect(sportSourceText({ sportSource: "practitioner", sportEvidence: null })).toBe("Corrected by therapist.");
  });

  it("names sports in words", () => {
    expect(sportName("trail_running")).toBe("Trail running");
    expect(sportName("kayaking")).toBe("kayaking");
  });
});
