import { describe, expect, it } from "vitest";
import { BASE, be, FitBytes, fitSeconds, le, RUN_START, semicircles } from "../../../test/support/training/fit-fixtures.js";
import { FitParseError, parseFit } from "./index.js";

/**
 * Files written byte by byte, for what Garmin's encoder never produces (and its decoder cannot
 * read): compressed-timestamp headers, big-endian messages, odd field layouts, broken streams.
 */

const FILE_ID = 0;
const RECORD = 20;
const FIELD_DESCRIPTION = 206;
const DEVELOPER_DATA_ID = 207;

/** A file_id saying "activity", which every file below starts with. */
function activityFile(): FitBytes {
  return new FitBytes().define(15, FILE_ID, [[0, 1, BASE.enum]]).data(15, [4]);
}

describe("compressed-timestamp headers", () => {
  // A reference time whose low 5 bits are 30, so two seconds later the 5-bit offset wraps.
  const base = fitSeconds(RUN_START) - (fitSeconds(RUN_START) % 32) + 30;
  const unixMs = (fitTime: number): number => (fitTime + 631065600) * 1000;

  it("rebuilds each time from the last full timestamp, across the 32-second rollover", () => {
    const file = activityFile()
      .define(0, RECORD, [
        [253, 4, BASE.uint32],
        [3, 1, BASE.uint8],
      ])
      .define(1, RECORD, [[3, 1, BASE.uint8]])
      .data(0, le.u32(base), [100])
      .compressed(1, 31, [101]) // base + 1
      .compressed(1, 2, [102]) // wraps: base + 4
      .compressed(1, 7, [103]) // base + 9
      .finish();

    const { records } = parseFit(file).activity;

    expect(Array.from(records.timestamp ?? [])).toEqual([base, base + 1, base + 4, base + 9].map(unixMs));
    expect(Array.from(records.heartRate ?? [])).toEqual([100, 101, 102, 103]);
  });

  it("leaves the time unknown, with a warning, when no full timestamp came first", () => {
    const file = activityFile()
      .define(1, RECORD, [[3, 1, BASE.uint8]])
      .compressed(1, 5, [90])
      .finish();

    const { activity, warnings } = parseFit(file);

    expect(activity.records.timestamp?.[0]).toBeNaN();
    expect(activity.records.heartRate?.[0]).toBe(90);
    expect(warnings.map((warning) => warning.code)).toEqual(["timestamp_without_reference"]);
  });

  it("expands compressed_speed_distance, accumulating the 12-bit distance as it wraps", () => {
    // speed in 1/100 m/s (12 bits), then distance in 1/16 m (12 bits), packed little-endian.
    const pack = (speed: number, distance: number): number[] => [
      speed & 0xff,
      ((speed >> 8) & 0x0f) | ((distance & 0x0f) << 4),
      distance >> 4,
    ];
    const file = activityFile()
      .define(0, RECORD, [[253, 4, BASE.uint32]])
      .define(1, RECORD, [[8, 3, BASE.byte]])
      .data(0, le.u32(base))
      .compressed(1, 31, pack(354, 4000))
      .compressed(1, 0, pack(355, 4090))
      .compressed(1, 1, pack(12, 30)) // counter wrapped: +36 sixteenths
      .finish();

    const { records } = parseFit(file).activity;

    expect(Array.from(records.speed ?? [])).toEqual([NaN, 3.54, 3.55, 0.12]);
    expect(Array.from(records.distance ?? [])).toEqual([NaN, 4000 / 16, 4090 / 16, (4090 + 36) / 16]);
  });
});

