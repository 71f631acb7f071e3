/**
 * An experiment's results from its clients' records: pure, no I/O. results.ts loads sessions,
 * session measures and check-in answers; outcomes.ts turns each client's record into phases and
 * an outcome; this file runs the statistics and words every number for someone without
 * statistics training.
 */
import {
  amountWords,
  groupPhases,
  outcomeChange,
  phaseSeries,
  type ClientRecord,
  type OutcomeChange,
  type OutcomeScale,
  type RunningChange,
  type SeriesPoint,
} from "./outcomes.js";
import type { Arm, Design, ExperimentPlan } from "./schema.js";
import {
  analyseSingleCase,
  bootstrapMedianInterval,
  median,
  newcombeDifference,
  probabilityGreater,
  wilsonInterval,
  type SingleCaseResult,
} from "./stats/index.js";
import { formatNumber, signed } from "./wording.js";

/** Fewest clients with an outcome before a proportion or median is shown. */
export const MIN_CLIENTS = 3;
/**
 * Fewest clients before the median change gets a bootstrap interval: below this the percentile
 * bootstrap covers the median far less often than it claims (about 75% at 3 clients).
 */
export const MIN_CLIENTS_FOR_INTERVAL = 8;
/** Fewest points in each phase before single-case statistics are shown. */
export const MIN_POINTS_PER_PHASE = 3;
const EPSILON = 1e-9;

export interface ClientResult {
  clientId: string;
  clientName: string;
  arm: Arm;
  retrospective: boolean;
  series: SeriesPoint[];
  singleCase: SingleCaseResult;
  /** Plain sentences for the single-case numbers; null when they are withheld. */
  singleCaseMeanings: SingleCaseMeanings | null;
  primary: OutcomeChange;
  secondary: { label: string; change: OutcomeChange | RunningChangeView }[];
}

export interface RunningChangeView {
  ok: boolean;
  missing: string | null;
  change: number | null;
  unit: string;
  runsBefore: number;
  runsAfter: number;
  meaning: string | null;
}

export type Interval = { estimate: number; lower: number; upper: number };

export type CaseSeriesResult =
  | { ok: false; missing: string; n: number }
  | {
      ok: true;
      n: number;
      responders: number;
      responderRate: Interval;
      responderMeaning: string;
      medianChange: {
        median: number;
        /** Smallest and largest change among the clients. */
        min: number;
        max: number;
        /** Seeded percentile bootstrap 95% interval; null below MIN_CLIENTS_FOR_INTERVAL clients. */
        interval: { lower: number; upper: number; iterations: number; seed: string } | null;
      };
      medianMeaning: string;
    };

export type ComparisonResult =
  | { ok: false; missing: string }
  | {
      ok: true;
      intervention: { n: number; responders: number };
      comparator: { n: number; responders: number };
      difference: { difference: number; lower: number; upper: number };
      differenceMeaning: string;
      probabilityInterventionBetter: number;
      probabilityMeaning: string;
    };

export interface SecondarySummary {
  label: string;
  /** The group in two-protocol designs; null for single-group designs. */
  arm: Arm | null;
  n: number;
  median: number | null;
  unit: string;
  meaning: string;
}

export interface ExperimentResults {
  design: Design;
  primaryOutcome: string;
  enrolled: number;
  analysed: number;
  withdrawn: number;
  clients: ClientResult[];
  /** For two-protocol designs: the intervention arm only. */
  caseSeries: CaseSeriesResult;
  comparison: ComparisonResult | null;
  secondary: SecondarySummary[];
  caveats: string[];
}

export interface AnalysisInput {
  plan: ExperimentPlan;
  primary: OutcomeScale;
  /** Scales for secondary measure outcomes, by measure code. */
  secondaryScales: Record<string, OutcomeScale>;
  clients: ClientRecord[];
  withdrawn: number;
  seed: string;
  amendments: number;
}

