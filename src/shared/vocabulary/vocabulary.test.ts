import { describe, expect, it } from "vitest";
import { DIRECTIONS, TECHNIQUES, VOCABULARY_VERSION, isTechniqueCodeShape } from "./catalogue.js";
import { REGIONS, isRegionCode } from "./regions.js";

describe("clinical vocabulary", () => {
  it("has a version", () => {
    expect(VOCABULARY_VERSION).toMatch(/^\d{4}\.\d{2}$/);
  });

  it("has unique region codes whose parents exist and come first", () => {
    const codes = REGIONS.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const [index, region] of REGIONS.entries()) {
      if (region.parent === null) continue;
      const parentIndex = codes.indexOf(region.parent);
      expect(parentIndex, region.code).toBeGreaterThanOrEqual(0);
      expect(parentIndex, region.code).toBeLessThan(index);
    }
  });

  it("has unique SNOMED codes, each with a recorded source", () => {
    const coded = REGIONS.flatMap((r) => (r.snomed ? [r.snomed] : []));
    expect(new Set(coded.map((s) => s.code)).size).toBe(coded.length);
    for (const snomed of coded) {
      expect(snomed.code).toMatch(/^\d{6,18}$/);
      expect(snomed.source.length).toBeGreaterThan(10);
    }
  });

  it("subdivides the rectus femoris into thirds under the quadriceps", () => {
    for (const third of ["proximal", "middle", "distal"]) {
      expect(REGIONS.find((r) => r.code === `rectus_femoris_${third}`)?.parent).toBe("rectus_femoris");
    }
    expect(REGIONS.find((r) => r.code === "rectus_femoris")?.parent).toBe("quadriceps");
    expect(REGIONS.find((r) => r.code === "lumbar_paraspinals")?.sided).toBe(false);
  });

  it("recognises region and technique codes", () => {
    expect(isRegionCode("iliopsoas")).toBe(true);
    expect(isRegionCode("spleen")).toBe(false);
    expect(isTechniqueCodeShape("cupping")).toBe(true);
    expect(isTechniqueCodeShape("custom:0b6a3c1e-8f0d-4c55-9a55-3b1f5f7a9c11")).toBe(true);
    expect(isTechniqueCodeShape("reiki")).toBe(false);
  });

  it("has unique technique and direction codes", () => {
    expect(new Set(TECHNIQUES.map((t) => t.code)).size).toBe(TECHNIQUES.length);
    expect(new Set(DIRECTIONS.map((d) => d.code)).size).toBe(DIRECTIONS.length);
  });
});
