import { describe, expect, it } from "vitest";
import { LOCALES } from "../shared/dates.js";
import { describeActivity } from "./pages.js";
import { sportWord } from "./sport-words.js";

const ride = {
  startTime: "2026-11-25T08:00:00.000Z",
  localOffsetMinutes: 60,
  distanceM: 20_000,
  sport: "cycling",
  sportLabel: null,
};

describe("the kind of activity on the runner's page", () => {
  it("is written in the language of the client's locale, like the date and distance beside it", () => {
    expect(describeActivity(ride, { locale: "en-GB", timeZone: "Europe/London" })).toBe("Wed, 25 Nov 2026 · 20.0 km · Ride");
    expect(describeActivity(ride, { locale: "de-DE", timeZone: "Europe/Berlin" })).toBe("Mi., 25. Nov. 2026 · 20,0 km · Radfahrt");
    expect(describeActivity({ ...ride, sport: "running" }, { locale: "fr-FR", timeZone: "Europe/Paris" })).toMatch(/ · 20,0 km · Course$/);
    expect(sportWord("running", null, "de-AT")).toBe("Lauf");
    expect(sportWord("running", null, "nb-NO")).toBe("Løpetur");
    expect(sportWord("swimming", null, "es-ES")).toBe("Natación");
  });

  it("has a word for every sport in every locale a client can choose", () => {
    const sports = ["running", "trail_running", "treadmill_running", "track_running", "walking", "hiking", "cycling", "swimming"];
    for (const { code } of LOCALES) {
      const words = sports.map((sport) => sportWord(sport, null, code));
      expect(words.every((word) => word.length > 0)).toBe(true);
      // Each kind reads differently from the others.
      expect(new Set(words).size).toBe(sports.length);
      if (!code.startsWith("en-")) expect(words).not.toContain("Run");
    }
  });

  it("names another sport by the file's own label, else as an activity in the locale's language", () => {
    expect(sportWord("other", "Rowing", "de-DE")).toBe("Rowing");
    expect(sportWord("other", null, "de-DE")).toBe("Aktivität");
    expect(sportWord("other", null, "it-IT")).toBe("Attività");
    expect(sportWord("toString", null, "en-GB")).toBe("Activity");
  });

  it("falls back to English for a language it has no words for", () => {
    expect(sportWord("cycling", null, "pt-PT")).toBe("Ride");
  });
});