/** The whole experiment's results. */
export function analyseExperiment(input: AnalysisInput): ExperimentResults {
  const { plan } = input;
  const primaryCode = plan.primaryOutcome.measureCode;
  const primaryMcid = plan.primaryOutcome.mcid ?? input.primary.mcid;
  // A threshold set in the plan replaces the measure's own, percent criterion included.
  const primaryScale: OutcomeScale =
    plan.primaryOutcome.mcid === null ? input.primary : { ...input.primary, mcid: plan.primaryOutcome.mcid, mcidPercent: null };
  const clients = input.clients.map((client): ClientResult => {
    const series = phaseSeries(client, plan, client.observations[primaryCode] ?? []);
    const singleCase = analyseSingleCase(groupPhases(series), {
      direction: input.primary.higherIsBetter ? "increase" : "decrease",
      minPointsPerPhase: MIN_POINTS_PER_PHASE,
      ...(primaryMcid === null ? {} : { mcid: primaryMcid }),
    });
    const meanings = singleCaseMeanings(singleCase, input.primary);
    const secondary = plan.secondaryOutcomes.map((outcome) => {
      if (outcome.kind === "running") {
        const label = runningLabel(outcome.metric);
        return { label, change: runningView(client.running[outcome.metric], label) };
      }
      const scale = input.secondaryScales[outcome.measureCode];
      const label = `${scale?.name ?? outcome.measureCode} at day ${outcome.days}`;
      if (!scale) return { label, change: { ok: false as const, missing: `${outcome.measureCode} is not in the measures library` } };
      return {
        label,
        change: outcomeChange(
          client,
          plan,
          client.observations[outcome.measureCode] ?? [],
          outcome.days,
          outcome.mcid === null ? scale : { ...scale, mcid: outcome.mcid, mcidPercent: null },
        ),
      };
    });
    return {
      clientId: client.clientId,
      clientName: client.clientName,
      arm: client.arm,
      retrospective: client.retrospective,
      series,
      singleCase,
      singleCaseMeanings: meanings,
      primary: outcomeChange(client, plan, client.observations[primaryCode] ?? [], plan.primaryOutcome.days, primaryScale),
      secondary,
    };
  });

  const intervention = clients.filter((c) => c.arm === "intervention");
  const comparator = clients.filter((c) => c.arm === "comparator");
  const primaryLabel = `${input.primary.name} at day ${plan.primaryOutcome.days}`;
  return {
    design: plan.design,
    primaryOutcome: primaryLabel,
    enrolled: input.clients.length + input.withdrawn,
    analysed: clients.filter((c) => c.primary.ok).length,
    withdrawn: input.withdrawn,
    clients,
    caseSeries: caseSeries(intervention, primaryScale, input.seed, primaryLabel),
    comparison: plan.design === "two-protocols" ? compareArms(intervention, comparator, primaryScale, primaryLabel) : null,
    secondary: secondarySummaries(plan, clients),
    caveats: caveats(input, clients),
  };
}

/** One plain sentence per single-case number, for someone without statistics training. */
export interface SingleCaseMeanings {
  levelChange: string;
  nap: string;
  tauU: string;
  tauUTrendCorrected: string;
  pnd: string;
}

function singleCaseMeanings(result: SingleCaseResult, scale: OutcomeScale): SingleCaseMeanings | null {
  if (!result.ok) return null;
  const better = scale.higherIsBetter ? "higher" : "lower";
  const level = result.levelChange;
  const levelBetter = scale.higherIsBetter ? level > 0 : level < 0;
  const pct = Math.round(result.nap.nap * 100);
  const pnd = Math.round(result.pnd.pnd);
  return {
    levelChange:
      level === 0
        ? "The treatment-phase average equals the baseline average."
        : `The treatment-phase average was ${formatNumber(Math.abs(level))} points ${level > 0 ? "higher" : "lower"} than the baseline average (${levelBetter ? "better" : "worse"}).`,
    nap: `In ${pct}% of comparisons between a baseline point and a treatment point (ties counting half), the treatment point was ${better} (better). 50% would mean no difference; 100% means every treatment point beat every baseline point.`,
    tauU: `Improving pairs minus worsening pairs, as a share of all pairs: 0 means no change, 1 means every treatment point was ${better} than every baseline point. Its p-value uses the tie-corrected (tau-b) variance, as the R package scan does, because on short scales many scores are equal.`,
    tauUTrendCorrected:
      "The same after subtracting the improvement already under way during the baseline; this only partly allows for a client who was getting better anyway, and can exceed 1.",
    pnd: `${pnd}% of the treatment points were ${better} than the best baseline point.`,
  };
}

