import { describe, expect, it } from "vitest";
import { primaries, sameRun, type LinkCandidate } from "./duplicates.js";

const T0 = Date.parse("2026-11-24T07:00:00Z");

function recording(id: string, startOffsetS: number, elapsedS: number, more: Partial<LinkCandidate> = {}): LinkCandidate {
  return {
    id,
    fileId: `file-${id}`,
    sport: "running",
    startMs: T0 + startOffsetS * 1000,
    elapsedS,
    richness: { device: null, samples: elapsedS, streams: [] },
    ...more,
  };
}

describe("sameRun", () => {
  it("starts within 2 minutes: 120 s is the same run, 121 s is not", () => {
    expect(sameRun(recording("a", 0, 3600), recording("b", 120, 3600))).toBe(true);
    expect(sameRun(recording("a", 0, 3600), recording("b", 121, 3600))).toBe(false);
  });

  it("needs 80% of the longer recording to overlap", () => {
    expect(sameRun(recording("a", 0, 3600), recording("b", 0, 2880))).toBe(true);
    expect(sameRun(recording("a", 0, 3600), recording("b", 0, 2870))).toBe(false);
  });

  it("matches within a sport family only, and never two legs of one file", () => {
    expect(sameRun(recording("a", 0, 3600), recording("b", 0, 3600, { sport: "trail_running" }))).toBe(true);
    expect(sameRun(recording("a", 0, 3600), recording("b", 0, 3600, { sport: "cycling" }))).toBe(false);
    expect(sameRun(recording("a", 0, 3600), recording("b", 0, 3600, { fileId: "file-a" }))).toBe(false);
  });
});

describe("primaries", () => {
  it("makes the recording with more streams primary, then the one with more samples, whatever the order", () => {
    const watch = recording("w", 30, 3600, { richness: { device: "watch", samples: 3600, streams: ["heart_rate", "cadence"] } });
    const phone = recording("p", 0, 3600, { richness: { device: "phone", samples: 7200, streams: ["positions"] } });
    const strap = recording("s", 10, 3600, { richness: { device: "strap", samples: 900, streams: ["heart_rate", "positions"] } });
    for (const order of [
      [watch, phone, strap],
      [strap, phone, watch],
    ]) {
      expect(Object.fromEntries(primaries(order))).toEqual({ w: null, p: "w", s: "w" });
    }
    const twin = recording("t", 5, 3600, { richness: { device: "twin", samples: 3601, streams: ["heart_rate", "cadence"] } });
    expect(primaries([watch, twin]).get("w")).toBe("t");
  });

  it("leaves lone runs unlinked", () => {
    expect(Object.fromEntries(primaries([recording("a", 0, 1800), recording("b", 4000, 1800)]))).toEqual({ a: null, b: null });
  });
});
