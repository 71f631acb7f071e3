import { fitCrc } from "./crc.js";

/**
 * A small FIT activity writer: file_id, records, laps, one session and the activity message.
 * It exists so the demo practice and the import benchmark can make realistic watch files at
 * run time without Garmin's SDK (a development dependency only); tests check that the SDK
 * reads what it writes.
 */
export interface FitRecordInput {
  /** Unix ms. */
  time: number;
  lat?: number;
  lon?: number;
  distanceM?: number;
  altitudeM?: number;
  speedMps?: number;
  heartRate?: number;
  /** Steps per minute (both feet); written as FIT's one-foot cadence plus the fraction. */
  cadenceSpm?: number;
}

export interface FitLapInput {
  startTime: number;
  endTime: number;
  distanceM: number;
  intensity?: "active" | "rest" | "warmup" | "cooldown";
  trigger?: "manual" | "distance" | "time" | "session_end";
}

export interface FitSessionInput {
  sport: "running" | "walking" | "cycling";
  subSport?: "generic" | "trail" | "treadmill" | "track";
  startTime: number;
  endTime: number;
  distanceM: number;
}

export interface FitActivityInput {
  sport: "running" | "walking" | "cycling";
  subSport?: "generic" | "trail" | "treadmill" | "track";
  localOffsetMinutes?: number;
  serialNumber?: number;
  records: FitRecordInput[];
  laps?: FitLapInput[];
  /** Several sessions make a multisport file (e.g. a bike leg, then a run); default: one session. */
  sessions?: FitSessionInput[];
}

const FIT_EPOCH_S = 631_065_600;
const SPORT = { running: 1, cycling: 2, walking: 11 } as const;
const SUB_SPORT = { generic: 0, treadmill: 1, trail: 3, track: 4 } as const;
const INTENSITY = { active: 0, rest: 1, warmup: 2, cooldown: 3 } as const;
const LAP_TRIGGER = { manual: 0, time: 1, distance: 2, session_end: 7 } as const;

type BaseType = "enum" | "uint8" | "uint16" | "uint32" | "sint32" | "uint32z";
const BASE: Record<BaseType, { code: number; size: number; invalid: number }> = {
  enum: { code: 0x00, size: 1, invalid: 0xff },
  uint8: { code: 0x02, size: 1, invalid: 0xff },
  uint16: { code: 0x84, size: 2, invalid: 0xffff },
  uint32: { code: 0x86, size: 4, invalid: 0xffffffff },
  sint32: { code: 0x85, size: 4, invalid: 0x7fffffff },
  uint32z: { code: 0x8c, size: 4, invalid: 0 },
};

interface FieldDef {
  num: number;
  type: BaseType;
}

class Writer {
  private buffer = new Uint8Array(1 << 16);
  private view = new DataView(this.buffer.buffer);
  length = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const next = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number): void {
    this.ensure(1);
    this.view.setUint8(this.length, v);
    this.length += 1;
  }
  u16(v: number): void {
    this.ensure(2);
    this.view.setUint16(this.length, v, true);
    this.length += 2;
  }
  u32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.length, v >>> 0, true);
    this.length += 4;
  }
  i32(v: number): void {
    this.ensure(4);
    this.view.setInt32(this.length, v, true);
    this.length += 4;
  }
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

class MessageWriter {
  constructor(private readonly out: Writer) {}

  define(local: number, global: number, fields: FieldDef[]): void {
    this.out.u8(0x40 | local);
    this.out.u8(0);
    this.out.u8(0); // little-endian
    this.out.u16(global);
    this.out.u8(fields.length);
    for (const f of fields) {
      this.out.u8(f.num);
      this.out.u8(BASE[f.type].size);
      this.out.u8(BASE[f.type].code);
    }
  }

  /** Writes one data message; undefined or non-finite values become the type's "invalid". */
  data(local: number, fields: FieldDef[], values: (number | undefined)[]): void {
    this.out.u8(local);
    fields.forEach((f, i) => {
      const raw = values[i];
      const v = raw === undefined || !Number.isFinite(raw) ? BASE[f.type].invalid : Math.round(raw);
      switch (f.type) {
        case "enum":
        case "uint8":
          this.out.u8(v);
          break;
        case "uint16":
          this.out.u16(v);
          break;
        case "uint32":
        case "uint32z":
          this.out.u32(v);
          break;
        case "sint32":
          this.out.i32(v);
          break;
      }
    });
  }
}

const fitTime = (ms: number) => Math.floor(ms / 1000) - FIT_EPOCH_S;
const semicircles = (deg: number | undefined) => (deg === undefined ? undefined : (deg * 2 ** 31) / 180);

