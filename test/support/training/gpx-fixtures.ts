/** GPX documents built in code for the tests, shaped like what real devices and apps export. */

export interface GpxPointSpec {
  readonly lat?: number;
  readonly lon?: number;
  readonly ele?: number;
  readonly time?: string;
  /** Raw XML placed inside `<extensions>`. */
  readonly extensions?: string;
}

/** A `<trkpt>` (or `<rtept>`) element. */
export function gpxPoint(point: GpxPointSpec, element = "trkpt"): string {
  const ele = point.ele === undefined ? "" : `<ele>${point.ele}</ele>`;
  const time = point.time === undefined ? "" : `<time>${point.time}</time>`;
  const extensions = point.extensions === undefined ? "" : `<extensions>${point.extensions}</extensions>`;
  return `<${element} lat="${point.lat ?? 51.5}" lon="${point.lon ?? -0.1}">${ele}${time}${extensions}</${element}>\n`;
}

/** Garmin TrackPointExtension v1 as Garmin Connect and Strava write it (prefix `gpxtpx`). */
export function garminTpx(values: { hr?: number; cad?: number; atemp?: number }): string {
  const parts = [
    values.atemp === undefined ? "" : `<gpxtpx:atemp>${values.atemp}</gpxtpx:atemp>`,
    values.hr === undefined ? "" : `<gpxtpx:hr>${values.hr}</gpxtpx:hr>`,
    values.cad === undefined ? "" : `<gpxtpx:cad>${values.cad}</gpxtpx:cad>`,
  ];
  return `<gpxtpx:TrackPointExtension>${parts.join("")}</gpxtpx:TrackPointExtension>`;
}

const GPX11_NAMESPACES =
  'xmlns="http://www.topografix.com/GPX/1/1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
  'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1" ' +
  'xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd"';

/** A GPX 1.1 file with one track of the given points (or a custom body inside `<gpx>`). */
export function gpx11(options: {
  creator?: string;
  type?: string;
  points?: readonly GpxPointSpec[];
  body?: string;
  namespaces?: string;
}): string {
  const type = options.type === undefined ? "" : `<type>${options.type}</type>`;
  const body =
    options.body ??
    `<trk><name>Morning Run</name>${type}<trkseg>\n${(options.points ?? []).map((point) => gpxPoint(point)).join("")}</trkseg></trk>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<gpx version="1.1" creator="${options.creator ?? "Garmin Connect"}" ${options.namespaces ?? GPX11_NAMESPACES}>\n` +
    `<metadata><name>Morning Run</name><time>2024-05-01T06:00:00Z</time></metadata>\n${body}\n</gpx>\n`
  );
}
