import { describe, expect, it } from "vitest";
import { PSFS } from "./psfs.js";

describe("PSFS scoring", () => {
  it("scores the mean of the activity ratings", () => {
    const result = PSFS.score([
      { activity: "Running 10 km", rating: 3 },
      { activity: "Hill repeats", rating: 5 },
      { activity: "Stairs at work", rating: 8 },
    ]);
    expect(result).toMatchObject({ kind: "scored", answeredItems: 3 });
    if (result.kind === "scored") expect(result.score).toBeCloseTo(16 / 3, 10);
  });

  it("scores a single activity and five activities", () => {
    expect(PSFS.score([{ activity: "Parkrun", rating: 7 }])).toMatchObject({ kind: "scored", score: 7 });
    const five = [0, 2, 4, 6, 8].map((rating, index) => ({ activity: `Activity ${index + 1}`, rating }));
    expect(PSFS.score(five)).toMatchObject({ kind: "scored", score: 4 });
  });

  it("refuses no activities or more than five", () => {
    expect(PSFS.score([])).toMatchObject({ kind: "cannot-score", reason: "wrong-item-count" });
    const six = Array.from({ length: 6 }, (_, index) => ({ activity: `Activity ${index + 1}`, rating: 5 }));
    expect(PSFS.score(six)).toMatchObject({ kind: "cannot-score", reason: "wrong-item-count" });
  });

  it("refuses an unrated or unnamed activity, and a rating outside 0-10", () => {
    expect(PSFS.score([{ activity: "Running", rating: null }])).toMatchObject({ kind: "cannot-score", reason: "missing-answer" });
    expect(PSFS.score([{ activity: "  ", rating: 4 }])).toMatchObject({ kind: "cannot-score", reason: "missing-answer" });
    expect(PSFS.score([{ activity: "Running", rating: 11 }])).toMatchObject({ kind: "cannot-score", reason: "out-of-range" });
  });
});
