/**
 * The FIT messages and fields Palpable reads, with the unit conversion applied to each.
 * Field numbers, scales and offsets come from the FIT profile (Profile.xlsx, FIT SDK 21.x).
 * Everything not listed here is skipped by size, never decoded.
 */

/** Seconds between the Unix epoch and the FIT epoch (1989-12-31T00:00:00Z). */
export const FIT_EPOCH_SECONDS = 631065600;

/**
 * How a raw value becomes a useful one:
 * - `number`: `raw / scale - offset`, exactly as the FIT profile (and Garmin's SDK) computes it;
 * - `time`: FIT seconds → Unix milliseconds;
 * - `degrees`: semicircles → degrees;
 * - `string`: UTF-8 up to the first NUL;
 * - `hex`: a byte array as lowercase hex (developer application ids).
 */
export type ValueKind = "number" | "time" | "degrees" | "string" | "hex";

interface FieldInput {
  readonly num: number;
  readonly kind?: ValueKind;
  readonly scale?: number;
  readonly offset?: number;
}

export interface FieldSpec {
  readonly name: string;
  readonly num: number;
  readonly kind: ValueKind;
  /** Applied as `(raw * multiplier) / divisor + addend`, which equals `raw / scale - offset`. */
  readonly multiplier: number;
  readonly divisor: number;
  readonly addend: number;
}

export interface MessageSchema<Fields extends Record<string, FieldInput> = Record<string, FieldInput>> {
  readonly globalNumber: number;
  /** Slot i of a decoded message holds `fields[i]`. */
  readonly fields: readonly FieldSpec[];
  /** Field number → slot, for the 256 possible field numbers. */
  readonly slotByFieldNumber: readonly (number | undefined)[];
  /** Field name → slot. */
  readonly slots: { readonly [K in keyof Fields]: number };
}

const SEMICIRCLES_PER_180_DEGREES = 2 ** 31;

function toSpec(name: string, input: FieldInput): FieldSpec {
  const kind = input.kind ?? "number";
  switch (kind) {
    case "time":
      return { name, num: input.num, kind, multiplier: 1000, divisor: 1, addend: FIT_EPOCH_SECONDS * 1000 };
    case "degrees":
      return { name, num: input.num, kind, multiplier: 180, divisor: SEMICIRCLES_PER_180_DEGREES, addend: 0 };
    case "number":
    case "string":
    case "hex":
      return { name, num: input.num, kind, multiplier: 1, divisor: input.scale ?? 1, addend: -(input.offset ?? 0) };
  }
}

function defineMessage<const Fields extends Record<string, FieldInput>>(globalNumber: number, fields: Fields): MessageSchema<Fields> {
  const specs = Object.entries(fields).map(([name, input]) => toSpec(name, input));
  const slotByFieldNumber = new Array<number | undefined>(256).fill(undefined);
  specs.forEach((spec, slot) => (slotByFieldNumber[spec.num] = slot));
  const slots = Object.fromEntries(specs.map((spec, slot) => [spec.name, slot])) as {
    [K in keyof Fields]: number;
  };
  return { globalNumber, fields: specs, slotByFieldNumber, slots };
}

/**
 * One decoded summary message, read by slot (`m.number(SESSION.slots.startTime)`): reading
 * through named slot constants keeps every property access monomorphic, where building an
 * object with computed keys made laps cost microseconds each.
 */
export class DecodedMessage {
  constructor(
    private readonly numbers: Float64Array,
    private readonly strings: readonly (string | null)[],
  ) {}

  /** The value in its unit, or null if absent or invalid. */
  number(slot: number): number | null {
    const value = this.numbers[slot] ?? NaN;
    return value === value ? value : null;
  }

  text(slot: number): string | null {
    return this.strings[slot] ?? null;
  }
}

/** Global message numbers we act on. */
export const MESG = {
  fileId: 0,
  sport: 12,
  session: 18,
  lap: 19,
  record: 20,
  event: 21,
  deviceInfo: 23,
  activity: 34,
  length: 101,
  fieldDescription: 206,
  developerDataId: 207,
} as const;

/** The field every message may carry, used as the reference for compressed timestamps. */
export const TIMESTAMP_FIELD = 253;

/**
 * Record fields, one column each. `altitude`/`enhancedAltitude`, `speed`/`enhancedSpeed` and
 * `cadence`/`fractionalCadence` are merged into one column each when the records are finished.
 * compressed_speed_distance (field 8) is handled separately because it feeds two columns.
 */
export const RECORD = defineMessage(MESG.record, {
  timestamp: { num: 253, kind: "time" },
  positionLat: { num: 0, kind: "degrees" },
  positionLong: { num: 1, kind: "degrees" },
  distance: { num: 5, scale: 100 },
  altitude: { num: 2, scale: 5, offset: 500 },
  enhancedAltitude: { num: 78, scale: 5, offset: 500 },
  speed: { num: 6, scale: 1000 },
  enhancedSpeed: { num: 73, scale: 1000 },
  heartRate: { num: 3 },
  cadence: { num: 4 },
  fractionalCadence: { num: 53, scale: 128 },
  power: { num: 7 },
  stanceTime: { num: 41, scale: 10 },
  stanceTimeBalance: { num: 84, scale: 100 },
  verticalOscillation: { num: 39, scale: 10 },
  verticalRatio: { num: 83, scale: 100 },
  stepLength: { num: 85, scale: 10 },
});

