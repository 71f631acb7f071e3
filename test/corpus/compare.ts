import type { FitRecords } from "../../src/training/fit/index.js";
import { COMPARED_FIELDS, type SdkReading } from "./sdk-records.js";

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
