import { describe, expect, it } from "vitest";
import { closestLocale, formatCalendarDate, formatDateTimeInWords, formatInstant } from "./dates.js";

// The joining words ("at", commas) come from the CLDR data of the Node.js release, so the tests
// look for the parts that carry the meaning.
describe("formatDateTimeInWords", () => {
  it("writes an instant in words in the reader's time zone", () => {
    const berlin = formatDateTimeInWords("2026-12-13T17:00:00.000Z", "Europe/Berlin");
    expect(berlin).toMatch(/^Sunday,? 13 December 2026\b.*\b18:00$/);
    // The same instant is already the next day in Auckland.
    expect(formatDateTimeInWords("2026-12-13T17:00:00.000Z", "Pacific/Auckland")).toMatch(/^Monday,? 14 December 2026\b.*\b06:00$/);
  });

  it("follows the locale it is given", () => {
    expect(formatDateTimeInWords("2026-12-13T17:00:00.000Z", "America/New_York", "en-US")).toMatch(
      /^Sunday, December 13, 2026\b.*\b12:00\sPM$/,
    );
  });
});

describe("formatInstant and formatCalendarDate", () => {
  it("write dates the way the chosen locale reads them", () => {
    expect(formatCalendarDate("2026-12-13", "en-GB")).toBe("13 Dec 2026");
    expect(formatCalendarDate("2026-12-13", "en-US")).toBe("Dec 13, 2026");
    expect(formatCalendarDate("2026-12-13", "de-DE")).toBe("13. Dez. 2026");
    expect(formatCalendarDate("2023-05", "de-DE")).toBe("Mai 2023");
    expect(formatCalendarDate("2023", "en-US")).toBe("2023");
    expect(formatInstant("2026-12-13T23:30:00.000Z", "date", "en-GB", "Europe/Berlin")).toBe("14 Dec 2026");
    expect(formatInstant("2026-12-13T17:00:00.000Z", "datetime", "de-DE", "Europe/Berlin")).toMatch(/^13\.12\.2026,? 18:00$/);
    expect(formatInstant("2026-12-13T23:30:00.000Z", "weekdayDate", "en-GB", "Europe/Berlin")).toBe("Mon, 14 Dec 2026");
    expect(formatDateTimeInWords("2026-12-13T17:00:00.000Z", "Europe/Berlin", "de-DE")).toMatch(/^Sonntag, 13\. Dezember 2026\b.*\b18:00$/);
  });

  it("falls back to UTC for a time zone Intl does not know, and picks the closest supported locale", () => {
    expect(formatInstant("2026-12-13T17:00:00.000Z", "time", "en-GB", "Mars/Olympus")).toBe("17:00 UTC");
    expect(closestLocale(["de", "en"])).toBe("de-DE");
    expect(closestLocale(["en-US"])).toBe("en-US");
    expect(closestLocale(["pt-BR"])).toBe("en-GB");
  });
});
