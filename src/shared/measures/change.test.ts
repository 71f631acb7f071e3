import { describe, expect, it } from "vitest";
import { isMcidImprovement } from "./change.js";
import { FREE_TEXT } from "./free-text.js";
import { GROC } from "./groc.js";
import { LEFS } from "./lefs.js";
import { NPRS } from "./nprs.js";
import { TIGHTNESS_NRS } from "./practice-nrs.js";
import { PSFS } from "./psfs.js";
import { UWRI } from "./uwri.js";

describe("isMcidImprovement", () => {
  it("counts an NPRS drop of 2 points as improvement by the points criterion", () => {
    // 8 -> 6 is 2 points but only 25%.
    expect(isMcidImprovement(NPRS, 8, 6)).toMatchObject({ kind: "judged", improved: true, metByPoints: true, metByPercent: false });
  });

  it("counts an NPRS drop of 30% as improvement by the percent criterion", () => {
    // 3 -> 2 is 1 point but 33%; 10 -> 7 is exactly 30% (and 3 points).
    expect(isMcidImprovement(NPRS, 3, 2)).toMatchObject({ kind: "judged", improved: true, metByPoints: false, metByPercent: true });
    expect(isMcidImprovement(NPRS, 10, 7)).toMatchObject({ improved: true, metByPercent: true });
  });

  it("does not count an NPRS drop below both criteria, or a rise", () => {
    expect(isMcidImprovement(NPRS, 8, 7)).toMatchObject({ kind: "judged", improved: false, metByPoints: false, metByPercent: false });
    expect(isMcidImprovement(NPRS, 2, 5)).toMatchObject({ improved: false });
  });

  it("cannot use the percent criterion from a baseline of 0", () => {
    expect(isMcidImprovement(NPRS, 0, 0)).toMatchObject({ improved: false, improvementPercent: null });
  });

  it("uses the LEFS MCID of 9 points upward", () => {
    expect(isMcidImprovement(LEFS, 40, 49)).toMatchObject({ improved: true });
    expect(isMcidImprovement(LEFS, 40, 48)).toMatchObject({ improved: false });
    expect(isMcidImprovement(LEFS, 49, 40)).toMatchObject({ improved: false });
  });

  it("uses the UWRI MCID of 8 points", () => {
    expect(isMcidImprovement(UWRI, 20, 28)).toMatchObject({ improved: true });
    expect(isMcidImprovement(UWRI, 20, 25)).toMatchObject({ improved: false });
  });

  it("uses 2 points on the PSFS average", () => {
    expect(isMcidImprovement(PSFS, 4, 6)).toMatchObject({ improved: true });
    expect(isMcidImprovement(PSFS, 4, 5.5)).toMatchObject({ improved: false });
  });

  it("applies the labelled practice convention for tightness, where lower is better", () => {
    const judgement = isMcidImprovement(TIGHTNESS_NRS, 7, 5);
    expect(judgement).toMatchObject({ kind: "judged", improved: true });
    if (judgement.kind === "judged") expect(judgement.threshold.statistic).toBe("practice-convention");
  });

  it("reports no threshold for the GROC and for free text", () => {
    expect(isMcidImprovement(GROC, 0, 5)).toMatchObject({ kind: "no-threshold" });
    expect(isMcidImprovement(FREE_TEXT, 0, 5)).toMatchObject({ kind: "no-threshold" });
  });
});
