import type { ActivityLap, ActivityParseResult, ParsedActivity, Sport } from "../activity.js";
import { altitudeSourceFor, isFootSport, sportFromWords } from "../xml/activity-words.js";
import { TrainingFileError, withTypedErrors } from "../xml/errors.js";
import { finishActivity } from "../xml/finish-activity.js";
import { isUsablePosition } from "../xml/geo.js";
import { countOf } from "../xml/plural.js";
import type { XmlElementHandler } from "../xml/read-xml.js";
import { readXml } from "../xml/read-xml.js";
import type { TrackPoint } from "../xml/sample-builder.js";
import { SampleBuilder, emptyTrackPoint } from "../xml/sample-builder.js";
import { parseDecimal, parseIsoTime } from "../xml/text-values.js";
import type { LapDraft } from "./tcx-laps.js";
import { emptyLapDraft, finishLap, intensityName, totalsFromLaps, triggerName } from "./tcx-laps.js";

/**
 * Reads a Garmin Training Center (TCX v2) activity file (decompressed bytes) into the shared
 * activity shape: every `Activities/Activity` (multisport sessions included) becomes one leg with
 * its own sport, laps and track points, with position, altitude, device distance, heart rate,
 * cadence and the ActivityExtension `TPX` values (`Speed`, `RunCadence`, `Watts`) under any
 * prefix. Treadmill files without positions are fine (lat/lon are null). `RunCadence` is always
 * one foot and is doubled; plain `Cadence` is doubled for foot sports only (on a bike it is pedal
 * rpm). An Activity without track points is left out with a warning.
 *
 * Throws only {@link TrainingFileError}.
 */
export function parseTcx(bytes: Uint8Array): ActivityParseResult {
  return withTypedErrors("TCX", () => {
    const reader = new TcxReader();
    const outcome = readXml(bytes, reader);
    const device = reader.creatorName ?? reader.authorName;
    const drafts = reader.activities.filter((a) => a.builder.count > 0);
    const finish = (draft: ActivityDraft, warnings: readonly string[]) =>
      finishActivity(
        {
          format: "tcx",
          sport: draft.sport,
          sportLabel: draft.sportLabel,
          sportStated: draft.sportLabel !== null,
          localOffsetMinutes: reader.localOffsetMinutes,
          device,
          altitudeSource: altitudeSourceFor(device, "unknown"),
          laps: draft.laps,
          deviceTotals: totalsFromLaps(draft.laps),
          builder: draft.builder,
          // Cadence is converted point by point, where RunCadence and Cadence can still be told apart.
          cadenceFactor: 1,
          noPointsMessage: reader.noPointsMessage(),
        },
        outcome,
        warnings,
      );
    const [first, ...rest] = drafts;
    if (!first) return finish(reader.activities[0] ?? new ActivityDraft(null), reader.warnings());
    const head = finish(first, reader.warnings());
    const legs: ParsedActivity[] = [head.activity, ...rest.map((draft) => finish(draft, []).activity)];
    return { activity: head.activity, legs, warnings: head.warnings };
  });
}

/** One `Activity` element as it is read. */
class ActivityDraft {
  readonly builder = new SampleBuilder();
  readonly laps: ActivityLap[] = [];
  readonly sport: Sport;
  constructor(readonly sportLabel: string | null) {
    // Without a Sport attribute the sport is inferred from the samples later (parse-file.ts).
    this.sport = sportLabel === null ? "running" : sportFromWords(sportLabel);
  }
}

/** Collects every activity of a TCX document as its elements stream past. */
class TcxReader implements XmlElementHandler {
  readonly activities: ActivityDraft[] = [];
  #current: ActivityDraft | null = null;
  creatorName: string | null = null;
  authorName: string | null = null;
  localOffsetMinutes: number | null = null;
  #activityCount = 0;
  #courseCount = 0;
  #inActivity = false;
  #lap: LapDraft | null = null;
  #point: TrackPoint | null = null;
  #runCadence = NaN;
  #undatedLaps = 0;
  #invalidPositions = 0;

