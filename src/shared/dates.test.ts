import { describe, expect, it } from "vitest";
import { formatDateTimeInWords } from "./dates.js";

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
