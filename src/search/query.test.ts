import { describe, expect, it } from "vitest";
import { excerpt, parseSearchQuery, shorterStems } from "./query.js";

describe("parseSearchQuery", () => {
  it("requires every word, keeps phrases, alternatives and exclusions, without accents", () => {
    expect(parseSearchQuery("Rectus Fémoris -knee").fts5).toBe('("rectus" AND "femoris") NOT ("knee")');
    expect(parseSearchQuery('crunchy "distal third"').fts5).toBe('"crunchy" AND "distal third"');
    expect(parseSearchQuery("hill calf or shin").fts5).toBe('"hill" AND ("calf" OR "shin")');
    expect(parseSearchQuery("hip -psoas").fts5).toBe('("hip") NOT ("psoas")');
    expect(parseSearchQuery("Zoë -x").websearch).toBe("zoe -x");
  });

  it("matches the last word standing alone as the start of a word, and as the shorter stems it may have", () => {
    expect(parseSearchQuery("hams")).toMatchObject({ fts5: '("hams"* OR "ham")', websearch: "", prefix: "hams:* | ham" });
    expect(parseSearchQuery("right Cupp")).toMatchObject({
      fts5: '"right" AND ("cupp"* OR "cup")',
      websearch: "right",
      prefix: "cupp:* | cup",
    });
    expect(parseSearchQuery("tightne").prefix).toBe("tightne:* | tight | tightn");
    // Too short, quoted, excluded, after "or", or more than one token: matched as typed.
    expect(parseSearchQuery("hi").prefix).toBeNull();
    expect(parseSearchQuery('"hams"').prefix).toBeNull();
    expect(parseSearchQuery("calf -hams").prefix).toBeNull();
    expect(parseSearchQuery("calf or hams").prefix).toBeNull();
    expect(parseSearchQuery("hip-fl").prefix).toBeNull();
    expect(shorterStems("2026")).toEqual([]);
  });

  it("never passes FTS5 syntax through, and matches nothing for nothing", () => {
    expect(parseSearchQuery('NEAR(a b) col:x * "unclosed').fts5).toBe('"near a" AND "b" AND "col x" AND "unclosed"');
    expect(parseSearchQuery("-only -exclusions").fts5).toBeNull();
    expect(parseSearchQuery("  ** ").fts5).toBeNull();
  });
});

describe("excerpt", () => {
  it("cuts around the first matching word", () => {
    const body = `${"Warm-up and general notes about the week. ".repeat(5)}Rigid distal rectus femoris, stuck to itself. ${"More text. ".repeat(10)}`;
    const cut = excerpt(body, ["rectus"]);
    expect(cut).toMatch(/^… .*Rigid distal rectus femoris/);
    expect(cut.length).toBeLessThanOrEqual(170);
  });
});
