import type { ActivityParseResult, Sport } from "../activity.js";
import { altitudeSourceFor, isFootSport } from "../xml/activity-words.js";
import { TrainingFileError, withTypedErrors } from "../xml/errors.js";
import { finishActivity } from "../xml/finish-activity.js";
import { isUsablePosition } from "../xml/geo.js";
import { countOf, wasOrWere } from "../xml/plural.js";
import type { XmlElementHandler } from "../xml/read-xml.js";
import { readXml } from "../xml/read-xml.js";
import type { TrackPoint } from "../xml/sample-builder.js";
import { SampleBuilder, emptyTrackPoint } from "../xml/sample-builder.js";
import { parseDecimal, parseIsoTime } from "../xml/text-values.js";
import { sportFromGpxType } from "./gpx-sport.js";

/**
 * Reads a GPX 1.0 or 1.1 file (decompressed bytes) into the shared activity shape.
 *
 * Track points come from `trk/trkseg/trkpt`, or from `rte/rtept` when the file has no track.
 * Extensions are matched by local name whatever their prefix: Garmin TrackPointExtension v1/v2
 * (`hr`, `cad`, `speed`) and the common `heartrate`, `cadence`, `power` variants. GPX carries no
 * distance, so distance is the haversine sum along the points and speed is derived from it
 * (unless the file carries its own `speed`). Cadence is doubled for foot sports.
 *
 * Only the first track is read, plus any later one that continues it within 30 minutes (other
 * tracks are separate outings, reported in a warning). The sport comes from the track's `<type>`
 * (Strava's numeric types are mapped, never shown as a title); a file without one is marked
 * `sportStated: false` and its sport is inferred from the samples; an unrecognised type reads as
 * "other".
 *
 * Throws only {@link TrainingFileError}.
 */
export function parseGpx(bytes: Uint8Array): ActivityParseResult {
  return withTypedErrors("GPX", () => {
    const reader = new GpxReader();
    const outcome = readXml(bytes, reader);
    const { sport, sportLabel, sportStated, warnings } = reader.sport();
    const builder = reader.samples();
    const device = reader.creator;
    return finishActivity(
      {
        format: "gpx",
        sport,
        sportLabel,
        sportStated,
        localOffsetMinutes: reader.localOffsetMinutes,
        device,
        altitudeSource: altitudeSourceFor(device, "gps"),
        laps: [],
        deviceTotals: null,
        builder,
        cadenceFactor: isFootSport(sport) ? 2 : 1,
        noPointsMessage: "The GPX file has no track points.",
      },
      outcome,
      [...warnings, ...reader.warnings()],
    );
  });
}

const POINT_ELEMENTS = new Set(["trkpt", "rtept"]);

/**
 * A later `<trk>` is read only when it continues the recording: it starts at most this long after
 * the last kept point (a watch restarted mid-run). Files with several tracks are otherwise archives
 * of separate outings (days or months apart), and mixing them would make one nonsense activity.
 */
const MAX_GAP_BETWEEN_TRACKS_MS = 30 * 60_000;

/** Collects a GPX document's points as its elements stream past. */
class GpxReader implements XmlElementHandler {
  readonly track = new SampleBuilder();
  readonly route = new SampleBuilder();
  creator: string | null = null;
  localOffsetMinutes: number | null = null;
  #trackType: string | null = null;
  #routeType: string | null = null;
  #point: TrackPoint | null = null;
  /** How points of the current `<trk>` are treated; see {@link MAX_GAP_BETWEEN_TRACKS_MS}. */
  #trackMode: "read" | "decide" | "skip" = "read";
  #skippedTracks = 0;
  #invalidPositions = 0;
  #unzonedTimes = 0;

  open(path: readonly string[], attributes: ReadonlyMap<string, string>): void {
    const name = path[path.length - 1] ?? "";
    if (path.length === 1) {
      if (name !== "gpx") throw new TrainingFileError("not_gpx", `This XML file is not GPX: its root element is <${name}>, not <gpx>.`);
      this.creator = attributes.get("creator")?.trim() || null;
      return;
    }
    if (name === "trk") this.#trackMode = this.track.count > 0 ? "decide" : "read";
    if (!POINT_ELEMENTS.has(name)) return;
    const point = emptyTrackPoint();
    point.lat = parseDecimal(attributes.get("lat"));
    point.lon = parseDecimal(attributes.get("lon"));
    this.#point = point;
  }

