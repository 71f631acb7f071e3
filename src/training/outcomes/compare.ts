import type { ChartStream } from "../analysis/types.js";
import { cadenceAtPace, paceAtHeartRate, runMedianHeartRate, runMedianPace, type RunEstimate } from "./run-fits.js";
import { median } from "../../shared/quantiles.js";
import { mean } from "./stats.js";
import { DEFAULT_WINDOW_DAYS, MIN_RUNS_PER_SIDE } from "./thresholds.js";

const DAY_MS = 86_400_000;

/** Per-run running dynamics as stored with the activity summary (time-weighted means). */
export interface OutcomeDynamics {
  readonly stanceTimeMs: number | null;
  readonly verticalOscillationMm: number | null;
  readonly verticalRatioPct: number | null;
  readonly stepLengthMm: number | null;
  readonly stanceTimeBalanceLeftPct: number | null;
}

export interface OutcomeRun {
  /** UTC ms. */
  readonly startTime: number;
  readonly stream: ChartStream;
  readonly dynamics?: OutcomeDynamics;
}

export interface CompareOptions {
  /** Days on each side of the treatment (default DEFAULT_WINDOW_DAYS; non-positive values fall back to it). */
  readonly windowDays?: number;
  /** The client's usual easy pace, s/km; default: the median of the before runs' median moving paces. */
  readonly easyPaceSPerKm?: number;
}

export interface OutcomeMetric {
  /** Median across the before runs (means for running dynamics); null unless `enough`. */
  readonly before: number | null;
  readonly after: number | null;
  /** after − before; null unless `enough`. */
  readonly change: number | null;
  readonly unit: string;
  /** Runs that contributed a figure on each side (shown even when there are too few). */
  readonly runsBefore: number;
  readonly runsAfter: number;
  readonly enough: boolean;
  /** What is missing when not `enough`, in a sentence. */
  readonly missing?: string;
  readonly caveat: string;
}

export type DynamicsKey = keyof OutcomeDynamics;

export interface OutcomeComparison {
  readonly at: number;
  readonly windowDays: number;
  /** Half-open UTC ms ranges: before = [at − window, at), after = [at, at + window). */
  readonly beforeRange: { readonly from: number; readonly to: number };
  readonly afterRange: { readonly from: number; readonly to: number };
  /** Runs in each window (whatever data they carry). */
  readonly runsInBefore: number;
  readonly runsInAfter: number;
  /** The pace cadence is compared at, s/km, and where it came from; null when unknown. */
  readonly matchedPaceSPerKm: number | null;
  readonly matchedPaceSource: "given" | "before_runs" | null;
  /** The heart rate pace is compared at (median of the before runs), bpm; null when unknown. */
  readonly matchedHeartRate: number | null;
  readonly cadenceAtMatchedPace: OutcomeMetric;
  readonly paceAtMatchedHeartRate: OutcomeMetric;
  readonly dynamics: Record<DynamicsKey, OutcomeMetric>;
}

const CAUSES = "training adaptation, fatigue, terrain, weather and shoes can all cause the same change";

export const CAVEATS = {
  cadence: `Cadence at the same pace, before vs after. A difference does not show that the treatment caused it: ${CAUSES}.`,
  pace: `Pace at the same heart rate, before vs after (lower is faster). A difference does not show that the treatment caused it: ${CAUSES}; heat, sleep and illness also move heart rate.`,
  dynamics: `Average running dynamics of the runs, not matched for pace, so a faster or slower mix of runs moves them too. A difference does not show that the treatment caused it: ${CAUSES}.`,
} as const;

const DYNAMICS_UNITS: Record<DynamicsKey, string> = {
  stanceTimeMs: "ms",
  verticalOscillationMm: "mm",
  verticalRatioPct: "%",
  stepLengthMm: "mm",
  stanceTimeBalanceLeftPct: "% left",
};

/**
 * Compares a runner's runs in the window before a treatment with those after it: cadence at a
 * matched pace, pace at a matched heart rate, and running dynamics averages. Each run is reduced
 * to one figure (see run-fits.ts) and each side is the median of its runs' figures, so one odd run
 * does not decide. A figure is shown only with MIN_RUNS_PER_SIDE runs on both sides.
 */
