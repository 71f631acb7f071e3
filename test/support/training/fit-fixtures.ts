/**
 * Test-only FIT file builders — never import from production code (they load Garmin's SDK, a dev
 * dependency). Files are built in code so the unit tests need nothing from disk:
 * - {@link buildRun} encodes a realistic run with Garmin's own Encoder;
 * - {@link FitBytes} writes bytes by hand for what the Encoder cannot produce (big-endian
 *   definitions, compressed-timestamp headers, broken files).
 */
import {
  CrcCalculator,
  Encoder,
  type ActivityMesg,
  type DeveloperDataIdMesg,
  type DeviceInfoMesg,
  type Encodable,
  type EventMesg,
  type FieldDescriptionMesg,
  type FileIdMesg,
  type LapMesg,
  type LengthMesg,
  type Mesg,
  type RecordMesg,
  type SessionMesg,
  type SportMesg,
  type UserProfileMesg,
} from "@garmin/fitsdk";

export const RUN_START = new Date("2024-05-04T06:30:00Z");
/** The run's wall clock is UTC+2 (a May morning in Paris). */
export const RUN_LOCAL_OFFSET_SECONDS = 2 * 3600;

const FIT_EPOCH_MS = 631065600000;

/** Global message numbers the builders write (the SDK's Profile.MesgNum is typed loosely). */
const MESG = {
  FILE_ID: 0,
  USER_PROFILE: 3,
  SPORT: 12,
  SESSION: 18,
  LAP: 19,
  RECORD: 20,
  EVENT: 21,
  DEVICE_INFO: 23,
  ACTIVITY: 34,
  LENGTH: 101,
  FIELD_DESCRIPTION: 206,
  DEVELOPER_DATA_ID: 207,
} as const;

export function semicircles(degrees: number): number {
  return Math.round((degrees * 2 ** 31) / 180);
}

export function fitSeconds(date: Date): number {
  return Math.round((date.getTime() - FIT_EPOCH_MS) / 1000);
}

/** Typed writeMesg: the SDK's own signature only knows the base Mesg. */
function write<T extends Mesg>(encoder: Encoder, mesg: Encodable<T>): void {
  encoder.writeMesg(mesg);
}

function secondsAfter(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}

export interface RunOptions {
  /** One record per second. */
  readonly records?: number;
  /** Stryd-style developer fields (power and leg spring stiffness) on every record. */
  readonly developerFields?: boolean;
  /** Every 7th record leaves heart rate and power out, as a dropped sensor does. */
  readonly gaps?: boolean;
}