  close(path: readonly string[], text: string): void {
    const name = path[path.length - 1] ?? "";
    const parent = path[path.length - 2] ?? "";
    const point = this.#point;
    if (point === null) {
      if (name === "type" && text.trim() !== "") this.#readType(parent, text.trim());
      return;
    }
    if (POINT_ELEMENTS.has(name)) {
      this.#finishPoint(point, name);
      return;
    }
    if (POINT_ELEMENTS.has(parent)) {
      if (name === "ele") point.altitude = parseDecimal(text);
      else if (name === "time") this.#readTime(point, text);
      else if (name === "speed") point.speed = parseDecimal(text);
      return;
    }
    // Extension values, at any depth below the point and under any prefix.
    switch (name.toLowerCase()) {
      case "hr":
      case "heartrate":
        point.heartRate = parseDecimal(text);
        break;
      case "cad":
      case "cadence":
        point.cadence = parseDecimal(text);
        break;
      case "power":
      case "watts":
        point.power = parseDecimal(text);
        break;
      case "speed":
        point.speed = parseDecimal(text);
        break;
    }
  }

  /** The points to use: the track's, or the route's when the file has no timed track point. */
  samples(): SampleBuilder {
    if (this.track.count > 0) return this.track;
    if (this.route.count > 0) return this.route;
    // Neither has a timed point; pick the one whose untimed points explain the refusal.
    return this.track.offered > 0 || this.route.offered === 0 ? this.track : this.route;
  }

  /** The sport, the file's own word for it, and a warning when the sport had to be assumed. */
  sport(): { sport: Sport; sportLabel: string | null; sportStated: boolean; warnings: string[] } {
    const type = this.samples() === this.track ? this.#trackType : this.#routeType;
    // Without a type the sport is inferred from the samples later (parse-file.ts).
    if (type === null || type.trim() === "") return { sport: "running", sportLabel: null, sportStated: false, warnings: [] };
    const sport = sportFromGpxType(type);
    // Strava's numbers ("9") are codes, not words to show as the activity's title.
    return { sport, sportLabel: /^\s*\d+\s*$/.test(type) ? null : type.trim(), sportStated: true, warnings: [] };
  }

  warnings(): string[] {
    const warnings: string[] = [];
    if (this.#skippedTracks > 0) {
      warnings.push(
        `${countOf(this.#skippedTracks, "more track")} in the file, recorded at another time, ${wasOrWere(this.#skippedTracks)} not read.`,
      );
    }
    if (this.#invalidPositions > 0) {
      warnings.push(`${countOf(this.#invalidPositions, "point")} had no usable latitude/longitude; their position was left empty.`);
    }
    if (this.#unzonedTimes > 0)
      warnings.push(`${countOf(this.#unzonedTimes, "point time")} had no time zone and ${wasOrWere(this.#unzonedTimes)} read as UTC.`);
    return warnings;
  }

  #readType(parent: string, type: string): void {
    if (parent === "trk" && this.#trackType === null && this.#trackMode === "read") this.#trackType = type;
    if (parent === "rte" && this.#routeType === null) this.#routeType = type;
  }

  #finishPoint(point: TrackPoint, name: string): void {
    this.#point = null;
    if (name === "trkpt" && !this.#acceptTrackPoint(point)) return;
    if (!isUsablePosition(point.lat, point.lon)) {
      this.#invalidPositions += 1;
      point.lat = NaN;
      point.lon = NaN;
    }
    (name === "trkpt" ? this.track : this.route).add(point);
  }

  /** Decides, at the first timed point of a later `<trk>`, whether that track is read. */
  #acceptTrackPoint(point: TrackPoint): boolean {
    if (this.#trackMode === "decide" && !Number.isNaN(point.time)) {
      const gap = point.time - this.track.lastTime;
      this.#trackMode = gap >= 0 && gap <= MAX_GAP_BETWEEN_TRACKS_MS ? "read" : "skip";
      if (this.#trackMode === "skip") this.#skippedTracks += 1;
    }
    return this.#trackMode !== "skip";
  }

  #readTime(point: TrackPoint, text: string): void {
    const time = parseIsoTime(text);
    if (time === null) return;
    point.time = time.ms;
    if (!time.zoned) this.#unzonedTimes += 1;
    if (this.localOffsetMinutes === null && time.offsetMinutes !== null) this.localOffsetMinutes = time.offsetMinutes;
  }
}
