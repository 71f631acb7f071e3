import { Decoder, Stream } from "@garmin/fitsdk";

/**
 * Reads a file with Garmin's SDK and puts its record values in the same units and with the same
 * field merges as parseFit, so the two can be compared like with like:
 * - the SDK expands altitude → enhancedAltitude and speed → enhancedSpeed through components, so
 *   its enhanced value (falling back to the plain one) is what our merged column should equal;
 * - positions: the SDK keeps semicircles, we give degrees;
 * - cadence: ours already includes fractional_cadence;
 * - timestamps: the SDK gives a Date, we give Unix ms;
 * - heart rates from separate hr messages (HRM-Pro/Swim) are not merged: parseFit does not do it,
 *   so the SDK's mergeHeartRates is turned off.
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
  const decoder = new Decoder(Stream.fromByteArray(bytes));
  const { messages, errors } = decoder.read({ mergeHeartRates: false });
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
