import { Decoder, Stream } from "@garmin/fitsdk";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../demo/random.js";
import { synthesiseRun, WORKOUTS } from "../synthetic-run.js";
import { encodeFitActivity } from "./encode.js";
import { parseFit } from "./index.js";

describe("our FIT writer", () => {
  const input = synthesiseRun({
    start: Date.parse("2026-10-04T07:00:00Z"),
    segments: WORKOUTS.intervals(4),
    random: seededRandom(7),
    localOffsetMinutes: 60,
  });
  const bytes = encodeFitActivity(input);

  it("writes files Garmin's SDK reads without errors, with the same values", () => {
    const decoder = new Decoder(Stream.fromByteArray(Array.from(bytes)));
    expect(decoder.isFIT()).toBe(true);
    expect(decoder.checkIntegrity()).toBe(true);
    const { messages, errors } = decoder.read();
    expect(errors).toEqual([]);
    const records = messages.recordMesgs as {
      timestamp: Date;
      distance: number;
      enhancedAltitude: number;
      heartRate: number;
      cadence: number;
      fractionalCadence: number;
    }[];
    expect(records).toHaveLength(input.records.length);
    const i = 100;
    const source = input.records[i];
    const read = records[i];
    expect(read?.timestamp.getTime()).toBe(Math.floor((source?.time ?? 0) / 1000) * 1000);
    expect(read?.distance).toBeCloseTo(source?.distanceM ?? 0, 1);
    expect(read?.enhancedAltitude).toBeCloseTo(source?.altitudeM ?? 0, 0);
    expect(read?.heartRate).toBe(source?.heartRate);
    expect(((read?.cadence ?? 0) + (read?.fractionalCadence ?? 0)) * 2).toBeCloseTo(source?.cadenceSpm ?? 0, 0);
    expect(messages.sessionMesgs?.[0]).toMatchObject({ sport: "running", numLaps: input.laps?.length });
    expect((messages.lapMesgs as { intensity: string }[]).map((l) => l.intensity)).toContain("rest");
  });

  it("round-trips through our decoder", () => {
    const { activity, warnings } = parseFit(bytes);
    expect(warnings).toEqual([]);
    expect(activity.records.count).toBe(input.records.length);
    expect(activity.localTimeOffsetSeconds).toBe(3600);
    expect(activity.laps.map((l) => l.intensityName)).toEqual(input.laps?.map((l) => l.intensity));
  });
});