/** A run encoded by Garmin's Encoder: file_id, device_info, timer events, records, 2 laps, session, activity. */
export function buildRun({ records = 120, developerFields = false, gaps = false }: RunOptions = {}): Uint8Array {
  const developerDataIdMesg: Encodable<DeveloperDataIdMesg> = {
    mesgNum: MESG.DEVELOPER_DATA_ID,
    developerDataIndex: 0,
    applicationId: [0x18, 0xfb, 0x2c, 0xf0, 0x1a, 0x4b, 0x43, 0x0d, 0xad, 0x66, 0x98, 0x8c, 0x84, 0x7a, 0x7e, 0x4b],
    applicationVersion: 150,
  };
  const powerDescription: Encodable<FieldDescriptionMesg> = {
    mesgNum: MESG.FIELD_DESCRIPTION,
    developerDataIndex: 0,
    fieldDefinitionNumber: 0,
    fitBaseTypeId: 0x84, // uint16
    fieldName: "Power",
    units: "Watts",
    nativeMesgNum: MESG.RECORD,
    nativeFieldNum: 7,
  };
  const stiffnessDescription: Encodable<FieldDescriptionMesg> = {
    mesgNum: MESG.FIELD_DESCRIPTION,
    developerDataIndex: 0,
    fieldDefinitionNumber: 9,
    fitBaseTypeId: 0x88, // float32
    fieldName: "Leg Spring Stiffness",
    units: "kN/m",
  };
  const encoder = new Encoder({
    fieldDescriptions: developerFields
      ? {
          0: { developerDataIdMesg, fieldDescriptionMesg: powerDescription },
          1: { developerDataIdMesg, fieldDescriptionMesg: stiffnessDescription },
        }
      : {},
  });
  const end = secondsAfter(RUN_START, records - 1);
  const half = Math.floor(records / 2);

  write<FileIdMesg>(encoder, {
    mesgNum: MESG.FILE_ID,
    type: "activity",
    manufacturer: "garmin",
    product: 3113,
    serialNumber: 3456789012,
    timeCreated: RUN_START,
  });
  write<DeviceInfoMesg>(encoder, {
    mesgNum: MESG.DEVICE_INFO,
    timestamp: RUN_START,
    deviceIndex: 0,
    manufacturer: "garmin",
    product: 3113,
    serialNumber: 3456789012,
    softwareVersion: 12.1,
    productName: "Forerunner 955",
  });
  write<SportMesg>(encoder, { mesgNum: MESG.SPORT, sport: "running", subSport: "trail", name: "Trail Run" });
  if (developerFields) {
    encoder.writeMesg(developerDataIdMesg);
    encoder.writeMesg(powerDescription);
    encoder.writeMesg(stiffnessDescription);
  }
  write<EventMesg>(encoder, { mesgNum: MESG.EVENT, timestamp: RUN_START, event: "timer", eventType: "start", eventGroup: 0 });

  for (let i = 0; i < records; i++) {
    const dropped = gaps && i % 7 === 3;
    write<RecordMesg>(encoder, {
      mesgNum: MESG.RECORD,
      timestamp: secondsAfter(RUN_START, i),
      positionLat: semicircles(48.8566 + i * 0.00002),
      positionLong: semicircles(2.3522 - i * 0.00001),
      distance: i * 3.17,
      enhancedAltitude: 35 + Math.sin(i / 10) * 4.2,
      enhancedSpeed: 3.17 + Math.cos(i / 5) * 0.2,
      heartRate: dropped ? undefined : 120 + (i % 40),
      cadence: 84 + (i % 5),
      fractionalCadence: (i % 4) * 0.25,
      power: dropped ? undefined : 250 + (i % 30),
      stanceTime: 241.3 + (i % 10),
      stanceTimeBalance: 49.5 + (i % 3) * 0.25,
      verticalOscillation: 82.4 + (i % 6) * 0.1,
      verticalRatio: 7.81 + (i % 4) * 0.01,
      stepLength: 1134 + (i % 9),
      ...(developerFields ? { developerFields: { 0: 260 + (i % 20), 1: 10.5 + (i % 8) * 0.125 } } : {}),
    });
  }

  const lap = (start: number, last: number, trigger: LapMesg["lapTrigger"]): Encodable<LapMesg> => ({
    mesgNum: MESG.LAP,
    timestamp: secondsAfter(RUN_START, last),
    startTime: secondsAfter(RUN_START, start),
    totalElapsedTime: last - start + 1,
    totalTimerTime: last - start + 1,
    totalDistance: (last - start + 1) * 3.17,
    enhancedAvgSpeed: 3.17,
    enhancedMaxSpeed: 3.37,
    avgHeartRate: 140,
    maxHeartRate: 159,
    avgCadence: 86,
    avgFractionalCadence: 0.375,
    totalAscent: 12,
    totalDescent: 11,
    intensity: "active",
    lapTrigger: trigger,
    sport: "running",
    subSport: "trail",
  });
  write<LapMesg>(encoder, lap(0, half - 1, "distance"));
  write<LapMesg>(encoder, lap(half, records - 1, "sessionEnd"));
  write<EventMesg>(encoder, { mesgNum: MESG.EVENT, timestamp: end, event: "timer", eventType: "stopAll", eventGroup: 0 });
  write<SessionMesg>(encoder, {
    mesgNum: MESG.SESSION,
    timestamp: end,
    startTime: RUN_START,
    totalElapsedTime: records,
    totalTimerTime: records - 1,
    totalDistance: (records - 1) * 3.17,
    enhancedAvgSpeed: 3.17,
    enhancedMaxSpeed: 3.37,
    avgHeartRate: 140,
    maxHeartRate: 159,
    avgCadence: 86,
    avgFractionalCadence: 0.375,
    avgPower: 264,
    totalAscent: 24,
    totalDescent: 22,
    totalCalories: 96,
    numLaps: 2,
    sport: "running",
    subSport: "trail",
  });
  write<ActivityMesg>(encoder, {
    mesgNum: MESG.ACTIVITY,
    timestamp: end,
    localTimestamp: fitSeconds(end) + RUN_LOCAL_OFFSET_SECONDS,
    totalTimerTime: records - 1,
    numSessions: 1,
    type: "manual",
    event: "activity",
    eventType: "stop",
  });
  return encoder.close();
}

