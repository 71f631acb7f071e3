import { describe, expect, it } from "vitest";
import { fixedClock } from "../shared/clock.js";
import { FixedWindowLimiter } from "./rate-limit.js";

describe("FixedWindowLimiter", () => {
  it("refuses requests over the limit until the window passes", () => {
    const clock = fixedClock(new Date("2026-11-28T10:00:00Z"));
    const limiter = new FixedWindowLimiter(clock, 2, 60_000);
    expect([limiter.allow("a"), limiter.allow("a"), limiter.allow("a"), limiter.allow("b")]).toEqual([true, true, false, true]);
    clock.advance(60_000);
    expect(limiter.allow("a")).toBe(true);
  });
});
