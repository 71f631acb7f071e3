import type { ActivitySamples } from "../activity.js";
import { cumulativeDistance, speedFromDistance } from "./geo.js";
import { countOf, wasOrWere } from "./plural.js";

/** One track point as read from a GPX or TCX file; NaN for anything the point lacks. */
export interface TrackPoint {
  /** Unix ms. */
  time: number;
  lat: number;
  lon: number;
  altitude: number;
  /** Cumulative metres, when the file carries them (TCX). */
  distance: number;
  /** m/s, when the file carries it. */
  speed: number;
  heartRate: number;
  /** As the file gives it; see {@link SampleBuilder.build} for doubling. */
  cadence: number;
  power: number;
}

export function emptyTrackPoint(): TrackPoint {
  return { time: NaN, lat: NaN, lon: NaN, altitude: NaN, distance: NaN, speed: NaN, heartRate: NaN, cadence: NaN, power: NaN };
}

type PointField = Exclude<keyof TrackPoint, "time">;
const POINT_FIELDS: readonly PointField[] = ["lat", "lon", "altitude", "distance", "speed", "heartRate", "cadence", "power"];

/** A Float64Array that grows by doubling and remembers whether it ever held a value. */
class GrowableColumn {
  #values = new Float64Array(1024);
  #hasValue = false;

  set(index: number, value: number): void {
    if (index >= this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[index] = value;
    if (!Number.isNaN(value)) this.#hasValue = true;
  }

  get hasValue(): boolean {
    return this.#hasValue;
  }

  /** A copy of the first `count` values, or null when none of them was ever a value. */
  finish(count: number): Float64Array | null {
    return this.#hasValue ? this.#values.slice(0, count) : null;
  }
}

export interface BuildOptions {
  /** Multiplies cadence: 2 turns the one-foot cadence of a foot sport into steps per minute. */
  readonly cadenceFactor: number;
}

/**
 * Collects track points into {@link ActivitySamples} columns. Points without a time, and points
 * whose time goes back before the last kept one, are dropped and counted rather than stored, so
 * the time column is non-decreasing.
 */
export class SampleBuilder {
  readonly #time = new GrowableColumn();
  readonly #columns: Record<PointField, GrowableColumn> = {
    lat: new GrowableColumn(),
    lon: new GrowableColumn(),
    altitude: new GrowableColumn(),
    distance: new GrowableColumn(),
    speed: new GrowableColumn(),
    heartRate: new GrowableColumn(),
    cadence: new GrowableColumn(),
    power: new GrowableColumn(),
  };
  #count = 0;
  #lastTime = -Infinity;
  droppedWithoutTime = 0;
  droppedBackwards = 0;

  get count(): number {
    return this.#count;
  }

  /** Time of the last kept point, or -Infinity before the first. */
  get lastTime(): number {
    return this.#lastTime;
  }

  /** Every point offered, kept or dropped. */
  get offered(): number {
    return this.#count + this.droppedWithoutTime + this.droppedBackwards;
  }

  /** Stores a copy of `point`, or counts it as dropped. Returns whether it was kept. */
  add(point: Readonly<TrackPoint>): boolean {
    if (Number.isNaN(point.time)) {
      this.droppedWithoutTime += 1;
      return false;
    }
    if (point.time < this.#lastTime) {
      this.droppedBackwards += 1;
      return false;
    }
    this.#lastTime = point.time;
    this.#time.set(this.#count, point.time);
    for (const field of POINT_FIELDS) this.#columns[field].set(this.#count, point[field]);
    this.#count += 1;
    return true;
  }

  /**
   * The finished columns. Distance is the file's own when it has any, else the haversine distance
   * along the positions; speed likewise is the file's own, else derived from that distance.
   */
  build(options: BuildOptions): ActivitySamples {
    const count = this.#count;
    const time = this.#time.finish(count) ?? new Float64Array(0);
    const column = (field: PointField): Float64Array | null => this.#columns[field].finish(count);
    const lat = column("lat");
    const lon = column("lon");
    const hasPositions = lat !== null && lon !== null;
    const distance = column("distance") ?? (hasPositions ? cumulativeDistance(lat, lon) : null);
    const speed = column("speed") ?? (distance ? speedFromDistance(distance, time) : null);
    const cadence = column("cadence");
    if (cadence && options.cadenceFactor !== 1) for (let i = 0; i < count; i++) cadence[i] = (cadence[i] ?? NaN) * options.cadenceFactor;
    return {
      count,
      time,
      lat: hasPositions ? lat : null,
      lon: hasPositions ? lon : null,
      distance,
      speed,
      altitude: column("altitude"),
      heartRate: column("heartRate"),
      cadenceSpm: cadence,
      power: column("power"),
      stanceTimeMs: null,
      stanceTimeBalancePct: null,
      verticalOscillationMm: null,
      verticalRatioPct: null,
      stepLengthMm: null,
    };
  }

  /** One warning line per kind of dropped point, e.g. "3 track points without a time were dropped." */
  dropWarnings(): string[] {
    const warnings: string[] = [];
    if (this.droppedWithoutTime > 0) {
      warnings.push(`${countOf(this.droppedWithoutTime, "track point")} without a time ${wasOrWere(this.droppedWithoutTime)} dropped.`);
    }
    if (this.droppedBackwards > 0) {
      warnings.push(
        `${countOf(this.droppedBackwards, "track point")} whose time went back before the previous point ${wasOrWere(this.droppedBackwards)} dropped.`,
      );
    }
    return warnings;
  }
}