/** A valid FIT file of another type (file_id.type = settings, with a user profile). */
export function buildSettingsFile(): Uint8Array {
  const encoder = new Encoder();
  write<FileIdMesg>(encoder, { mesgNum: MESG.FILE_ID, type: "settings", manufacturer: "garmin", product: 3113, serialNumber: 1 });
  write<UserProfileMesg>(encoder, { mesgNum: MESG.USER_PROFILE, friendlyName: "Runner", weight: 61.5, gender: "female" });
  return encoder.close();
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The same file with its final CRC flipped. */
export function withBadFileCrc(file: Uint8Array): Uint8Array {
  const copy = file.slice();
  copy[copy.length - 1]! ^= 0xff;
  return copy;
}

/**
 * Hand-written FIT bytes, for what Garmin's Encoder cannot produce: big-endian definitions,
 * compressed-timestamp headers, undefined local types. `finish()` adds header and CRC.
 */
export class FitBytes {
  readonly #bytes: number[] = [];

  /** A definition message; fields are [field number, size, base type]. */
  define(
    localType: number,
    globalNumber: number,
    fields: readonly (readonly [number, number, number])[],
    { bigEndian = false, developerFields = [] as readonly (readonly [number, number, number])[] } = {},
  ): this {
    const header = 0x40 | (developerFields.length > 0 ? 0x20 : 0) | localType;
    const global = bigEndian ? [globalNumber >> 8, globalNumber & 0xff] : [globalNumber & 0xff, globalNumber >> 8];
    this.#bytes.push(header, 0, bigEndian ? 1 : 0, ...global, fields.length, ...fields.flat());
    if (developerFields.length > 0) this.#bytes.push(developerFields.length, ...developerFields.flat());
    return this;
  }

  /** A data message with a normal header. */
  data(localType: number, ...values: readonly (readonly number[])[]): this {
    this.#bytes.push(localType & 0x0f, ...values.flat());
    return this;
  }

  /** A data message with a compressed-timestamp header: local type 0–3, time offset 0–31 s. */
  compressed(localType: number, timeOffset: number, ...values: readonly (readonly number[])[]): this {
    this.#bytes.push(0x80 | ((localType & 0x03) << 5) | (timeOffset & 0x1f), ...values.flat());
    return this;
  }

  raw(...bytes: readonly number[]): this {
    this.#bytes.push(...bytes);
    return this;
  }

  finish(): Uint8Array {
    const data = Uint8Array.from(this.#bytes);
    const header = new Uint8Array(14);
    const view = new DataView(header.buffer);
    view.setUint8(0, 14);
    view.setUint8(1, 0x20);
    view.setUint16(2, 2132, true);
    view.setUint32(4, data.length, true);
    header.set([0x2e, 0x46, 0x49, 0x54], 8);
    view.setUint16(12, CrcCalculator.calculateCRC(header, 0, 12), true);
    const body = concatBytes(header, data);
    const crc = CrcCalculator.calculateCRC(body, 0, body.length);
    return concatBytes(body, Uint8Array.of(crc & 0xff, crc >> 8));
  }
}

/** Little- or big-endian encodings of one value, for {@link FitBytes}. */
export const le = {
  u16: (value: number): number[] => [value & 0xff, (value >> 8) & 0xff],
  u32: (value: number): number[] => [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24],
};
export const be = {
  u16: (value: number): number[] => le.u16(value).reverse(),
  u32: (value: number): number[] => le.u32(value).reverse(),
};

/** FIT base type bytes as they appear in definitions. */
export const BASE = {
  enum: 0x00,
  uint8: 0x02,
  sint16: 0x83,
  uint16: 0x84,
  sint32: 0x85,
  uint32: 0x86,
  string: 0x07,
  float32: 0x88,
  uint32z: 0x8c,
  byte: 0x0d,
} as const;

export interface PoolSwimOptions {
  readonly poolLengthM?: number;
  /** Swum lengths; a rest (idle length) follows every 8th. */
  readonly lengths?: number;
  /** Records with heart rate but no timestamp and no distance, as some watches write for pool swims. */
  readonly untimedRecords?: boolean;
}

/**
 * A pool swim encoded by Garmin's Encoder: lengths (active and idle), laps and a session with the
 * pool length and the device's totals. Records carry no timestamp and no distance when asked,
 * as the swims that read as 0 m did.
 */
export function buildPoolSwim({ poolLengthM = 50, lengths = 39, untimedRecords = true }: PoolSwimOptions = {}): Uint8Array {
  const encoder = new Encoder();
  write<FileIdMesg>(encoder, { mesgNum: MESG.FILE_ID, type: "activity", manufacturer: "garmin", product: 3113, timeCreated: RUN_START });
  write<EventMesg>(encoder, { mesgNum: MESG.EVENT, timestamp: RUN_START, event: "timer", eventType: "start", eventGroup: 0 });
  let t = 0;
  let swum = 0;
  let swimS = 0;
  for (let i = 0; swum < lengths; i++) {
    const idle = i > 0 && i % 9 === 8;
    const seconds = idle ? 30 : 55;
    const start = secondsAfter(RUN_START, t);
    t += seconds;
    if (!idle) {
      swum += 1;
      swimS += seconds;
    }
    write<RecordMesg>(encoder, {
      mesgNum: MESG.RECORD,
      ...(untimedRecords ? {} : { timestamp: secondsAfter(RUN_START, t), distance: swum * poolLengthM }),
      heartRate: 130 + (i % 20),
    });
    write<LengthMesg>(encoder, {
      mesgNum: MESG.LENGTH,
      timestamp: secondsAfter(RUN_START, t),
      startTime: start,
      totalElapsedTime: seconds,
      totalTimerTime: seconds,
      totalStrokes: idle ? 0 : 24,
      avgSpeed: idle ? 0 : poolLengthM / seconds,
      lengthType: idle ? "idle" : "active",
      event: "length",
      eventType: "stop",
    });
  }
  const end = secondsAfter(RUN_START, t);
  write<LapMesg>(encoder, {
    mesgNum: MESG.LAP,
    timestamp: end,
    startTime: RUN_START,
    totalElapsedTime: t,
    totalTimerTime: t,
    totalDistance: lengths * poolLengthM,
    sport: "swimming",
  });
  write<SessionMesg>(encoder, {
    mesgNum: MESG.SESSION,
    timestamp: end,
    startTime: RUN_START,
    totalElapsedTime: t,
    totalTimerTime: swimS,
    totalDistance: lengths * poolLengthM,
    poolLength: poolLengthM,
    sport: "swimming",
    subSport: "lapSwimming",
    numLaps: 1,
  });
  write<ActivityMesg>(encoder, {
    mesgNum: MESG.ACTIVITY,
    timestamp: end,
    numSessions: 1,
    type: "manual",
    event: "activity",
    eventType: "stop",
  });
  return encoder.close();
}
