import { describe, expect, it } from "vitest";
import { leastSquares } from "./stats.js";

describe("leastSquares", () => {
  it("reproduces Anscombe's quartet set I: y = 3.00 + 0.500x (Anscombe 1973)", () => {
    const x = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
    const y = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68];
    const fit = leastSquares(x, y);
    expect(fit?.intercept).toBeCloseTo(3.0001, 4);
    expect(fit?.slope).toBeCloseTo(0.5001, 4);
  });

  it("returns null without a spread in x", () => {
    expect(leastSquares([3, 3, 3], [1, 2, 3])).toBeNull();
    expect(leastSquares([3], [1])).toBeNull();
  });
});