export const RECORD_COMPRESSED_SPEED_DISTANCE_FIELD = 8;

export const FILE_ID = defineMessage(MESG.fileId, {
  type: { num: 0 },
  manufacturer: { num: 1 },
  product: { num: 2 },
  serialNumber: { num: 3 },
  timeCreated: { num: 4, kind: "time" },
  productName: { num: 8, kind: "string" },
});

export const SESSION = defineMessage(MESG.session, {
  timestamp: { num: 253, kind: "time" },
  startTime: { num: 2, kind: "time" },
  sport: { num: 5 },
  subSport: { num: 6 },
  totalElapsedTime: { num: 7, scale: 1000 },
  totalTimerTime: { num: 8, scale: 1000 },
  totalDistance: { num: 9, scale: 100 },
  totalCalories: { num: 11 },
  avgSpeed: { num: 14, scale: 1000 },
  maxSpeed: { num: 15, scale: 1000 },
  enhancedAvgSpeed: { num: 124, scale: 1000 },
  enhancedMaxSpeed: { num: 125, scale: 1000 },
  avgHeartRate: { num: 16 },
  maxHeartRate: { num: 17 },
  avgCadence: { num: 18 },
  avgFractionalCadence: { num: 92, scale: 128 },
  maxCadence: { num: 19 },
  avgPower: { num: 20 },
  totalAscent: { num: 22 },
  totalDescent: { num: 23 },
  numLaps: { num: 26 },
  poolLength: { num: 44, scale: 100 },
});

export const LAP = defineMessage(MESG.lap, {
  timestamp: { num: 253, kind: "time" },
  startTime: { num: 2, kind: "time" },
  totalElapsedTime: { num: 7, scale: 1000 },
  totalTimerTime: { num: 8, scale: 1000 },
  totalDistance: { num: 9, scale: 100 },
  avgSpeed: { num: 13, scale: 1000 },
  maxSpeed: { num: 14, scale: 1000 },
  enhancedAvgSpeed: { num: 110, scale: 1000 },
  enhancedMaxSpeed: { num: 111, scale: 1000 },
  avgHeartRate: { num: 15 },
  maxHeartRate: { num: 16 },
  avgCadence: { num: 17 },
  avgFractionalCadence: { num: 80, scale: 128 },
  avgPower: { num: 19 },
  totalAscent: { num: 21 },
  totalDescent: { num: 22 },
  intensity: { num: 23 },
  lapTrigger: { num: 24 },
  sport: { num: 25 },
  subSport: { num: 39 },
});

/** One pool length (pool swims): its time, strokes and whether the swimmer was resting. */
export const LENGTH = defineMessage(MESG.length, {
  timestamp: { num: 253, kind: "time" },
  startTime: { num: 2, kind: "time" },
  totalElapsedTime: { num: 3, scale: 1000 },
  totalTimerTime: { num: 4, scale: 1000 },
  totalStrokes: { num: 5 },
  avgSpeed: { num: 6, scale: 1000 },
  lengthType: { num: 12 },
});

export const EVENT = defineMessage(MESG.event, {
  timestamp: { num: 253, kind: "time" },
  event: { num: 0 },
  eventType: { num: 1 },
  data: { num: 3 },
  eventGroup: { num: 4 },
});

export const DEVICE_INFO = defineMessage(MESG.deviceInfo, {
  timestamp: { num: 253, kind: "time" },
  deviceIndex: { num: 0 },
  deviceType: { num: 1 },
  manufacturer: { num: 2 },
  serialNumber: { num: 3 },
  product: { num: 4 },
  softwareVersion: { num: 5, scale: 100 },
  productName: { num: 27, kind: "string" },
});

export const SPORT = defineMessage(MESG.sport, {
  sport: { num: 0 },
  subSport: { num: 1 },
  name: { num: 3, kind: "string" },
});

export const ACTIVITY = defineMessage(MESG.activity, {
  timestamp: { num: 253, kind: "time" },
  // local_date_time counts seconds from the FIT epoch on the device's wall clock.
  localTimestamp: { num: 5, kind: "time" },
});

export const DEVELOPER_DATA_ID = defineMessage(MESG.developerDataId, {
  developerDataIndex: { num: 3 },
  applicationId: { num: 1, kind: "hex" },
  manufacturerId: { num: 2 },
  applicationVersion: { num: 4 },
});

export const FIELD_DESCRIPTION = defineMessage(MESG.fieldDescription, {
  developerDataIndex: { num: 0 },
  fieldDefinitionNumber: { num: 1 },
  fitBaseTypeId: { num: 2 },
  fieldName: { num: 3, kind: "string" },
  scale: { num: 6 },
  offset: { num: 7 },
  units: { num: 8, kind: "string" },
  nativeMesgNum: { num: 14 },
  nativeFieldNum: { num: 15 },
});

/** Schemas of the non-record messages we decode into objects, by global message number. */
export const SUMMARY_SCHEMAS: ReadonlyMap<number, MessageSchema> = new Map<number, MessageSchema>(
  [FILE_ID, SESSION, LAP, LENGTH, EVENT, DEVICE_INFO, SPORT, ACTIVITY, DEVELOPER_DATA_ID, FIELD_DESCRIPTION].map((schema) => [
    schema.globalNumber,
    schema,
  ]),
);
