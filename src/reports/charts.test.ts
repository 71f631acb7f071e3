import { describe, expect, it } from "vitest";
import { outcomeChart } from "./charts.js";

function yTicks(svg: string): string[] {
  return [...svg.matchAll(/text-anchor="end"[^>]*>(-?\d+)</g)].map((m) => m[1] ?? "");
}

describe("outcomeChart", () => {
  it("puts the value axis ticks on multiples of the step, so GROC's −7…7 shows 0", () => {
    const chart = outcomeChart(
      {
        code: "groc",
        name: "Global rating of change",
        higherIsBetter: true,
        range: { min: -7, max: 7 },
        mcid: null,
        points: [
          { day: 1, value: 2, source: "checkin", phase: null },
          { day: 7, value: 4, source: "checkin", phase: null },
        ],
      },
      [0],
    );
    expect(yTicks(chart.svg)).toEqual(["-5", "0", "5"]);
  });

  it("keeps 0, 2, … 10 on a 0–10 scale", () => {
    const chart = outcomeChart(
      {
        code: "nprs",
        name: "Pain",
        higherIsBetter: false,
        range: { min: 0, max: 10 },
        mcid: null,
        points: [{ day: 1, value: 6, source: "checkin", phase: null }],
      },
      [0],
    );
    expect(yTicks(chart.svg)).toEqual(["0", "2", "4", "6", "8", "10"]);
  });
});
