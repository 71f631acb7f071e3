import { describe, expect, it } from "vitest";
import {
  activityTitle,
  formatActivityDate,
  formatActivityWeekdayTime,
  formatDuration,
  formatGainLoss,
  formatKmValue,
  formatPace,
  formatRamp,
  isWeekInProgress,
  MISSING,
} from "./format";
import { robustRange, smooth } from "./profileSeries";

describe("training formats", () => {
  it("writes pace as min:ss per km and a missing pace as a dash", () => {
    expect(formatPace(332)).toBe("5:32");
    expect(formatPace(299.6)).toBe("5:00");
    expect(formatPace(null)).toBe(MISSING);
    expect(formatPace(0)).toBe(MISSING);
  });

  it("writes durations with hours only when there are some", () => {
    expect(formatDuration(1500)).toBe("25:00");
    expect(formatDuration(3725)).toBe("1:02:05");
    expect(formatDuration(41337)).toBe("11:28:57");
  });

  it("gives kilometres two decimals under 10 km and one above", () => {
    expect(formatKmValue(5020)).toBe("5.02");
    expect(formatKmValue(21097)).toBe("21.1");
  });

  it("shows no elevation rather than +0 / −0 when the file had no altitude", () => {
    expect(formatGainLoss(0, 0)).toBe(MISSING);
    expect(formatGainLoss(245.4, 230.6)).toBe("+245 / −231 m");
    expect(formatGainLoss(12, 0, false)).toBe("+12 / −0");
  });

  it("signs the ramp and leaves a week with nothing to compare as a dash", () => {
    expect(formatRamp(12.4)).toBe("+12%");
    expect(formatRamp(-5.5)).toBe("−5%");
    expect(formatRamp(null)).toBe(MISSING);
  });

  it("dates an activity in the watch's local time when the file gives its offset", () => {
    // 23:30 UTC on 4 May is already 5 May at 01:30 in UTC+2.
    expect(formatActivityDate("2024-05-04T23:30:00Z", 120)).toBe(formatActivityDate("2024-05-05T01:30:00Z", 0));
    expect(formatActivityWeekdayTime("2024-05-04T23:30:00Z", 120)).toContain("01:30");
  });

  it("falls back to the client's time zone when the file does not say", () => {
    expect(formatActivityWeekdayTime("2024-01-10T07:00:00Z", null, "America/New_York")).toContain("02:00");
  });

  it("names an activity by its name, else its sport", () => {
    expect(activityTitle({ name: "Parkrun", sportLabel: "Run", sport: "running" })).toBe("Parkrun");
    expect(activityTitle({ name: null, sportLabel: "running / trail", sport: "trail_running" })).toBe("Running / trail");
    expect(activityTitle({ name: null, sportLabel: null, sport: "trail_running" })).toBe("Trail running");
  });

  it("knows the current week is not over until its Sunday ends", () => {
    const wednesday = new Date(2025, 1, 5, 12);
    expect(isWeekInProgress("2025-02-03", wednesday)).toBe(true);
    expect(isWeekInProgress("2025-01-27", wednesday)).toBe(false);
    expect(isWeekInProgress("2025-02-03", new Date(2025, 1, 9, 23, 59))).toBe(true);
    expect(isWeekInProgress("2025-02-03", new Date(2025, 1, 10, 0, 1))).toBe(false);
  });
});

describe("profile chart series", () => {
  it("averages pace over speed, so a slow point weighs as a watch would weigh it", () => {
    // 4:00 and 6:00 per km average to 4:48 (speeds 4.17 and 2.78 m/s), not 5:00.
    expect(smooth([240, 360], 1, true)[0]).toBeCloseTo(288);
  });

  it("keeps stops as gaps when smoothing", () => {
    expect(smooth([300, null, 300], 1)).toEqual([300, null, 300]);
  });

  it("widens a flat profile's range, so GPS noise is not drawn as hills", () => {
    const [low, high] = robustRange([100, 101, 102, 101], 30);
    expect(high - low).toBeGreaterThanOrEqual(30);
    expect(low).toBeLessThanOrEqual(100);
    expect(high).toBeGreaterThanOrEqual(102);
  });
});
