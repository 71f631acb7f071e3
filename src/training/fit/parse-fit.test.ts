import { describe, expect, it } from "vitest";
import {
  buildRun,
  buildSettingsFile,
  concatBytes,
  RUN_LOCAL_OFFSET_SECONDS,
  RUN_START,
  withBadFileCrc,
} from "../../../test/support/training/fit-fixtures.js";
import { FitParseError, parseFit } from "./index.js";
import { firstRecordMismatch, readWithSdk } from "../../../test/support/training/fit-sdk-reference.js";

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof FitParseError) return error.code;
    throw error;
  }
  throw new Error("expected a FitParseError");
}

describe("parseFit on files written by Garmin's encoder", () => {
  it("decodes every record value as Garmin's SDK does, running dynamics included", () => {
    const file = buildRun({ gaps: true });
    const sdk = readWithSdk(file);
    expect(sdk.errors).toEqual([]);

    const { activity, warnings } = parseFit(file);

    expect(warnings).toEqual([]);
    expect(activity.records.count).toBe(sdk.records.length);
    expect(firstRecordMismatch(activity.records, sdk, activity.records.count)).toBeNull();
  });

  it("converts to Unix ms, degrees, metres, m/s and cadence with its fraction", () => {
    const { records } = parseFit(buildRun()).activity;
    const row = 6;

    expect(records.timestamp?.[row]).toBe(RUN_START.getTime() + row * 1000);
    expect(records.positionLat?.[row]).toBeCloseTo(48.8566 + row * 0.00002, 6);
    expect(records.positionLong?.[row]).toBeCloseTo(2.3522 - row * 0.00001, 6);
    expect(records.distance?.[row]).toBeCloseTo(row * 3.17, 2);
    expect(records.altitude?.[row]).toBeCloseTo(35 + Math.sin(row / 10) * 4.2, 1);
    expect(records.speed?.[row]).toBeCloseTo(3.17 + Math.cos(row / 5) * 0.2, 3);
    expect(records.cadence?.[row]).toBe(84 + (row % 5) + (row % 4) * 0.25);
    expect(records.stanceTime?.[row]).toBeCloseTo(241.3 + (row % 10), 5);
    expect(records.stepLength?.[row]).toBe(1134 + (row % 9));
  });

  it("marks a value the device left out as NaN", () => {
    const { records } = parseFit(buildRun({ gaps: true })).activity;

    expect(records.heartRate?.[3]).toBeNaN();
    expect(records.power?.[3]).toBeNaN();
    expect(records.heartRate?.[4]).toBe(124);
  });

  it("reads developer fields through their descriptions, with the SDK's values", () => {
    const file = buildRun({ developerFields: true });
    const { activity } = parseFit(file);

    expect(activity.developerFields.map((field) => [field.name, field.units, field.nativeFieldNum])).toEqual([
      ["Power", "Watts", 7],
      ["Leg Spring Stiffness", "kN/m", null],
    ]);
    expect(activity.developerFields[0]?.applicationId).toBe("18fb2cf01a4b430dad66988c847a7e4b");
    const [power, stiffness] = activity.records.developer;
    expect(power?.values[5]).toBe(265);
    expect(stiffness?.values[5]).toBe(10.5 + 5 * 0.125);
    expect(firstRecordMismatch(activity.records, readWithSdk(file), activity.records.count)).toBeNull();
  });

  it("keeps only the analysed record fields when asked, and changes nothing else", () => {
    for (const file of [buildRun({ developerFields: true }), buildRun({ gaps: true }), withBadFileCrc(buildRun())]) {
      const all = parseFit(file);
      const analysed = parseFit(file, { recordFields: "analysed" });
      expect(analysed.activity.records).toEqual({
        ...all.activity.records,
        power: null,
        stanceTime: null,
        stanceTimeBalance: null,
        verticalOscillation: null,
        verticalRatio: null,
        stepLength: null,
        developer: [],
      });
      expect({ ...analysed.activity, records: null }).toEqual({ ...all.activity, records: null });
      expect(analysed.warnings).toEqual(all.warnings);
      expect(all.activity.records.power).not.toBeNull();
    }
    expect(parseFit(buildRun({ developerFields: true })).activity.records.developer).toHaveLength(2);
  });

  it("summarises the session and laps with start and end times, trigger and intensity", () => {
    const { sessions, laps } = parseFit(buildRun({ records: 120 })).activity;

    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({
      startTime: RUN_START.getTime(),
      endTime: RUN_START.getTime() + 119_000,
      totalElapsedTime: 120,
      totalTimerTime: 119,
      totalDistance: 377.23,
      totalAscent: 24,
      totalDescent: 22,
      sportName: "running",
      subSportName: "trail",
      avgSpeed: 3.17,
      maxSpeed: 3.37,
      avgHeartRate: 140,
      avgCadence: 86.375,
      numLaps: 2,
    });
    expect(laps.map((lap) => [lap.startTime, lap.endTime, lap.lapTriggerName, lap.intensityName])).toEqual([
      [RUN_START.getTime(), RUN_START.getTime() + 59_000, "distance", "active"],
      [RUN_START.getTime() + 60_000, RUN_START.getTime() + 119_000, "sessionEnd", "active"],
    ]);
  });

  it("keeps timer events, devices, the sport and the local time offset", () => {
    const { activity } = parseFit(buildRun());

    expect(activity.events.map((event) => [event.eventName, event.eventTypeName])).toEqual([
      ["timer", "start"],
      ["timer", "stopAll"],
    ]);
    expect(activity.devices[0]).toMatchObject({ manufacturerName: "garmin", product: 3113, productName: "Forerunner 955" });
    expect(activity.sports).toEqual([{ sport: 1, sportName: "running", subSport: 3, subSportName: "trail", name: "Trail Run" }]);
    expect(activity.fileId).toMatchObject({ type: 4, manufacturerName: "garmin", serialNumber: 3456789012 });
    expect(activity.localTimeOffsetSeconds).toBe(RUN_LOCAL_OFFSET_SECONDS);
  });
});