function caseSeries(clients: readonly ClientResult[], scale: OutcomeScale, seed: string, label: string): CaseSeriesResult {
  const withOutcome = clients.flatMap((c) => (c.primary.ok ? [c.primary] : []));
  const n = withOutcome.length;
  if (n < MIN_CLIENTS) {
    return { ok: false, n, missing: `needs ${label.toLowerCase()} from at least ${MIN_CLIENTS} clients (has ${n})` };
  }
  if (scale.mcid === null && (scale.mcidPercent ?? null) === null)
    return { ok: false, n, missing: `${scale.name} has no threshold for an important change, so responders cannot be counted` };
  const responders = withOutcome.filter((o) => o.responder === true).length;
  const rate = wilsonInterval(responders, n);
  const changes = withOutcome.map((o) => o.change);
  const typical = median(changes)!;
  const min = Math.min(...changes);
  const max = Math.max(...changes);
  const direction = scale.higherIsBetter ? "higher is better" : "lower is better";
  const few = n < 20 ? ` With only ${n} clients the range is wide.` : "";
  let interval: { lower: number; upper: number; iterations: number; seed: string } | null = null;
  let medianMeaning: string;
  if (n >= MIN_CLIENTS_FOR_INTERVAL) {
    const boot = bootstrapMedianInterval(changes, { seed, iterations: 10_000, level: 0.95 });
    interval = { lower: boot.lower, upper: boot.upper, iterations: boot.iterations, seed };
    medianMeaning = `The typical (median) client's ${scale.name.toLowerCase()} changed by ${signed(typical)} points (${direction}); resampling these clients gives a 95% interval of ${signed(boot.lower)} to ${signed(boot.upper)}.`;
  } else {
    medianMeaning = `The typical (median) client's ${scale.name.toLowerCase()} changed by ${signed(typical)} points (${direction}); changes ranged from ${signed(min)} to ${signed(max)}. An interval for the median needs at least ${MIN_CLIENTS_FOR_INTERVAL} clients: with fewer, it would claim more certainty than it has.`;
  }
  return {
    ok: true,
    n,
    responders,
    responderRate: rate,
    responderMeaning: `${responders} of ${n} clients improved by at least ${amountWords(scale)}. Allowing for chance alone (95% interval), the share among similar clients is likely between ${percent(rate.lower)} and ${percent(rate.upper)}.${few}`,
    medianChange: { median: typical, min, max, interval },
    medianMeaning,
  };
}

function compareArms(
  intervention: readonly ClientResult[],
  comparator: readonly ClientResult[],
  scale: OutcomeScale,
  label: string,
): ComparisonResult {
  const count = (group: readonly ClientResult[]) => {
    const done = group.flatMap((c) => (c.primary.ok ? [c.primary] : []));
    return { n: done.length, responders: done.filter((o) => o.responder === true).length };
  };
  const a = count(intervention);
  const b = count(comparator);
  if (scale.mcid === null && (scale.mcidPercent ?? null) === null) {
    return { ok: false, missing: "the primary outcome has no threshold for an important change" };
  }
  if (a.n < MIN_CLIENTS || b.n < MIN_CLIENTS) {
    return {
      ok: false,
      missing: `needs ${label.toLowerCase()} from at least ${MIN_CLIENTS} clients in each group (intervention ${a.n}, comparator ${b.n})`,
    };
  }
  const diff = newcombeDifference(a.responders, a.n, b.responders, b.n);
  const probability = probabilityGreater(b.responders, b.n, a.responders, a.n);
  return {
    ok: true,
    intervention: a,
    comparator: b,
    difference: diff,
    differenceMeaning: `${differenceSentence(diff.difference)} The data are consistent with a difference anywhere from ${percentagePoints(diff.lower)} to ${percentagePoints(diff.upper)} (positive favours the intervention).`,
    probabilityInterventionBetter: probability,
    probabilityMeaning: `Starting from no preference, these results make it ${percent(probability)} likely that the intervention has the higher responder rate in clients like these.`,
  };
}