  open(path: readonly string[], attributes: ReadonlyMap<string, string>): void {
    const name = path[path.length - 1] ?? "";
    if (path.length === 1 && name !== "TrainingCenterDatabase") {
      throw new TrainingFileError("not_tcx", `This XML file is not TCX: its root element is <${name}>, not <TrainingCenterDatabase>.`);
    }
    if (name === "Course") this.#courseCount += 1;
    if (name === "Activity" && path.includes("Activities")) {
      this.#activityCount += 1;
      this.#startActivity(attributes.get("Sport")?.trim() || null);
      return;
    }
    if (!this.#inActivity) return;
    if (name === "Lap") this.#lap = emptyLapDraft(parseIsoTime(attributes.get("StartTime") ?? "")?.ms ?? NaN);
    if (name === "Trackpoint") {
      this.#point = emptyTrackPoint();
      this.#runCadence = NaN;
    }
  }

  close(path: readonly string[], text: string): void {
    const name = path[path.length - 1] ?? "";
    const parent = path[path.length - 2] ?? "";
    if (name === "Name" && parent === "Author" && path.length === 3) this.authorName = text.trim() || null;
    if (!this.#inActivity) return;
    if (this.#point !== null) {
      this.#closeInPoint(this.#point, name, parent, text);
      return;
    }
    const lap = this.#lap;
    if (lap !== null && name === "Lap") this.#finishLap(lap);
    else if (lap !== null && parent === "Lap") this.#closeInLap(lap, name, text);
    else if (name === "Name" && parent === "Creator") this.creatorName = text.trim() || null;
    else if (name === "Activity") this.#inActivity = false;
  }

  warnings(): string[] {
    const warnings: string[] = [];
    const withPoints = this.activities.filter((a) => a.builder.count > 0).length;
    if (this.#activityCount > 1) warnings.push(`The file holds ${this.#activityCount} activities; each is its own activity.`);
    if (withPoints < this.activities.length && withPoints > 0) {
      warnings.push(`${countOf(this.activities.length - withPoints, "activity", "activities")} without track points left out.`);
    }
    if (this.#undatedLaps > 0) warnings.push(`${countOf(this.#undatedLaps, "lap")} without a start time or track points skipped.`);
    if (this.#invalidPositions > 0) {
      warnings.push(`${countOf(this.#invalidPositions, "point")} had no usable latitude/longitude; their position was left empty.`);
    }
    return warnings;
  }

  noPointsMessage(): string {
    if (this.#activityCount > 0) return "The TCX activity has no track points.";
    if (this.#courseCount > 0) return "This TCX file holds courses (planned routes), not a recorded activity.";
    return "The TCX file holds no activity.";
  }

  #startActivity(sportAttribute: string | null): void {
    this.#inActivity = true;
    this.#current = new ActivityDraft(sportAttribute);
    this.activities.push(this.#current);
  }

  #closeInLap(lap: LapDraft, name: string, text: string): void {
    switch (name) {
      case "TotalTimeSeconds":
        lap.totalTimeS = parseDecimal(text);
        break;
      case "DistanceMeters":
        lap.distanceM = parseDecimal(text);
        break;
      case "Intensity":
        lap.intensity = intensityName(text);
        break;
      case "TriggerMethod":
        lap.trigger = triggerName(text);
        break;
    }
  }

  #finishLap(lap: LapDraft): void {
    const finished = finishLap(lap);
    if (finished) this.#current?.laps.push(finished);
    else this.#undatedLaps += 1;
    this.#lap = null;
  }

  #closeInPoint(point: TrackPoint, name: string, parent: string, text: string): void {
    switch (name) {
      case "Trackpoint":
        this.#finishPoint(point);
        break;
      case "Time":
        if (parent === "Trackpoint") this.#readTime(point, text);
        break;
      case "LatitudeDegrees":
        point.lat = parseDecimal(text);
        break;
      case "LongitudeDegrees":
        point.lon = parseDecimal(text);
        break;
      case "AltitudeMeters":
        point.altitude = parseDecimal(text);
        break;
      case "DistanceMeters":
        point.distance = parseDecimal(text);
        break;
      case "Value":
        if (parent === "HeartRateBpm") point.heartRate = parseDecimal(text);
        break;
      case "Cadence":
        point.cadence = parseDecimal(text);
        break;
      case "RunCadence":
        this.#runCadence = parseDecimal(text);
        break;
      case "Speed":
        point.speed = parseDecimal(text);
        break;
      case "Watts":
        point.power = parseDecimal(text);
        break;
    }
  }

  #finishPoint(point: TrackPoint): void {
    if (!Number.isNaN(this.#runCadence)) point.cadence = this.#runCadence * 2;
    else if (isFootSport(this.#current?.sport ?? "running")) point.cadence *= 2;
    if (!isUsablePosition(point.lat, point.lon)) {
      // Treadmill files have no <Position> at all; only a position that is there but unusable counts.
      if (!Number.isNaN(point.lat) || !Number.isNaN(point.lon)) this.#invalidPositions += 1;
      point.lat = NaN;
      point.lon = NaN;
    }
    const kept = this.#current?.builder.add(point) ?? false;
    const lap = this.#lap;
    if (kept && lap !== null) {
      if (Number.isNaN(lap.firstPointTime)) lap.firstPointTime = point.time;
      lap.lastPointTime = point.time;
    }
    this.#point = null;
  }

  #readTime(point: TrackPoint, text: string): void {
    const time = parseIsoTime(text);
    if (time === null) return;
    point.time = time.ms;
    if (this.localOffsetMinutes === null && time.offsetMinutes !== null) this.localOffsetMinutes = time.offsetMinutes;
  }
}