describe("parseFit on chained and damaged files", () => {
  it("reads files chained in one stream as one activity", () => {
    const single = parseFit(buildRun({ records: 30 })).activity;
    const { activity, warnings } = parseFit(concatBytes(buildRun({ records: 30 }), buildRun({ records: 30 })));

    expect(warnings).toEqual([]);
    expect(activity.records.count).toBe(60);
    expect(activity.sessions).toHaveLength(2);
    expect(Array.from(activity.records.heartRate?.subarray(30) ?? [])).toEqual(Array.from(single.records.heartRate ?? []));
  });

  it("skips a chained non-activity file with a warning", () => {
    const { activity, warnings } = parseFit(concatBytes(buildRun({ records: 30 }), buildSettingsFile()));

    expect(activity.records.count).toBe(30);
    expect(warnings.map((warning) => warning.code)).toEqual(["skipped_non_activity_file"]);
  });

  it("reads a file whose CRC is wrong, with a warning", () => {
    const { activity, warnings } = parseFit(withBadFileCrc(buildRun({ records: 30 })));

    expect(activity.records.count).toBe(30);
    expect(warnings.map((warning) => warning.code)).toEqual(["bad_file_crc"]);
  });

  it("keeps the records before a truncation, with a warning", () => {
    const file = buildRun({ records: 200 });
    const cut = file.subarray(0, Math.floor(file.length * 0.6));

    const { activity, warnings } = parseFit(cut);

    expect(warnings.map((warning) => warning.code)).toEqual(["truncated"]);
    expect(activity.records.count).toBeGreaterThan(50);
    expect(activity.records.count).toBeLessThan(200);
    expect(firstRecordMismatch(activity.records, readWithSdk(file), activity.records.count)).toBeNull();
    expect(activity.sessions).toEqual([]);
  });

  it("reports a file cut inside its header as truncated", () => {
    expect(codeOf(() => parseFit(buildRun().subarray(0, 9)))).toBe("truncated");
  });
});

describe("parseFit rejects what is not an activity", () => {
  it("rejects a settings file as not_activity", () => {
    expect(codeOf(() => parseFit(buildSettingsFile()))).toBe("not_activity");
  });

  it("rejects bytes that are not FIT as not_fit", () => {
    expect(codeOf(() => parseFit(new Uint8Array(0)))).toBe("not_fit");
    expect(codeOf(() => parseFit(new TextEncoder().encode("<?xml version='1.0'?><gpx></gpx>")))).toBe("not_fit");
  });

  it("rejects a FIT header that declares an impossible size as corrupt_header", () => {
    const file = buildRun({ records: 5 });
    file[0] = 4;
    expect(codeOf(() => parseFit(file))).toBe("corrupt_header");
  });

  it("says in words what kind of file it rejected", () => {
    expect(() => parseFit(buildSettingsFile())).toThrow("This FIT file holds settings data, not an activity.");
  });
});
