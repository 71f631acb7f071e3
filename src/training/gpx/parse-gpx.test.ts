import { describe, expect, it } from "vitest";
import { haversineMetres } from "../xml/geo.js";
import { secondsAfterStart, START_MS, trainingFileErrorOf as errorOf, utf8 } from "../../../test/support/training/xml-fixtures.js";
import { garminTpx, gpx11, gpxPoint } from "../../../test/support/training/gpx-fixtures.js";
import { parseGpx } from "./parse-gpx.js";

const GPX10 = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.0" creator="GPSBabel - http://www.gpsbabel.org" xmlns="http://www.topografix.com/GPX/1/0">
<time>2010-08-05T14:23:59Z</time>
<trk><name>Lake loop</name><trkseg>
<trkpt lat="45.7570" lon="14.3500"><ele>551.0</ele><time>2010-08-05T14:23:59Z</time><speed>2.5</speed></trkpt>
<trkpt lat="45.7580" lon="14.3500"><ele>552.5</ele><time>2010-08-05T14:24:39Z</time><speed>2.8</speed></trkpt>
</trkseg></trk></gpx>`;

describe("parseGpx", () => {
  it("reads a GPX 1.0 track with elevation, times and the file's own speed", () => {
    const { activity, warnings } = parseGpx(utf8(GPX10));
    const { samples } = activity;
    expect(activity.format).toBe("gpx");
    expect(samples.count).toBe(2);
    expect(activity.startTime).toBe(Date.UTC(2010, 7, 5, 14, 23, 59));
    expect([...samples.time]).toEqual([Date.UTC(2010, 7, 5, 14, 23, 59), Date.UTC(2010, 7, 5, 14, 24, 39)]);
    expect([...(samples.altitude ?? [])]).toEqual([551, 552.5]);
    expect([...(samples.speed ?? [])]).toEqual([2.5, 2.8]);
    expect(samples.distance?.[1]).toBeCloseTo(haversineMetres(45.757, 14.35, 45.758, 14.35), 6);
    expect(samples.heartRate).toBeNull();
    expect(samples.cadenceSpm).toBeNull();
    expect(activity.device).toBe("GPSBabel - http://www.gpsbabel.org");
    expect(activity.altitudeSource).toBe("gps");
    expect(activity.laps).toEqual([]);
    expect(activity.deviceTotals).toBeNull();
    expect(activity.sport).toBe("running");
    expect(warnings).toEqual([]);
    expect(activity.sportStated).toBe(false);
  });

  it("reads Garmin TrackPointExtension heart rate and doubles the one-foot cadence of a run", () => {
    const points = [0, 1, 2].map((s) => ({
      lat: 51.5 + s * 0.00003,
      time: secondsAfterStart(s),
      ele: 10,
      extensions: garminTpx({ hr: 140 + s, cad: 85, atemp: 21 }),
    }));
    const { activity, warnings } = parseGpx(utf8(gpx11({ type: "running", points })));
    expect(activity.sport).toBe("running");
    expect(activity.sportLabel).toBe("running");
    expect([...(activity.samples.heartRate ?? [])]).toEqual([140, 141, 142]);
    expect([...(activity.samples.cadenceSpm ?? [])]).toEqual([170, 170, 170]);
    expect(activity.altitudeSource).toBe("unknown");
    expect(warnings).toEqual([]);
  });

  it("keeps bike cadence as it is", () => {
    const points = [0, 1].map((s) => ({ time: secondsAfterStart(s), extensions: garminTpx({ cad: 90 }) }));
    const { activity } = parseGpx(utf8(gpx11({ type: "cycling", points })));
    expect(activity.sport).toBe("cycling");
    expect([...(activity.samples.cadenceSpm ?? [])]).toEqual([90, 90]);
  });

  it("reads a Strava export: numeric type 9, creator, power outside the Garmin extension", () => {
    const points = [0, 1].map((s) => ({
      lat: 42.94 + s * 0.0001,
      lon: 0.963,
      ele: 721.2,
      time: secondsAfterStart(s),
      extensions: `${garminTpx({ hr: 117, cad: 85 })}<!-- custom --><power>250</power>`,
    }));
    const { activity } = parseGpx(utf8(gpx11({ creator: "StravaGPX iPhone", type: "9", points })));
    expect(activity.sport).toBe("running");
    // Strava's type number is a code, not a title.
    expect(activity.sportLabel).toBeNull();
    expect(activity.device).toBe("StravaGPX iPhone");
    expect([...(activity.samples.power ?? [])]).toEqual([250, 250]);
    expect([...(activity.samples.cadenceSpm ?? [])]).toEqual([170, 170]);
    expect(activity.samples.speed?.[1]).toBeCloseTo(haversineMetres(42.94, 0.963, 42.9401, 0.963), 6);
    expect(activity.samples.speed?.[0]).toBeNaN();
  });

  it("reads extensions whose prefix is never declared", () => {
    const points = [0, 1].map((s) => ({ time: secondsAfterStart(s), extensions: garminTpx({ hr: 150 }) }));
    const noPrefixDeclared = 'xmlns="http://www.topografix.com/GPX/1/1"';
    const { activity } = parseGpx(utf8(gpx11({ points, namespaces: noPrefixDeclared })));
    expect([...(activity.samples.heartRate ?? [])]).toEqual([150, 150]);
  });

  it("reads heartrate/cadence variants written without the Garmin wrapper", () => {
    const points = [0, 1].map((s) => ({ time: secondsAfterStart(s), extensions: "<heartrate>130</heartrate><cadence>88</cadence>" }));
    const { activity } = parseGpx(utf8(gpx11({ type: "trail_running", points })));
    expect(activity.sport).toBe("trail_running");
    expect([...(activity.samples.heartRate ?? [])]).toEqual([130, 130]);
    expect([...(activity.samples.cadenceSpm ?? [])]).toEqual([176, 176]);
  });

  it("says barometric when the creator is a Garmin watch with an altimeter", () => {
    const points = [{ time: secondsAfterStart(0) }];
    expect(parseGpx(utf8(gpx11({ creator: "fenix 6X Pro", points }))).activity.altitudeSource).toBe("barometric");
  });

  it("takes the local time offset from the point times", () => {
    const points = [{ time: "2024-05-01T08:00:00+02:00" }, { time: "2024-05-01T08:00:01+02:00" }];
    const { activity } = parseGpx(utf8(gpx11({ points })));
    expect(activity.localOffsetMinutes).toBe(120);
    expect(activity.startTime).toBe(START_MS);
  });

  it("drops points without a time and points that go back in time, with one warning each", () => {
    const points = [
      { time: secondsAfterStart(0) },
      {},
      { time: secondsAfterStart(2) },
      { time: secondsAfterStart(1) },
      { time: "not a time" },
      { time: secondsAfterStart(0) },
      { time: secondsAfterStart(3) },
    ];
    const { activity, warnings } = parseGpx(utf8(gpx11({ type: "running", points })));
    expect([...activity.samples.time]).toEqual([0, 2, 3].map((s) => START_MS + s * 1000));
    expect(warnings).toEqual([
      "2 track points without a time were dropped.",
      "2 track points whose time went back before the previous point were dropped.",
    ]);
  });

  it("reads route points when the file has no track", () => {
    const body = `<rte><type>hiking</type>${gpxPoint({ time: secondsAfterStart(0) }, "rtept")}${gpxPoint({ time: secondsAfterStart(9) }, "rtept")}</rte>`;
    const { activity } = parseGpx(utf8(gpx11({ body })));
    expect(activity.samples.count).toBe(2);
    expect(activity.sport).toBe("hiking");
  });

  it("reads only the first of several tracks recorded on different days", () => {
    const track = (day: number): string =>
      `<trk><trkseg>${gpxPoint({ time: `2024-05-0${day}T06:00:00Z` })}${gpxPoint({ time: `2024-05-0${day}T06:00:05Z` })}</trkseg></trk>`;
    const { activity, warnings } = parseGpx(utf8(gpx11({ body: track(1) + track(2) + track(3) })));
    expect(activity.samples.count).toBe(2);
    expect(warnings).toContain("2 more tracks in the file, recorded at another time, were not read.");
  });

  it("joins a second track that continues the first within minutes", () => {
    const body =
      `<trk><trkseg>${gpxPoint({ time: secondsAfterStart(0) })}</trkseg></trk>` +
      `<trk><trkseg>${gpxPoint({ time: secondsAfterStart(600) })}</trkseg></trk>`;
    expect(parseGpx(utf8(gpx11({ body }))).activity.samples.count).toBe(2);
  });

  it("keeps the points before the damage in a file that was cut short", () => {
    const whole = gpx11({ points: [0, 1, 2].map((s) => ({ time: secondsAfterStart(s) })) });
    const cut = whole.slice(0, whole.lastIndexOf("<trkpt") + 20);
    const { activity, warnings } = parseGpx(utf8(cut));
    expect(activity.samples.count).toBe(2);
    expect(warnings.at(-1)).toMatch(
      /^The file is damaged or cut short \(line \d+, column \d+: .+\); the 2 samples before that point were kept\.$/,
    );
  });

  it("refuses a route without times", () => {
    const error = errorOf(() =>
      parseGpx(
        utf8(
          gpx11({
            points: [
              { lat: 1, lon: 2 },
              { lat: 1, lon: 3 },
            ],
          }),
        ),
      ),
    );
    expect(error.code).toBe("no_track_points");
    expect(error.message).toMatch(/None of the file's 2 points has a valid time/);
  });

  it("refuses a GPX file without points", () => {
    const error = errorOf(() => parseGpx(utf8(gpx11({ body: '<wpt lat="1" lon="2"><name>Car park</name></wpt>' }))));
    expect(error.code).toBe("no_track_points");
    expect(error.message).toBe("The GPX file has no track points.");
  });

  it("refuses XML that is not GPX, naming its root element", () => {
    const error = errorOf(() => parseGpx(utf8('<?xml version="1.0"?><TrainingCenterDatabase/>')));
    expect(error.code).toBe("not_gpx");
    expect(error.message).toContain("<TrainingCenterDatabase>");
  });

  it("refuses bytes that are not XML", () => {
    expect(errorOf(() => parseGpx(utf8('{"type":"FeatureCollection"}'))).code).toBe("not_xml");
    expect(errorOf(() => parseGpx(new Uint8Array([14, 16, 0x6c, 0x08, 0x2e, 0x46, 0x49, 0x54]))).code).toBe("not_xml");
  });

  it("refuses an XXE file and a billion-laughs file", () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><gpx version="1.1"><trk><name>&xxe;</name></trk></gpx>`;
    expect(errorOf(() => parseGpx(utf8(xxe))).code).toBe("xml_entity_forbidden");
    const lol = `<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><gpx>&b;</gpx>`;
    expect(errorOf(() => parseGpx(utf8(lol))).code).toBe("xml_entity_forbidden");
  });

  it("refuses a file over 200 MB before reading it", () => {
    expect(errorOf(() => parseGpx(new Uint8Array(200 * 1024 * 1024 + 1))).code).toBe("too_large");
  });
});
