import { describe, expect, it } from "vitest";
import { instantOfWallTime, localHourDaysAfter, zoneOffsetMs } from "./zoned-time.js";

describe("zoned time", () => {
  it("puts 18:00 London in summer time at 17:00 UTC and in winter at 18:00 UTC", () => {
    expect(localHourDaysAfter(new Date("2026-03-27T10:00:00Z"), 3, 18, "Europe/London").toISOString()).toBe("2026-03-30T17:00:00.000Z");
    expect(localHourDaysAfter(new Date("2026-03-27T10:00:00Z"), 1, 18, "Europe/London").toISOString()).toBe("2026-03-28T18:00:00.000Z");
  });

  it("counts days from the client's local date, not the UTC date", () => {
    // 23:30 in Los Angeles on 1 Nov is already 2 Nov in UTC.
    const late = new Date("2026-11-02T07:30:00Z");
    expect(localHourDaysAfter(late, 1, 18, "America/Los_Angeles").toISOString()).toBe("2026-11-03T02:00:00.000Z");
  });

  it("moves a wall time in the spring-forward gap forward by the gap", () => {
    expect(instantOfWallTime({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 }, "Europe/London").toISOString()).toBe(
      "2026-03-29T01:30:00.000Z",
    );
    expect(instantOfWallTime({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, "America/New_York").toISOString()).toBe(
      "2026-03-08T07:30:00.000Z",
    );
  });

  it("takes the first occurrence of a repeated autumn hour", () => {
    expect(instantOfWallTime({ year: 2026, month: 10, day: 25, hour: 1, minute: 30 }, "Europe/London").toISOString()).toBe(
      "2026-10-25T00:30:00.000Z",
    );
  });

  it("handles half-hour zones", () => {
    expect(zoneOffsetMs(new Date("2026-01-15T00:00:00Z"), "Asia/Kolkata")).toBe(5.5 * 3_600_000);
    expect(localHourDaysAfter(new Date("2026-01-15T04:00:00Z"), 7, 18, "Asia/Kolkata").toISOString()).toBe("2026-01-22T12:30:00.000Z");
  });
});
