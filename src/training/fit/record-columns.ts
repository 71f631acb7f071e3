import { Buffer } from "node:buffer";
import { RECORD } from "./message-schemas.js";
import type { FitDeveloperColumn, FitDeveloperField, FitRecords } from "./types.js";

/**
 * A growable Float64 column. Decoder plans hold the column object, not its array, so growing
 * swaps `values` without recompiling anything.
 */
export interface Column {
  values: Float64Array;
  allocated: boolean;
  /** Counted against the memory budget like any column, but never stored: the caller does not read it. */
  skipped?: boolean;
}

/**
 * Which record fields to keep: every one (the default), or only those the activity analysis
 * reads ("analysed": time, position, distance, altitude, speed, heart rate and cadence; no power,
 * running dynamics or developer fields).
 */
export type RecordFieldSelection = "all" | "analysed";

/** The RECORD slots "analysed" keeps. */
const ANALYSED_SLOTS: ReadonlySet<number> = new Set(
  (
    [
      "timestamp",
      "positionLat",
      "positionLong",
      "distance",
      "altitude",
      "enhancedAltitude",
      "speed",
      "enhancedSpeed",
      "heartRate",
      "cadence",
      "fractionalCadence",
    ] as const
  ).map((name) => RECORD.slots[name]),
);

/** More than any real file carries; bounds rows × columns for hostile ones. */
const MAX_DEVELOPER_COLUMNS = 32;
const MIN_GROWTH_ROWS = 256;
/** First allocation, before the file's record density is known (fewer for tiny files). */
const INITIAL_ROWS = 1024;
/**
 * Rows are set to NaN ("missing") this many at a time, just before they are written: filling a
 * whole column up front would push it out of the CPU cache before the values arrive.
 */
const NAN_FILL_ROWS = 1024;

/**
 * Record samples stored column by column while decoding. Memory is bounded twice over: a column
 * never holds more rows than the remaining bytes could encode (each record takes at least one
 * byte), and all columns together stay under a budget proportional to the input size.
 */
export class RecordColumns {
  count = 0;
  #capacity = 0;
  /** Rows below this are NaN-initialised in every allocated column. */
  #initialisedRows = 0;
  readonly #budgetBytes: number;
  readonly #standard: Column[] = RECORD.fields.map(() => ({ values: new Float64Array(0), allocated: false }));
  readonly #allocated: Column[] = [];
  /** Columns counted against the budget: the stored ones and the skipped ones alike, so a selection changes no limit. */
  #columnCount = 0;
  readonly #selection: RecordFieldSelection;
  readonly #developer = new Map<string, { field: FitDeveloperField; column: Column }>();
  #lastCompressedDistance = -1;
  #compressedDistance = 0;

  constructor(inputLength: number, selection: RecordFieldSelection = "all") {
    this.#selection = selection;
    // 16 bytes of columns per input byte covers the densest real layout (2-byte records holding a
    // compressed timestamp and one field); the constant covers tiny files.
    this.#budgetBytes = 16 * 1024 * 1024 + 16 * inputLength;
  }

  /** The column for a RECORD schema slot, allocated on first use; null once memory is exhausted. */
  column(slot: number): Column | null {
    const column = this.#standard[slot];
    if (!column) return null;
    return column.allocated || this.#allocate(column, this.#selection === "all" || ANALYSED_SLOTS.has(slot)) ? column : null;
  }

