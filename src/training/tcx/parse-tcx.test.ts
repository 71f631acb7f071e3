import { describe, expect, it } from "vitest";
import { secondsAfterStart, START_MS, trainingFileErrorOf as errorOf, utf8 } from "../../../test/support/training/xml-fixtures.js";
import { parseTcx } from "./parse-tcx.js";
import type { TcxPointSpec } from "../../../test/support/training/tcx-fixtures.js";
import { tcxDocument, tpx } from "../../../test/support/training/tcx-fixtures.js";

/** `count` one-second trackpoints from `first` seconds after the start, 3 m apart. */
function runPoints(first: number, count: number, extra: (second: number) => Partial<TcxPointSpec> = () => ({})): TcxPointSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const second = first + i;
    return {
      time: secondsAfterStart(second),
      position: [51.5 + second * 0.000027, -0.1],
      altitude: 20,
      distance: second * 3,
      ...extra(second),
    };
  });
}

describe("parseTcx", () => {
  it("reads laps, positions, device distance, heart rate and the TPX Speed/RunCadence/Watts extensions", () => {
    const laps = [
      {
        startTime: secondsAfterStart(0),
        totalTimeS: 2,
        distanceM: 6,
        intensity: "Active",
        trigger: "Manual",
        points: runPoints(0, 2, (s) => ({ heartRate: 150 + s, extensions: tpx({ speed: 3.1, runCadence: 86, watts: 250 }) })),
      },
      {
        startTime: secondsAfterStart(2),
        totalTimeS: 1.5,
        distanceM: 3.5,
        intensity: "Resting",
        trigger: "HeartRate",
        points: runPoints(2, 2, () => ({ extensions: tpx({ speed: 2.9, runCadence: 84 }, "ax") })),
      },
    ];
    const { activity, warnings } = parseTcx(utf8(tcxDocument({ sport: "Running", laps, creator: "Forerunner 955" })));
    const { samples } = activity;
    expect(warnings).toEqual([]);
    expect(activity.format).toBe("tcx");
    expect(activity.sport).toBe("running");
    expect(activity.sportLabel).toBe("Running");
    expect(activity.device).toBe("Forerunner 955");
    expect(activity.altitudeSource).toBe("barometric");
    expect(activity.startTime).toBe(START_MS);
    expect(samples.count).toBe(4);
    expect([...(samples.distance ?? [])]).toEqual([0, 3, 6, 9]);
    expect([...(samples.speed ?? [])]).toEqual([3.1, 3.1, 2.9, 2.9]);
    expect([...(samples.cadenceSpm ?? [])]).toEqual([172, 172, 168, 168]);
    expect([...(samples.power ?? [])]).toEqual([250, 250, NaN, NaN]);
    expect([...(samples.heartRate ?? [])]).toEqual([150, 151, NaN, NaN]);
    expect(samples.lat?.[1]).toBeCloseTo(51.500027, 9);
    expect(activity.laps).toEqual([
      { startTime: START_MS, endTime: START_MS + 1000, distanceM: 6, elapsedS: 2, trigger: "manual", intensity: "active" },
      { startTime: START_MS + 2000, endTime: START_MS + 3000, distanceM: 3.5, elapsedS: 1.5, trigger: "heart_rate", intensity: "rest" },
    ]);
    expect(activity.deviceTotals).toEqual({ distanceM: 9.5, elapsedS: null, timerS: 3.5, ascentM: null, descentM: null });
  });

  it("reads a Strava TCX that starts with whitespace before the XML declaration", () => {
    const document = tcxDocument({
      sport: "Running",
      leadingWhitespace: "          ",
      laps: [{ startTime: secondsAfterStart(0), points: runPoints(0, 3) }],
    });
    const { activity } = parseTcx(utf8(document));
    expect(activity.samples.count).toBe(3);
  });

  it("reads a treadmill run without positions: no lat/lon, speed from the device distance", () => {
    const points = [0, 1, 2].map((s) => ({
      time: secondsAfterStart(s * 2),
      distance: s * 6,
      heartRate: 140,
      extensions: tpx({ runCadence: 88 }),
    }));
    const { activity, warnings } = parseTcx(utf8(tcxDocument({ sport: "Running", laps: [{ startTime: secondsAfterStart(0), points }] })));
    const { samples } = activity;
    expect(warnings).toEqual([]);
    expect(samples.lat).toBeNull();
    expect(samples.lon).toBeNull();
    expect(samples.altitude).toBeNull();
    expect([...(samples.distance ?? [])]).toEqual([0, 6, 12]);
    expect([...(samples.speed ?? [])]).toEqual([NaN, 3, 3]);
    expect([...(samples.cadenceSpm ?? [])]).toEqual([176, 176, 176]);
  });

  it("doubles plain Cadence on a run but keeps it as pedal rpm on a ride", () => {
    const lap = (sport: string) =>
      tcxDocument({ sport, laps: [{ startTime: secondsAfterStart(0), points: runPoints(0, 1, () => ({ cadence: 85 })) }] });
    expect(parseTcx(utf8(lap("Running"))).activity.samples.cadenceSpm?.[0]).toBe(170);
    const ride = parseTcx(utf8(lap("Biking"))).activity;
    expect(ride.sport).toBe("cycling");
    expect(ride.samples.cadenceSpm?.[0]).toBe(85);
  });

  it("computes distance from positions when the file has no DistanceMeters", () => {
    const points = runPoints(0, 3, () => ({ distance: undefined }));
    const { samples } = parseTcx(utf8(tcxDocument({ sport: "Running", laps: [{ startTime: secondsAfterStart(0), points }] }))).activity;
    expect(samples.distance?.[2]).toBeCloseTo(6, 0);
  });

  it("reads every activity of several as its own leg, and says so", () => {
    const activity = (sport: string, start: number): string =>
      `<Activity Sport="${sport}"><Id>${secondsAfterStart(start)}</Id><Lap StartTime="${secondsAfterStart(start)}"><Track>` +
      `<Trackpoint><Time>${secondsAfterStart(start)}</Time></Trackpoint></Track></Lap></Activity>`;
    const body = `<Activities>${activity("Running", 0)}${activity("Biking", 100)}</Activities>`;
    const { activity: parsed, legs, warnings } = parseTcx(utf8(tcxDocument({ body })));
    expect(parsed.sport).toBe("running");
    expect(parsed.samples.count).toBe(1);
    expect(legs?.map((l) => [l.sport, l.samples.count])).toEqual([
      ["running", 1],
      ["cycling", 1],
    ]);
    expect(warnings).toEqual(["The file holds 2 activities; each is its own activity."]);
  });

  it("reads a multisport session's legs, bike first, without losing the run", () => {
    const activity = (sport: string, start: number): string =>
      `<Activity Sport="${sport}"><Id>${secondsAfterStart(start)}</Id><Lap StartTime="${secondsAfterStart(start)}"><Track>` +
      `<Trackpoint><Time>${secondsAfterStart(start)}</Time></Trackpoint><Trackpoint><Time>${secondsAfterStart(start + 10)}</Time></Trackpoint></Track></Lap></Activity>`;
    const body =
      `<Activities><MultiSportSession><Id>${secondsAfterStart(0)}</Id><FirstSport>${activity("Biking", 0)}</FirstSport>` +
      `<NextSport><Transition><TotalTimeSeconds>60</TotalTimeSeconds></Transition>${activity("Running", 200)}</NextSport></MultiSportSession></Activities>`;
    const { legs } = parseTcx(utf8(tcxDocument({ body })));
    expect(legs?.map((l) => [l.sport, l.startTime])).toEqual([
      ["cycling", Date.parse(secondsAfterStart(0))],
      ["running", Date.parse(secondsAfterStart(200))],
    ]);
  });

  it("marks an activity without Sport as not stating its sport (inferred later from the samples)", () => {
    const { activity, warnings } = parseTcx(utf8(tcxDocument({ laps: [{ startTime: secondsAfterStart(0), points: runPoints(0, 1) }] })));
    expect(activity.sportStated).toBe(false);
    expect(activity.sportLabel).toBeNull();
    expect(warnings).toEqual([]);
  });

  it("drops trackpoints that go back in time", () => {
    const points = [...runPoints(0, 3), ...runPoints(1, 1), ...runPoints(3, 1)];
    const { activity, warnings } = parseTcx(utf8(tcxDocument({ sport: "Running", laps: [{ startTime: secondsAfterStart(0), points }] })));
    expect(activity.samples.count).toBe(4);
    expect(warnings).toEqual(["1 track point whose time went back before the previous point was dropped."]);
  });

  it("refuses a file of courses", () => {
    const body = `<Courses><Course><Name>Loop</Name><Track><Trackpoint><Time>${secondsAfterStart(0)}</Time></Trackpoint></Track></Course></Courses>`;
    const error = errorOf(() => parseTcx(utf8(tcxDocument({ body }))));
    expect(error.code).toBe("no_track_points");
    expect(error.message).toBe("This TCX file holds courses (planned routes), not a recorded activity.");
  });

  it("refuses an activity without trackpoints", () => {
    const error = errorOf(() => parseTcx(utf8(tcxDocument({ sport: "Running", laps: [{ startTime: secondsAfterStart(0), points: [] }] }))));
    expect(error.code).toBe("no_track_points");
  });

  it("refuses GPX, non-XML and entity-declaring files with typed errors", () => {
    expect(errorOf(() => parseTcx(utf8('<?xml version="1.0"?><gpx version="1.1"/>'))).code).toBe("not_tcx");
    expect(errorOf(() => parseTcx(utf8("Time,HeartRate\n0,120\n"))).code).toBe("not_xml");
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><TrainingCenterDatabase>&xxe;</TrainingCenterDatabase>`;
    expect(errorOf(() => parseTcx(utf8(xxe))).code).toBe("xml_entity_forbidden");
  });
});
