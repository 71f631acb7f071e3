import { Decoder, Stream } from "@garmin/fitsdk";
import type { FitRecords } from "../../../src/training/fit/types.js";

/**
 * Test and conformance helper (it loads Garmin's SDK, a dev
 * dependency). Reads a file with Garmin's SDK and brings its record values to parseFit's units
 * and merges, so the two are compared like with like:
 * - altitude/speed: the SDK expands altitude → enhancedAltitude and speed → enhancedSpeed (and
 *   compressed_speed_distance → speed, distance) through components, so its enhanced value,
 *   falling back to the plain one, is what our merged column must equal. Where a record carries
 *   both, the SDK lets the 16-bit field's expansion overwrite the enhanced one while we keep the
 *   enhanced one; they differ only if the 16-bit field overflowed, which no corpus file does;
 * - positions: the SDK keeps semicircles, we give degrees;
 * - cadence: ours already includes fractional_cadence;
 * - timestamps: the SDK gives a Date, we give Unix ms;
 * - heart rates from separate hr messages (HRM-Pro/Swim) are not merged into records by
 *   parseFit, so the SDK's mergeHeartRates is turned off;
 * - developer fields: both raw (no description scale/offset), matched by developer data index
 *   and field number through the SDK's running key; arrays and strings are not compared.
 */

export const COMPARED_FIELDS = [
  "timestamp",
  "positionLat",
  "positionLong",
  "distance",
  "altitude",
  "speed",
  "heartRate",
  "cadence",
  "power",
  "stanceTime",
  "stanceTimeBalance",
  "verticalOscillation",
  "verticalRatio",
  "stepLength",
] as const;

export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface SdkReading {
  readonly errors: readonly string[];
  readonly fileTypes: readonly unknown[];
  /** One object per record, values in our units, null when absent. */
  readonly records: readonly Record<ComparedField, number | null>[];
  /** Developer values per record keyed "developerDataIndex:fieldNumber". */
  readonly developerRecords: readonly ReadonlyMap<string, unknown>[];
}

type SdkMessage = Record<string, unknown>;

const DEGREES_PER_SEMICIRCLE = 180 / 2 ** 31;

function numberOrNull(value: unknown): number | null {
  return typeof value === "number" && !Number.isNaN(value) ? value : null;
}

function sdkRecord(message: SdkMessage): Record<ComparedField, number | null> {
  const get = (name: string): number | null => numberOrNull(message[name]);
  const timestamp = message["timestamp"];
  const cadence = get("cadence");
  const lat = get("positionLat");
  const long = get("positionLong");
  return {
    timestamp: timestamp instanceof Date ? timestamp.getTime() : null,
    positionLat: lat === null ? null : lat * DEGREES_PER_SEMICIRCLE,
    positionLong: long === null ? null : long * DEGREES_PER_SEMICIRCLE,
    distance: get("distance"),
    altitude: get("enhancedAltitude") ?? get("altitude"),
    speed: get("enhancedSpeed") ?? get("speed"),
    heartRate: get("heartRate"),
    cadence: cadence === null ? null : cadence + (get("fractionalCadence") ?? 0),
    power: get("power"),
    stanceTime: get("stanceTime"),
    stanceTimeBalance: get("stanceTimeBalance"),
    verticalOscillation: get("verticalOscillation"),
    verticalRatio: get("verticalRatio"),
    stepLength: get("stepLength"),
  };
}

/** The SDK numbers developer fields by a running key; map it back to (index, field number). */
function developerKeys(messages: Record<string, SdkMessage[] | undefined>): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const description of messages["fieldDescriptionMesgs"] ?? []) {
    const key = String(description["key"]);
    const id = `${String(description["developerDataIndex"])}:${String(description["fieldDefinitionNumber"])}`;
    // The SDK resolves a developer field to the first matching description.
    if (![...byKey.values()].includes(id)) byKey.set(key, id);
  }
  return byKey;
}

export function readWithSdk(bytes: Uint8Array): SdkReading {
  let decoded: ReturnType<Decoder["read"]>;
  try {
    decoded = new Decoder(Stream.fromByteArray(bytes)).read({ mergeHeartRates: false });
  } catch (error) {
    // read() reports errors in its result; this guards against it ever throwing instead.
    return { errors: [String(error)], fileTypes: [], records: [], developerRecords: [] };
  }
  const { messages, errors } = decoded;
  const all = messages as unknown as Record<string, SdkMessage[] | undefined>;
  const keys = developerKeys(all);
  const recordMessages = all["recordMesgs"] ?? [];
  return {
    errors: errors.map((error) => error.message),
    fileTypes: (all["fileIdMesgs"] ?? []).map((fileId) => fileId["type"]),
    records: recordMessages.map(sdkRecord),
    developerRecords: recordMessages.map((message) => {
      const values = new Map<string, unknown>();
      const developerFields = (message["developerFields"] ?? {}) as Record<string, unknown>;
      for (const [key, value] of Object.entries(developerFields)) {
        const id = keys.get(key);
        if (id !== undefined) values.set(id, value);
      }
      return values;
    }),
  };
}

/** Relative tolerance: our `raw / scale - offset` is the SDK's formula, so only rounding may differ. */
const RELATIVE_TOLERANCE = 1e-6;

export function sameValue(ours: number, sdk: number | null): boolean {
  if (sdk === null) return Number.isNaN(ours);
  if (Number.isNaN(ours)) return false;
  return Math.abs(ours - sdk) <= RELATIVE_TOLERANCE * Math.max(Math.abs(ours), Math.abs(sdk)) + 1e-9;
}

/** The first difference between our records and the SDK's, as a sentence, or null if none. */
export function firstRecordMismatch(ours: FitRecords, sdk: SdkReading, rows: number): string | null {
  for (let row = 0; row < rows; row++) {
    const expected = sdk.records[row];
    if (!expected) return `record ${row}: missing in the SDK's output`;
    for (const field of COMPARED_FIELDS) {
      const value = ours[field]?.[row] ?? NaN;
      if (!sameValue(value, expected[field])) {
        return `record ${row} ${field}: ours=${value} sdk=${String(expected[field])}`;
      }
    }
    const developer = sdk.developerRecords[row];
    for (const column of ours.developer) {
      const id = `${column.field.developerDataIndex}:${column.field.fieldNumber}`;
      const sdkValue = developer?.get(id);
      const value = column.values[row] ?? NaN;
      // Arrays and strings are described but not decoded by us; a NaN float is "invalid" to both.
      const comparable = typeof sdkValue === "number" || sdkValue === undefined || sdkValue === null;
      const expected = typeof sdkValue === "number" && !Number.isNaN(sdkValue) ? sdkValue : null;
      if (comparable && !sameValue(value, expected)) {
        return `record ${row} developer field ${id} (${column.field.name ?? "unnamed"}): ours=${value} sdk=${String(sdkValue)}`;
      }
    }
  }
  return null;
}

/** Names of the compared fields that hold at least one value, to show what was checked. */
export function presentFields(ours: FitRecords): string[] {
  const present: string[] = COMPARED_FIELDS.filter((field) => ours[field]?.some((value) => !Number.isNaN(value)));
  if (ours.developer.length > 0) present.push(`${ours.developer.length} developer`);
  return present;
}