function secondarySummaries(plan: ExperimentPlan, clients: readonly ClientResult[]): SecondarySummary[] {
  const groups: { arm: Arm | null; clients: readonly ClientResult[] }[] =
    plan.design === "two-protocols"
      ? [
          { arm: "intervention", clients: clients.filter((c) => c.arm === "intervention") },
          { arm: "comparator", clients: clients.filter((c) => c.arm === "comparator") },
        ]
      : [{ arm: null, clients }];
  return plan.secondaryOutcomes.flatMap((outcome, index) =>
    groups.map(({ arm, clients: group }): SecondarySummary => {
      const changes: { change: number; unit: string }[] = [];
      const missing: string[] = [];
      for (const client of group) {
        const entry = client.secondary[index]?.change;
        if (entry?.ok && entry.change !== null) changes.push({ change: entry.change, unit: "unit" in entry ? entry.unit : "points" });
        else if (entry && !entry.ok && entry.missing) missing.push(entry.missing);
      }
      const label = group[0]?.secondary[index]?.label ?? (outcome.kind === "running" ? runningLabel(outcome.metric) : outcome.measureCode);
      const unit = changes[0]?.unit ?? (outcome.kind === "running" ? "" : "points");
      const who = arm === null ? "" : arm === "intervention" ? " with the intervention" : " with the comparator";
      if (changes.length < MIN_CLIENTS) {
        const reason = missing[0] ? ` For example: ${missing[0]}.` : "";
        return {
          label,
          arm,
          n: changes.length,
          median: null,
          unit,
          meaning: `Needs values from at least ${MIN_CLIENTS} clients${who} (has ${changes.length}).${reason}`,
        };
      }
      const typical = median(changes.map((c) => c.change))!;
      return {
        label,
        arm,
        n: changes.length,
        median: typical,
        unit,
        meaning: `The typical (median) change across ${changes.length} clients${who} was ${signed(typical)} ${unit}.`,
      };
    }),
  );
}

function caveats(input: AnalysisInput, clients: readonly ClientResult[]): string[] {
  const list = [
    "Observational practice data: the therapist chose, gave and recorded the treatment, and clients knew they were treated (unblinded).",
    "Regression to the mean: clients tend to start when they feel worst, so some improvement is expected whatever the treatment.",
    "Training adaptation, rest, other care and the season can change tightness, pain and running in the same weeks.",
  ];
  if (input.plan.design !== "two-protocols") {
    list.push("No comparison group: these results cannot separate the treatment's effect from the natural course.");
  } else if (input.plan.allocation === "therapist") {
    list.push("Groups were chosen by the therapist, so differences between them may reflect who was chosen rather than the protocol.");
  }
  if (clients.some((c) => c.retrospective)) {
    list.push("Some clients' data were recorded before the experiment was registered (retrospective); they are marked.");
  }
  if (input.amendments > 0) list.push(`The plan was amended ${input.amendments} time(s) after registration; see the amendments.`);
  if (input.withdrawn > 0) list.push(`${input.withdrawn} client(s) withdrew and are not analysed.`);
  return list;
}

function runningLabel(metric: string): string {
  return metric === "cadence-at-matched-pace" ? "Cadence at the client's easy pace" : "Pace at matched heart rate";
}

function runningView(change: RunningChange | undefined, label: string): RunningChangeView {
  if (!change)
    return { ok: false, missing: "no runs around the first session", change: null, unit: "", runsBefore: 0, runsAfter: 0, meaning: null };
  return {
    ok: change.enough,
    missing: change.missing,
    change: change.change,
    unit: change.unit,
    runsBefore: change.runsBefore,
    runsAfter: change.runsAfter,
    meaning:
      change.enough && change.change !== null
        ? `${label} changed by ${signed(change.change)} ${change.unit} (${change.runsBefore} runs before, ${change.runsAfter} after).`
        : null,
  };
}

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

function differenceSentence(difference: number): string {
  if (Math.abs(difference) < EPSILON) return "Responders were equally common with the intervention and the comparator.";
  const word = difference > 0 ? "more" : "less";
  return `Responders were ${Math.abs(Math.round(difference * 100))} percentage points ${word} common with the intervention than with the comparator.`;
}

function percentagePoints(value: number): string {
  const points = Math.round(value * 100);
  return `${points < 0 ? "−" : ""}${Math.abs(points)} percentage points`;
}
