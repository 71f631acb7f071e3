import { Decoder, Stream } from "@garmin/fitsdk";
import { describe, expect, it } from "vitest";
import { analyseActivity } from "./analyse.js";
import { buildPoolSwim } from "../../test/support/training/fit-fixtures.js";
import { parseTrainingFile } from "./parse-file.js";

const analyse = (bytes: Uint8Array) => {
  const { activity } = parseTrainingFile(bytes);
  return { activity, analysis: analyseActivity(activity, { recentWeeklyDistancesM: [] }) };
};

describe("pool swims", () => {
  it("reads 1,950 m from the lengths when the records carry no timestamp or distance", () => {
    const bytes = buildPoolSwim({ lengths: 39, poolLengthM: 50 });
    // Garmin's SDK agrees on what the file holds: 39 swum lengths and idle ones between.
    const sdk = new Decoder(Stream.fromByteArray(Array.from(bytes))).read();
    expect(sdk.messages.lengthMesgs?.filter((l) => l.lengthType === "active")).toHaveLength(39);

    const { activity, analysis } = analyse(bytes);
    expect(activity.sport).toBe("swimming");
    expect(activity.lengths?.filter((l) => l.active)).toHaveLength(39);
    expect(analysis.distanceM).toBe(1950);
    expect(analysis.movingS).toBe(39 * 55);
    expect(analysis.elapsedS).toBeGreaterThan(39 * 55);
    expect(analysis.summary.figures?.distanceM.source).toBe("lengths");
    expect(analysis.summary.figures?.device?.distanceM).toBe(1950);
    expect(analysis.summary.notes).toContain("Distance from the watch's pool lengths (39 × 50 m); the records carry no distance.");
  });

  it("keeps the first length, which records starting at the end of it would lose", () => {
    const { analysis } = analyse(buildPoolSwim({ lengths: 20, poolLengthM: 25, untimedRecords: false }));
    expect(analysis.distanceM).toBe(500);
    expect(analysis.summary.figures?.records.distanceM).toBe(475);
  });
});