  /** The column for a numeric developer field, shared by every definition that carries it. */
  developerColumn(field: FitDeveloperField): Column | null {
    const key = `${field.developerDataIndex}:${field.fieldNumber}:${field.baseType}:${field.name ?? ""}`;
    const known = this.#developer.get(key);
    if (known) return known.column;
    if (this.#developer.size >= MAX_DEVELOPER_COLUMNS) return null;
    const column: Column = { values: new Float64Array(0), allocated: false };
    if (!this.#allocate(column, this.#selection === "all")) return null;
    this.#developer.set(key, { field, column });
    return column;
  }

  /**
   * Makes room for row `count`. `consumedBytes` and `remainingBytes` say how far through the
   * input the decoder is: the remaining bytes bound how many rows can still come, and the density
   * of records so far predicts how many will. Returns false once the memory budget is exhausted.
   */
  reserveRow(consumedBytes: number, remainingBytes: number): boolean {
    if (this.count < this.#initialisedRows) return true;
    if (this.count >= this.#capacity && !this.#grow(consumedBytes, remainingBytes)) return false;
    const from = this.#initialisedRows;
    const to = Math.min(this.#capacity, from + NAN_FILL_ROWS);
    for (const column of this.#allocated) column.values.fill(NaN, from, to);
    this.#initialisedRows = to;
    return true;
  }

  #grow(consumedBytes: number, remainingBytes: number): boolean {
    const count = this.count;
    // Every record takes at least one byte.
    const reachable = count + Math.max(1, remainingBytes);
    // Extrapolate the density of records so far, plus 10%: files open with non-record messages,
    // so early estimates run low. Oversizing is not free either (large allocations are zeroed).
    // Growing by at least a quarter keeps reallocation linear if the density keeps changing.
    const predicted =
      count === 0
        ? Math.min(INITIAL_ROWS, Math.ceil(remainingBytes / 8))
        : Math.ceil(count * (1 + remainingBytes / Math.max(1, consumedBytes)) * 1.1);
    const wanted = Math.max(predicted, Math.ceil(this.#capacity * 1.25), this.#capacity + MIN_GROWTH_ROWS);
    const affordable = Math.floor(this.#budgetBytes / (8 * Math.max(1, this.#columnCount)));
    const next = Math.min(wanted, reachable, affordable);
    if (next <= count) return false;
    // Only the initialised rows hold anything: the rest are set to NaN before they are written.
    const kept = this.#initialisedRows;
    for (const column of this.#allocated) {
      const grown = uninitialisedColumn(next);
      grown.set(column.values.subarray(0, kept));
      column.values = grown;
    }
    this.#capacity = next;
    return true;
  }

  /**
   * compressed_speed_distance carries distance as a 12-bit counter of 1/16 m that wraps; like
   * Garmin's SDK, the first value seen is taken as the starting distance.
   * Returns the running distance in 1/16 m.
   */
  accumulateCompressedDistance(counter: number): number {
    if (this.#lastCompressedDistance < 0) {
      this.#compressedDistance = counter;
    } else {
      this.#compressedDistance += (counter - this.#lastCompressedDistance) & 0xfff;
    }
    this.#lastCompressedDistance = counter;
    return this.#compressedDistance;
  }

  #allocate(column: Column, stored: boolean): boolean {
    const bytesAfter = 8 * this.#capacity * (this.#columnCount + 1);
    if (bytesAfter > this.#budgetBytes) return false;
    this.#columnCount += 1;
    column.allocated = true;
    if (!stored) {
      column.skipped = true;
      return true;
    }
    column.values = uninitialisedColumn(this.#capacity).fill(NaN, 0, this.#initialisedRows);
    this.#allocated.push(column);
    return true;
  }

  /**
   * Views trimmed to `count` (no copy), with the paired FIT fields merged into one column each;
   * null for fields no record definition declared.
   */
  finish(): FitRecords {
    const count = this.count;
    const slots = RECORD.slots;
    const view = (slot: number): Float64Array | null => {
      const column = this.#standard[slot];
      return column?.allocated && !column.skipped ? column.values.subarray(0, count) : null;
    };
    const developer: FitDeveloperColumn[] = [...this.#developer.values()]
      .filter(({ column }) => !column.skipped)
      .map(({ field, column }) => ({ field, values: column.values.subarray(0, count) }));
    return {
      count,
      timestamp: view(slots.timestamp),
      positionLat: view(slots.positionLat),
      positionLong: view(slots.positionLong),
      distance: view(slots.distance),
      altitude: preferFirst(view(slots.enhancedAltitude), view(slots.altitude)),
      speed: preferFirst(view(slots.enhancedSpeed), view(slots.speed)),
      heartRate: view(slots.heartRate),
      cadence: addFraction(view(slots.cadence), view(slots.fractionalCadence)),
      power: view(slots.power),
      stanceTime: view(slots.stanceTime),
      stanceTimeBalance: view(slots.stanceTimeBalance),
      verticalOscillation: view(slots.verticalOscillation),
      verticalRatio: view(slots.verticalRatio),
      stepLength: view(slots.stepLength),
      developer,
    };
  }
}

/**
 * A column whose memory is not zeroed first: zeroing megabytes that reserveRow sets to NaN anyway,
 * just before they are written, was most of the cost of growing. No row is ever read before it is
 * NaN-initialised (`finish` hands out only rows below `count`, and `count` never passes the
 * initialised rows), so nothing left in the memory can show.
 */
function uninitialisedColumn(rows: number): Float64Array {
  const bytes = Buffer.allocUnsafeSlow(8 * rows);
  return new Float64Array(bytes.buffer, bytes.byteOffset, rows);
}

/** `primary` where it has a value, else `fallback` (in place: both are private to the decoder). */
function preferFirst(primary: Float64Array | null, fallback: Float64Array | null): Float64Array | null {
  if (!primary) return fallback;
  if (!fallback) return primary;
  for (let i = 0; i < primary.length; i++) {
    if (Number.isNaN(primary[i])) primary[i] = fallback[i] ?? NaN;
  }
  return primary;
}

/** Whole cadence plus its optional 1/128 fraction; a fraction alone is not a cadence. */
function addFraction(whole: Float64Array | null, fraction: Float64Array | null): Float64Array | null {
  if (!whole || !fraction) return whole;
  for (let i = 0; i < whole.length; i++) {
    const part = fraction[i] ?? NaN;
    if (part === part) whole[i] = (whole[i] ?? NaN) + part;
  }
  return whole;
}
