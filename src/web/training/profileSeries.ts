import { formatPace } from "./format";
import { BANDED_KINDS } from "./labelColours";
import type { ActivityLabel, ChartStream, LabelKind } from "./types";
import { median, quantileOfSorted } from "../../shared/quantiles";

/** Pure preparation of an activity's stream for the profile charts: x axis, bands, y series. */

/** A label's stretch of the run, in the charts' x units (km, or minutes without distance). */
export interface Band {
  kind: LabelKind;
  from: number;
  to: number;
}

export interface ProfileAxis {
  unit: "km" | "min";
  xs: number[];
  /** For each x, its index in the stream. */
  at: number[];
  bands: Band[];
}

export interface ProfileSeries {
  /** Short, for the readout: "Pace". */
  name: string;
  /** Above the chart: "Pace (25-second average)". */
  title: string;
  /** One value per x (already picked through `at` and smoothed). */
  values: (number | null)[];
  colour: string;
  fill?: string;
  /** The pace axis runs slow (bottom) to fast (top). */
  invert?: boolean;
  range: [number, number];
  /** Tick steps for the y axis, when the default decimal steps would read badly (pace in min:ss). */
  incrs?: number[];
  format: (value: number) => string;
  /** Unit shown after a value in the readout. */
  unit: string;
  axisLabel: string;
  bands: Band[];
  height: number;
  /** What the chart shows, for screen readers. */
  summary: string;
}

function present(values: readonly (number | null)[]): number[] {
  return values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
}

/** A y range that ignores the few wildest points (a GPS jump, a stop), with a floor on its span. */
export function robustRange(values: readonly number[], minSpan: number, lowQ = 0.02, highQ = 0.98): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  let lo = quantileOfSorted(sorted, lowQ) ?? Number.NaN;
  let hi = quantileOfSorted(sorted, highQ) ?? Number.NaN;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, minSpan];
  const pad = Math.max((hi - lo) * 0.08, 1);
  lo -= pad;
  hi += pad;
  if (hi - lo < minSpan) {
    const mid = (hi + lo) / 2;
    lo = mid - minSpan / 2;
    hi = mid + minSpan / 2;
  }
  return [Math.floor(lo), Math.ceil(hi)];
}

/**
 * A centred moving mean over `radius` points each side; gaps (null) stay gaps, so a stop still
 * shows. With `harmonic`, the mean of paces is taken over speeds (1/pace), as a watch would.
 */
export function smooth(values: readonly (number | null)[], radius: number, harmonic = false): (number | null)[] {
  return values.map((value, i) => {
    if (value === null) return null;
    let sum = 0;
    let n = 0;
    for (let k = Math.max(0, i - radius); k <= Math.min(values.length - 1, i + radius); k++) {
      const v = values[k];
      if (typeof v !== "number" || !Number.isFinite(v) || (harmonic && v <= 0)) continue;
      sum += harmonic ? 1 / v : v;
      n++;
    }
    if (n === 0) return value;
    return harmonic ? n / sum : sum / n;
  });
}

/** x values over distance when the stream has it, else over time; label stretches as bands. */
export function buildProfileAxis(stream: ChartStream, labels: readonly ActivityLabel[]): ProfileAxis {
  const byDistance = stream.distanceM.some((d) => d !== null && d > 0);
  const xs: number[] = [];
  const at: number[] = [];
  stream.tS.forEach((t, i) => {
    const x = byDistance ? stream.distanceM[i] : t;
    if (x === null || x === undefined) return;
    xs.push(byDistance ? x / 1000 : x / 60);
    at.push(i);
  });
  const bands = labels
    .filter((label) => BANDED_KINDS.has(label.kind))
    .flatMap((label) =>
      label.details.segments.map((segment) =>
        byDistance
          ? { kind: label.kind, from: segment.startDistanceM / 1000, to: segment.endDistanceM / 1000 }
          : { kind: label.kind, from: segment.startS / 60, to: segment.endS / 60 },
      ),
    );
  return { unit: byDistance ? "km" : "min", xs, at, bands };
}

const whole = (v: number): string => String(Math.round(v));

/** Pace ticks in whole seconds that read well as min:ss. */
const PACE_INCRS = [5, 10, 15, 20, 30, 60, 120, 180, 300, 600];
/** Points each side of the mean for pace and cadence (the stream has one point per 5 s or more). */
const SMOOTH_RADIUS = 2;

/** The charts an activity has data for: elevation, pace, cadence, heart rate. */
export function buildProfileSeries(stream: ChartStream, axis: ProfileAxis): ProfileSeries[] {
  const pick = (column: readonly (number | null)[]): (number | null)[] => axis.at.map((i) => column[i] ?? null);
  const over = axis.unit === "km" ? "over distance" : "over time";
  const windowS = (SMOOTH_RADIUS * 2 + 1) * stream.everyS;
  const averaged = `${windowS < 120 ? `${windowS}-second` : `${Math.round(windowS / 60)}-minute`} average`;
  const series: ProfileSeries[] = [];

  const altitude = pick(stream.altitudeM);
  const altitudes = present(altitude);
  if (altitudes.length > 1) {
    series.push({
      name: "Elevation",
      title: "Elevation",
      values: altitude,
      colour: "#5b4a32",
      fill: "rgba(120, 98, 66, 0.14)",
      range: robustRange(altitudes, 30, 0, 1),
      format: whole,
      unit: "m",
      axisLabel: "m",
      bands: axis.bands,
      height: 180,
      summary: `Elevation ${over}, from ${Math.round(Math.min(...altitudes))} m to ${Math.round(Math.max(...altitudes))} m, with labelled stretches shaded.`,
    });
  }

  const pace = smooth(pick(stream.paceSPerKm), SMOOTH_RADIUS, true);
  const paces = present(pace);
  if (paces.length > 1) {
    series.push({
      name: "Pace",
      title: `Pace (${averaged})`,
      values: pace,
      colour: "#1d6b64",
      invert: true,
      range: robustRange(paces, 60, 0.01, 0.96),
      incrs: PACE_INCRS,
      format: (v) => formatPace(v),
      unit: "/km",
      axisLabel: "min/km, faster up",
      bands: axis.bands,
      height: 190,
      summary: `Pace ${over}, faster higher up; median ${formatPace(median(paces))} per km, with labelled stretches shaded.`,
    });
  }

  const cadence = smooth(pick(stream.cadenceSpm), SMOOTH_RADIUS);
  const cadences = present(cadence).sort((a, b) => a - b);
  if (cadences.length > 1) {
    series.push({
      name: "Cadence",
      title: `Cadence (${averaged})`,
      values: cadence,
      colour: "#6b3fa0",
      range: robustRange(cadences, 20),
      format: whole,
      unit: "spm",
      axisLabel: "spm",
      bands: [],
      height: 150,
      summary: `Cadence ${over} in steps per minute, mostly between ${Math.round(quantileOfSorted(cadences, 0.1)!)} and ${Math.round(quantileOfSorted(cadences, 0.9)!)}.`,
    });
  }

  const heartRate = pick(stream.heartRate);
  const heartRates = present(heartRate);
  if (heartRates.length > 1) {
    series.push({
      name: "Heart rate",
      title: "Heart rate",
      values: heartRate,
      colour: "#a8261d",
      range: robustRange(heartRates, 20),
      format: whole,
      unit: "bpm",
      axisLabel: "bpm",
      bands: [],
      height: 150,
      summary: `Heart rate ${over} in beats per minute, up to ${Math.round(Math.max(...heartRates))}.`,
    });
  }
  return series;
}
