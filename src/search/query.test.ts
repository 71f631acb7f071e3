import { describe, expect, it } from "vitest";
import { excerpt, parseSearchQuery } from "./query.js";

describe("parseSearchQuery", () => {
  it("requires every word, keeps phrases, alternatives and exclusions, without accents", () => {
    expect(parseSearchQuery("Rectus Fémoris").fts5).toBe('"rectus" AND "femoris"');
    expect(parseSearchQuery('"distal third" crunchy').fts5).toBe('"distal third" AND "crunchy"');
    expect(parseSearchQuery("calf or shin hill").fts5).toBe('("calf" OR "shin") AND "hill"');
    expect(parseSearchQuery("hip -psoas").fts5).toBe('("hip") NOT ("psoas")');
    expect(parseSearchQuery("Zoë").websearch).toBe("zoe");
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