const FILE_ID: FieldDef[] = [
  { num: 0, type: "enum" },
  { num: 1, type: "uint16" },
  { num: 2, type: "uint16" },
  { num: 3, type: "uint32z" },
  { num: 4, type: "uint32" },
];
const RECORD: FieldDef[] = [
  { num: 253, type: "uint32" },
  { num: 0, type: "sint32" },
  { num: 1, type: "sint32" },
  { num: 5, type: "uint32" },
  { num: 78, type: "uint32" },
  { num: 73, type: "uint32" },
  { num: 3, type: "uint8" },
  { num: 4, type: "uint8" },
  { num: 53, type: "uint8" },
];
const LAP: FieldDef[] = [
  { num: 253, type: "uint32" },
  { num: 2, type: "uint32" },
  { num: 7, type: "uint32" },
  { num: 8, type: "uint32" },
  { num: 9, type: "uint32" },
  { num: 23, type: "enum" },
  { num: 24, type: "enum" },
];
const SESSION: FieldDef[] = [
  { num: 253, type: "uint32" },
  { num: 2, type: "uint32" },
  { num: 7, type: "uint32" },
  { num: 8, type: "uint32" },
  { num: 9, type: "uint32" },
  { num: 5, type: "enum" },
  { num: 6, type: "enum" },
  { num: 26, type: "uint16" },
];
const ACTIVITY: FieldDef[] = [
  { num: 253, type: "uint32" },
  { num: 0, type: "uint32" },
  { num: 1, type: "uint16" },
  { num: 3, type: "enum" },
  { num: 4, type: "enum" },
  { num: 5, type: "uint32" },
];

/** Encodes an activity as a FIT file (protocol 2.0, little-endian, with header and file CRCs). */
export function encodeFitActivity(input: FitActivityInput): Uint8Array {
  const first = input.records[0];
  const last = input.records.at(-1);
  if (!first || !last) throw new Error("a FIT activity needs at least one record");
  const body = new Writer();
  const m = new MessageWriter(body);
  m.define(0, 0, FILE_ID);
  m.data(0, FILE_ID, [4, 255, 1, input.serialNumber ?? 1, fitTime(first.time)]);
  m.define(1, 20, RECORD);
  for (const r of input.records) {
    const cadence = r.cadenceSpm === undefined ? undefined : r.cadenceSpm / 2;
    m.data(1, RECORD, [
      fitTime(r.time),
      semicircles(r.lat),
      semicircles(r.lon),
      r.distanceM === undefined ? undefined : r.distanceM * 100,
      r.altitudeM === undefined ? undefined : (r.altitudeM + 500) * 5,
      r.speedMps === undefined ? undefined : r.speedMps * 1000,
      r.heartRate,
      cadence === undefined ? undefined : Math.floor(cadence),
      cadence === undefined ? undefined : Math.floor((cadence % 1) * 128),
    ]);
  }
  const totalS = (last.time - first.time) / 1000;
  const totalM = last.distanceM ?? 0;
  const laps =
    input.laps && input.laps.length > 0
      ? input.laps
      : [{ startTime: first.time, endTime: last.time, distanceM: totalM, trigger: "session_end" as const }];
  m.define(2, 19, LAP);
  for (const lap of laps) {
    const s = (lap.endTime - lap.startTime) / 1000;
    m.data(2, LAP, [
      fitTime(lap.endTime),
      fitTime(lap.startTime),
      s * 1000,
      s * 1000,
      lap.distanceM * 100,
      INTENSITY[lap.intensity ?? "active"],
      LAP_TRIGGER[lap.trigger ?? "manual"],
    ]);
  }
  m.define(3, 18, SESSION);
  const sessions = input.sessions ?? [
    { sport: input.sport, subSport: input.subSport ?? "generic", startTime: first.time, endTime: last.time, distanceM: totalM },
  ];
  for (const session of sessions) {
    const seconds = (session.endTime - session.startTime) / 1000;
    const sessionLaps = laps.filter((l) => l.endTime > session.startTime && l.startTime < session.endTime).length;
    m.data(3, SESSION, [
      fitTime(session.endTime),
      fitTime(session.startTime),
      seconds * 1000,
      seconds * 1000,
      session.distanceM * 100,
      SPORT[session.sport],
      SUB_SPORT[session.subSport ?? "generic"],
      Math.max(1, sessionLaps),
    ]);
  }
  m.define(4, 34, ACTIVITY);
  const offsetS = (input.localOffsetMinutes ?? 0) * 60;
  m.data(4, ACTIVITY, [
    fitTime(last.time),
    totalS * 1000,
    sessions.length,
    26,
    1,
    input.localOffsetMinutes === undefined ? undefined : fitTime(last.time) + offsetS,
  ]);

  const data = body.bytes();
  const file = new Uint8Array(14 + data.length + 2);
  const view = new DataView(file.buffer);
  view.setUint8(0, 14);
  view.setUint8(1, 0x20);
  view.setUint16(2, 2132, true);
  view.setUint32(4, data.length, true);
  file.set([0x2e, 0x46, 0x49, 0x54], 8);
  view.setUint16(12, fitCrc(file, 0, 12), true);
  file.set(data, 14);
  view.setUint16(14 + data.length, fitCrc(file, 0, 14 + data.length), true);
  return file;
}
