import { describe, expect, it } from "vitest";
import { FREE_TEXT } from "./free-text.js";
import { MEASURES, measureByCode, SESSION_MEASURE_FIELDS } from "./registry.js";
import { SENSATION_CHANGE } from "./sensation-change.js";

describe("measure registry", () => {
  it("has unique codes", () => {
    const codes = MEASURES.map((measure) => measure.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("gives every measure a version, a citation and a wording source", () => {
    for (const measure of MEASURES) {
      expect(measure.version, measure.code).toMatch(/^\d+\.\d+\.\d+$/);
      expect(measure.citations.length, measure.code).toBeGreaterThan(0);
      expect(
        measure.citations.every((citation) => citation.text.trim().length > 0),
        measure.code,
      ).toBe(true);
      expect(measure.wordingSource.trim().length, measure.code).toBeGreaterThan(0);
    }
  });

  it("marks a measure unverified whenever any of its items is a placeholder", () => {
    for (const measure of MEASURES) {
      if (measure.kind !== "item-scale") continue;
      const hasPlaceholder = measure.items.some((item) => item.placeholder);
      if (hasPlaceholder) expect(measure.wordingVerified, measure.code).toBe(false);
    }
  });

  it("labels every practice-convention threshold as unverified and every published MCID with a citation", () => {
    for (const measure of MEASURES) {
      for (const threshold of [measure.mcid, measure.mic]) {
        if (threshold === null) continue;
        if (threshold.statistic === "practice-convention") expect(threshold.verified, measure.code).toBe(false);
        else expect(threshold.citation, measure.code).not.toBeNull();
      }
    }
  });

  it("gives every LOINC code its source", () => {
    for (const measure of MEASURES) {
      if (measure.loinc === null) expect(measure.loincNote.length, measure.code).toBeGreaterThan(0);
      else expect(measure.loinc.source.length, measure.code).toBeGreaterThan(0);
    }
  });

  it("finds measures by code", () => {
    expect(measureByCode("lefs")?.name).toBe("Lower Extremity Functional Scale");
    expect(measureByCode("nprs")?.loinc?.code).toBe("72514-3");
    expect(measureByCode("no-such-measure")).toBeUndefined();
  });
});

describe("sensation change", () => {
  it("accepts the four categories with optional text", () => {
    expect(SENSATION_CHANGE.classify({ category: "looser", text: "  calf feels freer " })).toEqual({
      kind: "classified",
      category: "looser",
      text: "calf feels freer",
    });
    expect(SENSATION_CHANGE.classify({ category: "no-change" })).toEqual({ kind: "classified", category: "no-change", text: null });
  });

  it("rejects an unknown or missing category", () => {
    expect(SENSATION_CHANGE.classify({ category: "better" })).toMatchObject({ kind: "cannot-score", reason: "unknown-option" });
    expect(SENSATION_CHANGE.classify({ category: null })).toMatchObject({ kind: "cannot-score", reason: "missing-answer" });
  });
});

describe("free text", () => {
  it("trims text and rejects empty or over-long text", () => {
    expect(FREE_TEXT.accept("  sore after the long run ")).toEqual({ kind: "text", text: "sore after the long run" });
    expect(FREE_TEXT.accept("   ")).toMatchObject({ kind: "cannot-score", reason: "empty-text" });
    expect(FREE_TEXT.accept("x".repeat(FREE_TEXT.maxLength + 1))).toMatchObject({ kind: "cannot-score", reason: "text-too-long" });
  });
});

describe("facts on the measure", () => {
  it("names the session field that records it, on the session's 0–10 scale", () => {
    expect(SESSION_MEASURE_FIELDS).toEqual({ nprs: "pain", "tightness-nrs": "tightness" });
    for (const code of Object.keys(SESSION_MEASURE_FIELDS)) expect(measureByCode(code)).toMatchObject({ range: { min: 0, max: 10 } });
  });

  it("marks the ratings of change itself", () => {
    const transitions = MEASURES.filter((m) => m.kind === "item-scale" && m.transition === true).map((m) => m.code);
    expect(transitions).toEqual(["groc"]);
  });
});
