import { describe, expect, it } from "vitest";
import { analyseSingleCase } from "../../experiments/stats/index.js";
import { phaseSpans, signed, singleCaseFigures } from "./result-figures";

describe("numbers in words", () => {
  it("signs changes and never shows minus zero", () => {
    expect(signed(2)).toBe("+2");
    expect(signed(-1.5)).toBe("−1.5");
    expect(signed(-0.04)).toBe("0");
    expect(signed(-3.666)).toBe("−3.7");
  });

  it("shows each single-case figure with the server's meaning and its detail", () => {
    // Tightness (lower is better): 8, 7, 8 before; 5, 4, 3 during. Every pair improves.
    const result = analyseSingleCase(
      [
        { phase: "A", values: [8, 7, 8] },
        { phase: "B", values: [5, 4, 3] },
      ],
      { direction: "decrease" },
    );
    if (!result.ok) throw new Error(result.missing);
    const meanings = { levelChange: "level", nap: "nap", tauU: "tau", tauUTrendCorrected: "trend", pnd: "pnd" };
    const figures = Object.fromEntries(singleCaseFigures(result, meanings).map((f) => [f.name, f]));
    expect(figures.NAP).toMatchObject({ value: "100%", meaning: "nap" });
    expect(figures.PND).toMatchObject({ value: "100%", meaning: "pnd" });
    expect(figures["Level change"]).toMatchObject({ value: "−3.7", meaning: "level" });
    expect(figures["Tau-U (A vs B)"]?.detail).toContain("S = 9 over 9 pairs");
  });
});

describe("phase shading", () => {
  it("starts each new phase at the last point of the one before, and spans the whole axis", () => {
    const at = (day: number) => new Date(Date.UTC(2026, 10, day)).toISOString();
    const seconds = (day: number) => Date.UTC(2026, 10, day) / 1000;
    const spans = phaseSpans(
      [
        { at: at(1), value: 8, phase: "A", source: "session" },
        { at: at(7), value: 8, phase: "A", source: "session" },
        { at: at(10), value: 5, phase: "B", source: "checkin" },
        { at: at(14), value: 4, phase: "B", source: "session" },
        { at: at(21), value: 6, phase: "A", source: "checkin" },
      ],
      seconds(0),
      seconds(22),
    );
    expect(spans).toEqual([
      { phase: "A", from: seconds(0), to: seconds(7) },
      { phase: "B", from: seconds(7), to: seconds(14) },
      { phase: "A", from: seconds(14), to: seconds(22) },
    ]);
  });
});
