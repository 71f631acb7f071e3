import type { FitWarning } from "./errors.js";

/**
 * Public shape of a decoded activity. Conventions:
 * - times are Unix epoch milliseconds (UTC);
 * - per-sample values live in columns (one Float64Array per field, NaN where the device wrote
 *   nothing or an "invalid" sentinel, null for a field the file never has); summary objects use
 *   `null` for a missing value;
 * - enum fields keep the FIT number and add the profile's name (`null` when unknown).
 */

/** A developer (Connect IQ / third-party sensor) field, as its field_description message declares it. */
export interface FitDeveloperField {
  readonly developerDataIndex: number;
  readonly fieldNumber: number;
  readonly name: string | null;
  readonly units: string | null;
  /** FIT base type number (0x84 and 0x04 both mean uint16; the endianness flag is dropped). */
  readonly baseType: number;
  /**
   * Declared scale and offset. Values are NOT divided by them, matching Garmin's SDK: most writers
   * leave them unset and the few that set them disagree on meaning.
   */
  readonly scale: number | null;
  readonly offset: number | null;
  /** The standard message and field this one mirrors, e.g. record (20) / power (7). */
  readonly nativeMesgNum: number | null;
  readonly nativeFieldNum: number | null;
  /** The developer_data_id's application id (16 bytes as hex) when one was given. */
  readonly applicationId: string | null;
  readonly manufacturerId: number | null;
}

/** Raw values of one numeric, single-valued developer field on records. */
export interface FitDeveloperColumn {
  readonly field: FitDeveloperField;
  readonly values: Float64Array;
}

/**
 * The activity's samples, one row per FIT record message, in file order. Each column is either
 * exactly `count` long (NaN where a record lacks the value) or null when no record in the file
 * carries that field in a readable form, e.g. `power` without a power meter, or running dynamics
 * without a compatible sensor. Columns are views owned by the caller; treat them as read-only input.
 */
export interface FitRecords {
  /** Number of rows. */
  readonly count: number;
  /** Unix ms (normal timestamp field or compressed-timestamp header). */
  readonly timestamp: Float64Array | null;
  /** Degrees (WGS84), converted from semicircles. */
  readonly positionLat: Float64Array | null;
  readonly positionLong: Float64Array | null;
  /** Metres, cumulative. */
  readonly distance: Float64Array | null;
  /** Metres: enhanced_altitude where present, else altitude. */
  readonly altitude: Float64Array | null;
  /** m/s: enhanced_speed where present, else speed (or the speed in compressed_speed_distance). */
  readonly speed: Float64Array | null;
  /** Beats per minute. */
  readonly heartRate: Float64Array | null;
  /**
   * cadence + fractional_cadence, in the FIT unit: rpm, which for running is strides (one foot)
   * per minute; double it for steps per minute.
   */
  readonly cadence: Float64Array | null;
  /** Watts. */
  readonly power: Float64Array | null;
  /** Ground contact time, ms. */
  readonly stanceTime: Float64Array | null;
  /** Ground contact time balance, % on the left foot. */
  readonly stanceTimeBalance: Float64Array | null;
  /** Millimetres. */
  readonly verticalOscillation: Float64Array | null;
  /** Percent (vertical oscillation / step length). */
  readonly verticalRatio: Float64Array | null;
  /** Millimetres. */
  readonly stepLength: Float64Array | null;
  /** Numeric single-valued developer fields written on records (e.g. Stryd power). */
  readonly developer: readonly FitDeveloperColumn[];
}

export interface FitFileId {
  /** FIT file type; 4 = activity. */
  readonly type: number | null;
  readonly manufacturer: number | null;
  readonly manufacturerName: string | null;
  readonly product: number | null;
  readonly productName: string | null;
  readonly serialNumber: number | null;
  readonly timeCreated: number | null;
}