export function compareAroundDate(runs: readonly OutcomeRun[], at: number, options: CompareOptions = {}): OutcomeComparison {
  // A missing, zero, negative or non-finite window falls back to the default rather than comparing nothing.
  const asked = options.windowDays;
  const windowDays = asked !== undefined && Number.isFinite(asked) && asked > 0 ? asked : DEFAULT_WINDOW_DAYS;
  const windowMs = windowDays * DAY_MS;
  const beforeRange = { from: at - windowMs, to: at };
  const afterRange = { from: at, to: at + windowMs };
  const inRange = (r: { from: number; to: number }) => (run: OutcomeRun) => run.startTime >= r.from && run.startTime < r.to;
  const before = runs.filter(inRange(beforeRange));
  const after = runs.filter(inRange(afterRange));

  const { pace: matchedPaceSPerKm, source: matchedPaceSource } = matchedPace(before, options.easyPaceSPerKm);
  const beforeHeartRates = present(before.map((run) => runMedianHeartRate(run.stream)));
  const matchedHeartRate = median(beforeHeartRates) ?? null;

  const cadenceAtMatchedPace =
    matchedPaceSPerKm === null
      ? notEnough(
          "spm",
          0,
          present(after.map((run) => runMedianPace(run.stream))).length,
          "needs runs with pace before the treatment to find the usual easy pace",
          CAVEATS.cadence,
        )
      : compareSides(
          before.map((run) => estimateValue(cadenceAtPace(run.stream, matchedPaceSPerKm))),
          after.map((run) => estimateValue(cadenceAtPace(run.stream, matchedPaceSPerKm))),
          median,
          { unit: "spm", what: "with usable cadence", caveat: CAVEATS.cadence },
        );

  const paceAtMatchedHeartRate =
    matchedHeartRate === null
      ? notEnough(
          "s/km",
          0,
          present(after.map((run) => runMedianHeartRate(run.stream))).length,
          `needs at least ${MIN_RUNS_PER_SIDE} runs with heart rate on each side`,
          CAVEATS.pace,
        )
      : compareSides(
          before.map((run) => estimateValue(paceAtHeartRate(run.stream, matchedHeartRate))),
          after.map((run) => estimateValue(paceAtHeartRate(run.stream, matchedHeartRate))),
          median,
          { unit: "s/km", what: "with usable heart rate", caveat: CAVEATS.pace },
        );

  const dynamicsMetric = (key: DynamicsKey): OutcomeMetric =>
    compareSides(
      before.map((run) => run.dynamics?.[key] ?? null),
      after.map((run) => run.dynamics?.[key] ?? null),
      mean,
      { unit: DYNAMICS_UNITS[key], what: "with running dynamics", caveat: CAVEATS.dynamics },
    );
  const dynamics = {
    stanceTimeMs: dynamicsMetric("stanceTimeMs"),
    verticalOscillationMm: dynamicsMetric("verticalOscillationMm"),
    verticalRatioPct: dynamicsMetric("verticalRatioPct"),
    stepLengthMm: dynamicsMetric("stepLengthMm"),
    stanceTimeBalanceLeftPct: dynamicsMetric("stanceTimeBalanceLeftPct"),
  } satisfies Record<DynamicsKey, OutcomeMetric>;

  return {
    at,
    windowDays,
    beforeRange,
    afterRange,
    runsInBefore: before.length,
    runsInAfter: after.length,
    matchedPaceSPerKm,
    matchedPaceSource,
    matchedHeartRate,
    cadenceAtMatchedPace,
    paceAtMatchedHeartRate,
    dynamics,
  };
}

function matchedPace(
  before: readonly OutcomeRun[],
  given: number | undefined,
): { pace: number | null; source: OutcomeComparison["matchedPaceSource"] } {
  if (given !== undefined && Number.isFinite(given) && given > 0) return { pace: given, source: "given" };
  // Each run counts once, whatever its length, so one long run does not set the easy pace.
  const paces = present(before.map((run) => runMedianPace(run.stream)));
  return paces.length === 0 ? { pace: null, source: null } : { pace: median(paces)!, source: "before_runs" };
}

const estimateValue = (estimate: RunEstimate | null): number | null => estimate?.value ?? null;

const present = (values: readonly (number | null | undefined)[]): number[] =>
  values.filter((v): v is number => v !== null && v !== undefined && Number.isFinite(v));

function compareSides(
  beforeValues: readonly (number | null)[],
  afterValues: readonly (number | null)[],
  summarise: (values: readonly number[]) => number | undefined,
  labels: { unit: string; what: string; caveat: string },
): OutcomeMetric {
  const b = present(beforeValues);
  const a = present(afterValues);
  if (b.length < MIN_RUNS_PER_SIDE || a.length < MIN_RUNS_PER_SIDE) {
    const missing = `needs at least ${MIN_RUNS_PER_SIDE} runs ${labels.what} on each side (before: ${b.length}, after: ${a.length})`;
    return notEnough(labels.unit, b.length, a.length, missing, labels.caveat);
  }
  const beforeValue = summarise(b)!;
  const afterValue = summarise(a)!;
  return {
    before: beforeValue,
    after: afterValue,
    change: afterValue - beforeValue,
    unit: labels.unit,
    runsBefore: b.length,
    runsAfter: a.length,
    enough: true,
    caveat: labels.caveat,
  };
}

function notEnough(unit: string, runsBefore: number, runsAfter: number, missing: string, caveat: string): OutcomeMetric {
  return { before: null, after: null, change: null, unit, runsBefore, runsAfter, enough: false, missing, caveat };
}
