import {
  EVENT_NAMES,
  EVENT_TYPE_NAMES,
  INTENSITY_NAMES,
  LAP_TRIGGER_NAMES,
  MANUFACTURER_NAMES,
  SPORT_NAMES,
  SUB_SPORT_NAMES,
} from "./enum-names.js";
import type { ACTIVITY, DEVICE_INFO, EVENT, FILE_ID, LAP, MessageValues, SESSION, SPORT } from "./message-schemas.js";
import type { FitDeviceInfo, FitEvent, FitFileId, FitLap, FitSession, FitSport, FitSummary } from "./types.js";

/**
 * Pure conversions from decoded summary messages to the public objects. These messages are few
 * (a handful of laps, events and devices), so building one object each is fine.
 */

function nameOf(names: Readonly<Record<number, string>>, value: number | null): string | null {
  return value === null ? null : (names[value] ?? null);
}

/** Speeds and altitudes come in 16-bit and "enhanced" 32-bit versions; the latter wins. */
function enhanced(enhancedValue: number | null, plain: number | null): number | null {
  return enhancedValue ?? plain;
}

function withFraction(whole: number | null, fraction: number | null): number | null {
  return whole === null ? null : whole + (fraction ?? 0);
}

function endTime(timestamp: number | null, startTime: number | null, elapsedSeconds: number | null): number | null {
  if (timestamp !== null) return timestamp;
  if (startTime === null || elapsedSeconds === null) return null;
  return startTime + elapsedSeconds * 1000;
}

type SummarySource = MessageValues<typeof SESSION> | MessageValues<typeof LAP>;

function toSummary(values: SummarySource): FitSummary {
  return {
    startTime: values.startTime,
    endTime: endTime(values.timestamp, values.startTime, values.totalElapsedTime),
    totalElapsedTime: values.totalElapsedTime,
    totalTimerTime: values.totalTimerTime,
    totalDistance: values.totalDistance,
    totalAscent: values.totalAscent,
    totalDescent: values.totalDescent,
    sport: values.sport,
    sportName: nameOf(SPORT_NAMES, values.sport),
    subSport: values.subSport,
    subSportName: nameOf(SUB_SPORT_NAMES, values.subSport),
    avgSpeed: enhanced(values.enhancedAvgSpeed, values.avgSpeed),
    maxSpeed: enhanced(values.enhancedMaxSpeed, values.maxSpeed),
    avgHeartRate: values.avgHeartRate,
    maxHeartRate: values.maxHeartRate,
    avgCadence: withFraction(values.avgCadence, values.avgFractionalCadence),
    avgPower: values.avgPower,
  };
}

export function toSession(values: MessageValues<typeof SESSION>): FitSession {
  return { ...toSummary(values), totalCalories: values.totalCalories, numLaps: values.numLaps };
}

export function toLap(values: MessageValues<typeof LAP>): FitLap {
  return {
    ...toSummary(values),
    lapTrigger: values.lapTrigger,
    lapTriggerName: nameOf(LAP_TRIGGER_NAMES, values.lapTrigger),
    intensity: values.intensity,
    intensityName: nameOf(INTENSITY_NAMES, values.intensity),
  };
}

export function toEvent(values: MessageValues<typeof EVENT>): FitEvent {
  return {
    timestamp: values.timestamp,
    event: values.event,
    eventName: nameOf(EVENT_NAMES, values.event),
    eventType: values.eventType,
    eventTypeName: nameOf(EVENT_TYPE_NAMES, values.eventType),
    data: values.data,
    eventGroup: values.eventGroup,
  };
}

export function toDeviceInfo(values: MessageValues<typeof DEVICE_INFO>): FitDeviceInfo {
  return {
    timestamp: values.timestamp,
    deviceIndex: values.deviceIndex,
    deviceType: values.deviceType,
    manufacturer: values.manufacturer,
    manufacturerName: nameOf(MANUFACTURER_NAMES, values.manufacturer),
    product: values.product,
    productName: values.productName,
    serialNumber: values.serialNumber,
    softwareVersion: values.softwareVersion,
  };
}

export function toSport(values: MessageValues<typeof SPORT>): FitSport {
  return {
    sport: values.sport,
    sportName: nameOf(SPORT_NAMES, values.sport),
    subSport: values.subSport,
    subSportName: nameOf(SUB_SPORT_NAMES, values.subSport),
    name: values.name,
  };
}

export function toFileId(values: MessageValues<typeof FILE_ID>): FitFileId {
  return {
    type: values.type,
    manufacturer: values.manufacturer,
    manufacturerName: nameOf(MANUFACTURER_NAMES, values.manufacturer),
    product: values.product,
    productName: values.productName,
    serialNumber: values.serialNumber,
    timeCreated: values.timeCreated,
  };
}

export const EMPTY_FILE_ID: FitFileId = toFileId({
  type: null,
  manufacturer: null,
  product: null,
  serialNumber: null,
  timeCreated: null,
  productName: null,
});

/** Real offsets lie within ±14 h; anything wider means one of the two clocks was not set. */
const MAX_LOCAL_OFFSET_SECONDS = 24 * 3600;

/** local_timestamp − timestamp, in whole seconds (both are already Unix ms here). */
export function localTimeOffsetSeconds(values: MessageValues<typeof ACTIVITY>): number | null {
  if (values.timestamp === null || values.localTimestamp === null) return null;
  const offset = Math.round((values.localTimestamp - values.timestamp) / 1000);
  return Math.abs(offset) <= MAX_LOCAL_OFFSET_SECONDS ? offset : null;
}
