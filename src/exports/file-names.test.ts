import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attachment, safeEntryName, slug, uniqueNames } from "./file-names.js";

describe("slug", () => {
  it.each([
    ["Zoë O'Brien", "zoe-obrien"],
    ['=HYPERLINK("x")', "hyperlink-x"],
    ["   ", "client"],
    ["Ωμέγα", "client"],
  ])("turns %j into %j", (text, expected) => {
    expect(slug(text, "client")).toBe(expected);
  });

  it("always gives a short, plain-ASCII name that a header can carry", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const name = slug(text);
        expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(name.length).toBeLessThanOrEqual(40);
        expect(() => attachment(`palpable-${name}.csv`)).not.toThrow();
      }),
    );
  });
});

describe("attachment", () => {
  it("refuses a name that would need quoting or encoding", () => {
    expect(attachment("palpable-sessions-2026-11-28.csv")).toBe('attachment; filename="palpable-sessions-2026-11-28.csv"');
    expect(() => attachment('x".csv')).toThrow();
    expect(() => attachment("x\r\n.csv")).toThrow();
  });
});

describe("safeEntryName", () => {
  it.each([
    ["run.fit", "run.fit"],
    ["activities/123.fit.gz", "123.fit.gz"],
    ["..\\..\\evil.gpx", "evil.gpx"],
    ["bad\u0000name\n.tcx", "badname.tcx"],
    ["..", "fallback.fit"],
    ["", "fallback.fit"],
  ])("makes %j into %j", (name, expected) => {
    expect(safeEntryName(name, "fallback.fit")).toBe(expected);
  });
});

describe("uniqueNames", () => {
  it("numbers repeated names before the extension, ignoring case", () => {
    expect(uniqueNames(["run.fit", "run.fit", "RUN.fit", "run (2).fit", "notes"])).toEqual([
      "run.fit",
      "run (2).fit",
      "RUN (3).fit",
      "run (2) (2).fit",
      "notes",
    ]);
  });

  it("never gives two names that differ only by case", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a.fit", "A.fit", "a (2).fit", "b", "B"), { maxLength: 12 }), (names) => {
        const out = uniqueNames(names);
        expect(new Set(out.map((n) => n.toLowerCase())).size).toBe(out.length);
      }),
    );
  });
});
