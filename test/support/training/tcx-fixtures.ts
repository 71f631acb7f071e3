/** TCX documents built in code for the tests, shaped like Garmin Connect and Strava exports. */

export interface TcxPointSpec {
  readonly time?: string;
  /** Omitted for treadmill runs. */
  readonly position?: readonly [number, number];
  readonly altitude?: number;
  readonly distance?: number;
  readonly heartRate?: number;
  readonly cadence?: number;
  /** Raw XML placed inside `<Extensions>`, e.g. from {@link tpx}. */
  readonly extensions?: string;
}

export interface TcxLapSpec {
  readonly startTime: string;
  readonly totalTimeS?: number;
  readonly distanceM?: number;
  readonly intensity?: string;
  readonly trigger?: string;
  readonly points: readonly TcxPointSpec[];
}

function element(name: string, value: string | number | undefined): string {
  return value === undefined ? "" : `<${name}>${value}</${name}>`;
}

/** The ActivityExtension v2 `TPX` block, under the given prefix ("ns3" in Garmin Connect exports). */
export function tpx(values: { speed?: number; runCadence?: number; watts?: number }, prefix = "ns3"): string {
  const inner = [element("Speed", values.speed), element("RunCadence", values.runCadence), element("Watts", values.watts)]
    .join("")
    .replace(/<(\/?)(\w+)>/g, `<$1${prefix}:$2>`);
  return `<${prefix}:TPX>${inner}</${prefix}:TPX>`;
}

export function tcxTrackpoint(point: TcxPointSpec): string {
  const position =
    point.position === undefined
      ? ""
      : `<Position><LatitudeDegrees>${point.position[0]}</LatitudeDegrees><LongitudeDegrees>${point.position[1]}</LongitudeDegrees></Position>`;
  const heartRate = point.heartRate === undefined ? "" : `<HeartRateBpm><Value>${point.heartRate}</Value></HeartRateBpm>`;
  return (
    `<Trackpoint>${element("Time", point.time)}${position}${element("AltitudeMeters", point.altitude)}` +
    `${element("DistanceMeters", point.distance)}${heartRate}${element("Cadence", point.cadence)}` +
    `${point.extensions === undefined ? "" : `<Extensions>${point.extensions}</Extensions>`}</Trackpoint>\n`
  );
}

export function tcxLap(lap: TcxLapSpec): string {
  return (
    `<Lap StartTime="${lap.startTime}">${element("TotalTimeSeconds", lap.totalTimeS)}${element("DistanceMeters", lap.distanceM)}` +
    `<Calories>12</Calories>${element("Intensity", lap.intensity)}${element("TriggerMethod", lap.trigger)}` +
    `<Track>\n${lap.points.map(tcxTrackpoint).join("")}</Track>` +
    `<Extensions><ns3:LX><ns3:AvgSpeed>3.1</ns3:AvgSpeed><ns3:AvgRunCadence>80</ns3:AvgRunCadence></ns3:LX></Extensions></Lap>\n`
  );
}

const TCX_NAMESPACES =
  'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" ' +
  'xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

/** A TCX v2 file with one activity (or a custom body inside `<TrainingCenterDatabase>`). */
export function tcxDocument(options: {
  sport?: string;
  laps?: readonly TcxLapSpec[];
  creator?: string;
  body?: string;
  leadingWhitespace?: string;
}): string {
  const sport = options.sport === undefined ? "" : ` Sport="${options.sport}"`;
  const creator =
    options.creator === undefined
      ? ""
      : `<Creator xsi:type="Device_t"><Name>${options.creator}</Name><UnitId>1</UnitId><ProductID>2</ProductID></Creator>`;
  const firstLap = options.laps?.[0]?.startTime ?? "2024-05-01T06:00:00Z";
  const body =
    options.body ??
    `<Activities><Activity${sport}><Id>${firstLap}</Id>\n${(options.laps ?? []).map(tcxLap).join("")}${creator}</Activity></Activities>`;
  return (
    `${options.leadingWhitespace ?? ""}<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<TrainingCenterDatabase ${TCX_NAMESPACES}>\n${body}\n` +
    `<Author xsi:type="Application_t"><Name>Connect Api</Name></Author></TrainingCenterDatabase>\n`
  );
}
