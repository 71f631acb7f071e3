import { describe, expect, it } from "vitest";
import { parseDecimal, parseIsoTime } from "./text-values.js";

describe("parseIsoTime", () => {
  it("reads UTC times with and without fractional seconds", () => {
    expect(parseIsoTime("2020-03-06T00:23:46Z")).toEqual({ ms: Date.UTC(2020, 2, 6, 0, 23, 46), offsetMinutes: null, zoned: true });
    expect(parseIsoTime(" 2020-03-06T00:23:46.250Z\n")?.ms).toBe(Date.UTC(2020, 2, 6, 0, 23, 46, 250));
    expect(parseIsoTime("1901-12-13T20:45:52.2073437Z")?.ms).toBe(Date.UTC(1901, 11, 13, 20, 45, 52, 207));
  });

  it("applies a numeric offset and reports it as the local offset", () => {
    expect(parseIsoTime("2020-12-27T15:43:49.000+01:00")).toEqual({
      ms: Date.UTC(2020, 11, 27, 14, 43, 49),
      offsetMinutes: 60,
      zoned: true,
    });
    expect(parseIsoTime("2020-12-27T10:13:49-0530")).toEqual({ ms: Date.UTC(2020, 11, 27, 15, 43, 49), offsetMinutes: -330, zoned: true });
  });

  it("reads a time without a zone as UTC, whatever this machine's zone", () => {
    expect(parseIsoTime("2013-01-01T12:00:04")).toEqual({ ms: Date.UTC(2013, 0, 1, 12, 0, 4), offsetMinutes: null, zoned: false });
  });

  it("returns null for anything that is not a date-time", () => {
    for (const text of ["", "yesterday", "2020-13-01T00:00:00Z", "2020-01-01", "1588291200"]) expect(parseIsoTime(text)).toBeNull();
  });
});

describe("parseDecimal", () => {
  it("reads decimals and exponents, and gives NaN for empty or odd text", () => {
    expect(parseDecimal(" 45.7570 ")).toBe(45.757);
    expect(parseDecimal("-1.5e2")).toBe(-150);
    expect(parseDecimal(".5")).toBe(0.5);
    for (const text of [undefined, "", "  ", "0x1F", "Infinity", "12 m", "undefined"]) expect(parseDecimal(text)).toBeNaN();
  });
});