/** Totals shared by sessions and laps. Speeds prefer the enhanced (32-bit) fields. */
export interface FitSummary {
  readonly startTime: number | null;
  /** The message's timestamp, or start + elapsed time when the device left it out. */
  readonly endTime: number | null;
  /** Seconds, pauses included. */
  readonly totalElapsedTime: number | null;
  /** Seconds with the timer running. */
  readonly totalTimerTime: number | null;
  /** Metres. */
  readonly totalDistance: number | null;
  /** Metres. */
  readonly totalAscent: number | null;
  readonly totalDescent: number | null;
  readonly sport: number | null;
  readonly sportName: string | null;
  readonly subSport: number | null;
  readonly subSportName: string | null;
  /** m/s. */
  readonly avgSpeed: number | null;
  readonly maxSpeed: number | null;
  readonly avgHeartRate: number | null;
  readonly maxHeartRate: number | null;
  /** FIT rpm (strides per minute when running), fractional part included. */
  readonly avgCadence: number | null;
  readonly avgPower: number | null;
}

export interface FitSession extends FitSummary {
  readonly totalCalories: number | null;
  readonly numLaps: number | null;
  /** Metres, for pool swims. */
  readonly poolLength: number | null;
}

/** One pool length of a swim. */
export interface FitLength {
  readonly startTime: number | null;
  readonly endTime: number | null;
  readonly totalElapsedTime: number | null;
  readonly totalTimerTime: number | null;
  readonly totalStrokes: number | null;
  /** m/s. */
  readonly avgSpeed: number | null;
  /** 0 = idle (resting at the wall), 1 = active (swimming). */
  readonly lengthType: number | null;
}

export interface FitLap extends FitSummary {
  /** Why the lap ended: manual, distance (auto lap), time, sessionEnd... */
  readonly lapTrigger: number | null;
  readonly lapTriggerName: string | null;
  /** Workout step intensity: active, rest, warmup, cooldown... */
  readonly intensity: number | null;
  readonly intensityName: string | null;
}

export interface FitEvent {
  readonly timestamp: number | null;
  /** 0 = timer; see `eventName`. */
  readonly event: number | null;
  readonly eventName: string | null;
  /** 0 = start, 1 = stop, 4 = stopAll...; see `eventTypeName`. */
  readonly eventType: number | null;
  readonly eventTypeName: string | null;
  readonly data: number | null;
  readonly eventGroup: number | null;
}

export interface FitDeviceInfo {
  readonly timestamp: number | null;
  readonly deviceIndex: number | null;
  readonly deviceType: number | null;
  readonly manufacturer: number | null;
  readonly manufacturerName: string | null;
  /** Manufacturer-specific product number (garmin_product for Garmin). */
  readonly product: number | null;
  readonly productName: string | null;
  readonly serialNumber: number | null;
  readonly softwareVersion: number | null;
}

export interface FitSport {
  readonly sport: number | null;
  readonly sportName: string | null;
  readonly subSport: number | null;
  readonly subSportName: string | null;
  /** The device's sport profile name, e.g. "Trail Run". */
  readonly name: string | null;
}

export interface FitActivity {
  /** From the first activity file in the stream. */
  readonly fileId: FitFileId;
  readonly records: FitRecords;
  readonly sessions: readonly FitSession[];
  readonly laps: readonly FitLap[];
  /** Pool lengths (swims only), in file order. */
  readonly lengths: readonly FitLength[];
  readonly events: readonly FitEvent[];
  readonly devices: readonly FitDeviceInfo[];
  readonly sports: readonly FitSport[];
  readonly developerFields: readonly FitDeveloperField[];
  /**
   * Seconds to add to UTC for the device's wall-clock time, from the activity message's
   * local_timestamp; null when the file does not say.
   */
  readonly localTimeOffsetSeconds: number | null;
}

export interface FitParseResult {
  readonly activity: FitActivity;
  readonly warnings: readonly FitWarning[];
}
