import type { ParsedActivity } from "./activity.js";
import type { ActivitySummary } from "./analysis/types.js";

/** Where a headline figure comes from. */
export type FigureSource = "records" | "lengths" | "laps" | "device";

export interface Figure {
  readonly value: number | null;
  readonly source: FigureSource;
}

/**
 * The headline distance and times of an activity, each with its source, and the device's own
 * session totals beside them. Records are the default; the watch's pool lengths, laps or session
 * totals stand in when records cannot know (a pool swim's records carry no distance or time, or
 * miss the first length).
 */
export interface ActivityFigures {
  readonly distanceM: Figure;
  readonly elapsedS: Figure;
  readonly movingS: Figure;
  /** What the device's session says, when it says anything. */
  readonly device: { readonly distanceM: number | null; readonly elapsedS: number | null; readonly timerS: number | null } | null;
  /** From the records, for comparison. */
  readonly records: { readonly distanceM: number | null; readonly elapsedS: number | null; readonly movingS: number | null };
  readonly lengths: { readonly count: number; readonly active: number; readonly poolLengthM: number; readonly distanceM: number } | null;
  /** Plain sentences saying which source a figure comes from when it is not the records. */
  readonly notes: string[];
}

/** Session totals beyond these are not a human-powered activity (a damaged file). */
const PLAUSIBLE = { maxDistanceM: 1_000_000, maxElapsedS: 7 * 86_400, maxPoolLengthM: 100 } as const;

const plausible = (v: number | null | undefined, max: number): v is number =>
  v !== null && v !== undefined && Number.isFinite(v) && v > 0 && v <= max;

/** What `toLocaleString("en-GB")` formats with, made once: building it per call costs ~50 µs. */
const WHOLE_METRES = new Intl.NumberFormat("en-GB");

export function activityFigures(
  activity: ParsedActivity,
  summary: Pick<ActivitySummary, "distanceM" | "elapsedS" | "movingS">,
): ActivityFigures {
  const totals = activity.deviceTotals;
  const device =
    totals && (totals.distanceM !== null || totals.elapsedS !== null || totals.timerS !== null)
      ? {
          distanceM: plausible(totals.distanceM, PLAUSIBLE.maxDistanceM) ? totals.distanceM : null,
          elapsedS: plausible(totals.elapsedS, PLAUSIBLE.maxElapsedS) ? totals.elapsedS : null,
          timerS: plausible(totals.timerS, PLAUSIBLE.maxElapsedS) ? totals.timerS : null,
        }
      : null;
  const records = { distanceM: summary.distanceM, elapsedS: summary.elapsedS, movingS: summary.movingS };
  const lengths = poolLengths(activity);
  const laps = lapTotals(activity);
  const notes: string[] = [];
  const km = (m: number) => `${WHOLE_METRES.format(Math.round(m))} m`;

  let distanceM: Figure = { value: records.distanceM, source: "records" };
  if (lengths && lengths.distanceM > 0) {
    distanceM = { value: lengths.distanceM, source: "lengths" };
    notes.push(
      `Distance from the watch's pool lengths (${lengths.active} × ${lengths.poolLengthM} m)${records.distanceM ? `; the records give ${km(records.distanceM)}` : "; the records carry no distance"}.`,
    );
  } else if (!(records.distanceM !== null && records.distanceM > 0)) {
    if (device?.distanceM) {
      distanceM = { value: device.distanceM, source: "device" };
      notes.push(`Distance from the device's session total (${km(device.distanceM)}); the records carry none.`);
    } else if (laps.distanceM > 0) {
      distanceM = { value: laps.distanceM, source: "laps" };
      notes.push(`Distance from the device's laps (${km(laps.distanceM)}); the records carry none.`);
    }
  }

  let elapsedS: Figure = { value: records.elapsedS, source: "records" };
  if (!(records.elapsedS !== null && records.elapsedS > 0)) {
    if (device?.elapsedS) elapsedS = { value: device.elapsedS, source: "device" };
    else if (laps.elapsedS > 0) elapsedS = { value: laps.elapsedS, source: "laps" };
    if (elapsedS.source !== "records")
      notes.push(`Elapsed time from the device's ${elapsedS.source === "device" ? "session" : "laps"}; the records carry no times.`);
  }
  let movingS: Figure = { value: records.movingS, source: "records" };
  if (lengths && lengths.swimS > 0) {
    movingS = { value: lengths.swimS, source: "lengths" };
  } else if (!(records.movingS !== null && records.movingS > 0) && device?.timerS) {
    movingS = { value: device.timerS, source: "device" };
    notes.push("Moving time from the device's timer; the records cannot give it.");
  }
  return {
    distanceM,
    elapsedS,
    movingS,
    device,
    records,
    lengths: lengths
      ? { count: lengths.count, active: lengths.active, poolLengthM: lengths.poolLengthM, distanceM: lengths.distanceM }
      : null,
    notes,
  };
}

function poolLengths(activity: ParsedActivity) {
  const list = activity.lengths;
  const poolLengthM = activity.deviceTotals?.poolLengthM;
  if (!list || list.length === 0 || !plausible(poolLengthM, PLAUSIBLE.maxPoolLengthM)) return null;
  let active = 0;
  let swimS = 0;
  for (const length of list) {
    if (!length.active) continue;
    active += 1;
    const s = length.timerS ?? length.elapsedS ?? 0;
    if (Number.isFinite(s) && s > 0 && s < 3600) swimS += s;
  }
  return { count: list.length, active, poolLengthM, distanceM: active * poolLengthM, swimS };
}

function lapTotals(activity: ParsedActivity): { distanceM: number; elapsedS: number } {
  let distanceM = 0;
  let elapsedS = 0;
  for (const lap of activity.laps) {
    if (plausible(lap.distanceM, PLAUSIBLE.maxDistanceM)) distanceM += lap.distanceM;
    if (plausible(lap.elapsedS, PLAUSIBLE.maxElapsedS)) elapsedS += lap.elapsedS;
  }
  return { distanceM: distanceM <= PLAUSIBLE.maxDistanceM ? distanceM : 0, elapsedS: elapsedS <= PLAUSIBLE.maxElapsedS ? elapsedS : 0 };
}
