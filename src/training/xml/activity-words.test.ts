import { describe, expect, it } from "vitest";
import type { Sport } from "../activity.js";
import { altitudeSourceFor, isFootSport, sportFromWords } from "./activity-words.js";

describe("sportFromWords", () => {
  it("maps the words apps write to our sports", () => {
    const cases: [string, Sport][] = [
      ["running", "running"],
      ["Running", "running"],
      ["Run", "running"],
      ["trail_running", "trail_running"],
      ["Trail Run", "trail_running"],
      ["treadmill_running", "treadmill_running"],
      ["indoor_running", "treadmill_running"],
      ["track_running", "track_running"],
      ["walking", "walking"],
      ["Hiking", "hiking"],
      ["Biking", "cycling"],
      ["road_biking", "cycling"],
      ["Ride", "cycling"],
      ["open_water_swimming", "swimming"],
      ["Other", "other"],
      ["Car", "other"],
    ];
    for (const [words, sport] of cases) expect([words, sportFromWords(words)]).toEqual([words, sport]);
  });
});

describe("isFootSport", () => {
  it("counts running, walking and hiking, not cycling", () => {
    expect(["trail_running", "walking", "hiking", "cycling", "other"].map((s) => isFootSport(s as never))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

describe("altitudeSourceFor", () => {
  it("says barometric only for devices known to carry an altimeter", () => {
    expect(altitudeSourceFor("Forerunner 955", "gps")).toBe("barometric");
    expect(altitudeSourceFor("fēnix 7", "gps")).toBe("barometric");
    expect(altitudeSourceFor("Edge 530", "gps")).toBe("barometric");
  });

  it("says unknown for other Garmin devices and for re-exporting services", () => {
    expect(altitudeSourceFor("Forerunner 235", "gps")).toBe("unknown");
    expect(altitudeSourceFor("Garmin Connect", "gps")).toBe("unknown");
    expect(altitudeSourceFor("StravaGPX", "gps")).toBe("unknown");
  });

  it("falls back to the format's default otherwise", () => {
    expect(altitudeSourceFor("OsmAnd+", "gps")).toBe("gps");
    expect(altitudeSourceFor(null, "unknown")).toBe("unknown");
  });
});
