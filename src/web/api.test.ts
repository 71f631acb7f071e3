import { describe, expect, it } from "vitest";
import { describeFieldErrors, fieldLabel } from "./api.js";

describe("field errors in people's words", () => {
  it("names a field by its words, not its API path", () => {
    expect(fieldLabel("running.yearsRunning")).toBe("Years running");
    expect(fieldLabel("dateOfBirth")).toBe("Date of birth");
    expect(fieldLabel("findings.2.regionCode")).toBe("Region code (item 3)");
  });

  it("says the first problem and how many more are marked", () => {
    expect(describeFieldErrors({ "running.yearsRunning": "must be at most 90 years" })).toBe("Years running: must be at most 90 years");
    expect(describeFieldErrors({ dateOfBirth: "must not be in the future", email: "is not an email address" })).toBe(
      "Date of birth: must not be in the future (and 1 more marked below)",
    );
  });

  it("does not name a field twice when the server already named it in words", () => {
    expect(describeFieldErrors({ "mcid.source": "MCID source: must not be empty" })).toBe("MCID source: must not be empty");
  });
});