describe("message layouts", () => {
  it("reads big-endian messages", () => {
    const file = activityFile()
      .define(
        0,
        RECORD,
        [
          [253, 4, BASE.uint32],
          [0, 4, BASE.sint32],
          [5, 4, BASE.uint32],
          [6, 2, BASE.uint16],
          [3, 1, BASE.uint8],
        ],
        { bigEndian: true },
      )
      .data(0, be.u32(fitSeconds(RUN_START)), be.u32(semicircles(-33.8688) >>> 0), be.u32(123456), be.u16(3170), [151])
      .data(0, be.u32(fitSeconds(RUN_START) + 1), be.u32(0x7fffffff), be.u32(0xffffffff), be.u16(0xffff), [0xff])
      .finish();

    const { records } = parseFit(file).activity;

    expect(records.timestamp?.[0]).toBe(RUN_START.getTime());
    expect(records.positionLat?.[0]).toBeCloseTo(-33.8688, 6);
    expect(records.distance?.[0]).toBe(1234.56);
    expect(records.speed?.[0]).toBe(3.17);
    expect(records.heartRate?.[0]).toBe(151);
    expect([records.positionLat?.[1], records.distance?.[1], records.speed?.[1], records.heartRate?.[1]]).toEqual([NaN, NaN, NaN, NaN]);
  });

  it("treats each base type's invalid sentinel as missing", () => {
    const file = activityFile()
      .define(0, RECORD, [
        [3, 1, BASE.uint8],
        [0, 4, BASE.sint32],
        [5, 4, BASE.uint32],
        [7, 2, BASE.uint16],
        [84, 2, BASE.uint16],
      ])
      .data(0, [0xff], le.u32(0x7fffffff), le.u32(0xffffffff), le.u16(0xffff), le.u16(5012))
      .finish();

    const { records } = parseFit(file).activity;

    expect(records.heartRate?.[0]).toBeNaN();
    expect(records.positionLat?.[0]).toBeNaN();
    expect(records.distance?.[0]).toBeNaN();
    expect(records.power?.[0]).toBeNaN();
    expect(records.stanceTimeBalance?.[0]).toBe(50.12);
  });

  it("skips a field of unknown base type by its size, with a warning", () => {
    const file = activityFile()
      .define(0, RECORD, [
        [7, 2, 0x1f],
        [3, 1, BASE.uint8],
      ])
      .data(0, [0x12, 0x34], [133])
      .finish();

    const { activity, warnings } = parseFit(file);

    expect(activity.records.heartRate?.[0]).toBe(133);
    expect(activity.records.power).toBeNull();
    expect(warnings.map((warning) => warning.code)).toEqual(["invalid_base_type"]);
  });

  it("reads a file that is a view into a larger buffer, as Node's pooled Buffers are", () => {
    const file = activityFile()
      .define(0, RECORD, [[5, 4, BASE.uint32]])
      .data(0, le.u32(98765))
      .finish();
    const pool = new Uint8Array(file.length + 7);
    pool.set(file, 7);

    expect(parseFit(pool.subarray(7)).activity.records.distance?.[0]).toBe(987.65);
  });

  it("returns null for fields no record declares", () => {
    const file = activityFile()
      .define(0, RECORD, [[3, 1, BASE.uint8]])
      .data(0, [150])
      .finish();

    const { records } = parseFit(file).activity;

    expect(records.heartRate?.[0]).toBe(150);
    expect(records.power).toBeNull();
    expect(records.verticalOscillation).toBeNull();
  });

  it("reads the first element of an array and ignores a field whose size is not whole elements", () => {
    const file = activityFile()
      .define(0, RECORD, [
        [3, 2, BASE.uint8], // two heart rates: the first counts
        [7, 3, BASE.uint16], // 3 bytes of uint16: invalid, as in Garmin's SDK
        [4, 1, BASE.uint8],
      ])
      .data(0, [151, 152], [1, 2, 3], [88])
      .finish();

    const { records } = parseFit(file).activity;

    expect(records.heartRate?.[0]).toBe(151);
    expect(records.power).toBeNull();
    expect(records.cadence?.[0]).toBe(88);
  });

  it("decodes a developer field whose description arrives after the definition using it", () => {
    const name = [...new TextEncoder().encode("Form Power"), 0];
    const file = activityFile()
      .define(0, RECORD, [[3, 1, BASE.uint8]], { developerFields: [[2, 2, 0]] })
      .data(0, [140], le.u16(0xffff)) // not described yet: skipped by size
      .define(1, DEVELOPER_DATA_ID, [[3, 1, BASE.uint8]])
      .data(1, [0])
      .define(2, FIELD_DESCRIPTION, [
        [0, 1, BASE.uint8],
        [1, 1, BASE.uint8],
        [2, 1, BASE.uint8],
        [3, name.length, BASE.string],
      ])
      .data(2, [0], [2], [BASE.uint16], name)
      .data(0, [141], le.u16(71))
      .finish();

    const { records, developerFields } = parseFit(file).activity;

    expect(developerFields.map((field) => field.name)).toEqual(["Form Power"]);
    expect(Array.from(records.heartRate ?? [])).toEqual([140, 141]);
    expect(Array.from(records.developer[0]?.values ?? [])).toEqual([NaN, 71]);
  });

  it("keeps what precedes a data message of an undefined local type, with a warning", () => {
    const file = activityFile()
      .define(0, RECORD, [[3, 1, BASE.uint8]])
      .data(0, [120])
      .data(0, [121])
      .data(7, [0xaa, 0xbb])
      .data(0, [122])
      .finish();

    const { activity, warnings } = parseFit(file);

    expect(Array.from(activity.records.heartRate ?? [])).toEqual([120, 121]);
    expect(warnings.map((warning) => warning.code)).toEqual(["corrupt_data"]);
  });

  it("accepts records without a file_id, with a warning", () => {
    const file = new FitBytes()
      .define(0, RECORD, [[3, 1, BASE.uint8]])
      .data(0, [130])
      .finish();

    const { activity, warnings } = parseFit(file);

    expect(activity.records.count).toBe(1);
    expect(activity.fileId.type).toBeNull();
    expect(warnings.map((warning) => warning.code)).toEqual(["missing_file_id"]);
  });

  it("rejects a file of damaged data before any activity content as corrupt_data", () => {
    const file = new FitBytes().data(3, [1, 2, 3]).finish();

    expect(() => parseFit(file)).toThrow(FitParseError);
    try {
      parseFit(file);
    } catch (error) {
      expect((error as FitParseError).code).toBe("corrupt_data");
    }
  });
});
