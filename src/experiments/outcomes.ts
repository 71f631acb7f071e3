/**
 * How one client's record becomes an outcome: phases from the sessions given, and the change from
 * the baseline at the first session of the client's arm to the value near day N, judged against
 * the measure's threshold. Pure, no I/O.
 */
import { LIBRARY_CATALOGUE, type MeasureCatalogue } from "../shared/measures/index.js";
import type { Arm, ExperimentPlan } from "./schema.js";
import { formatNumber, signed } from "./wording.js";

const DAY_MS = 86_400_000;
const EPSILON = 1e-9;
/** An outcome "at day 14" may come from day 11 to day 17: check-ins are answered late or early. */
export const OUTCOME_WINDOW_DAYS = 3;
/** A baseline older than this before the first session of the arm is not used. */
export const MAX_BASELINE_AGE_DAYS = 14;

export interface OutcomeScale {
  name: string;
  higherIsBetter: boolean;
  mcid: number | null;
  /** A relative criterion (e.g. 30% for pain) that also counts as important when the measure has one. */
  mcidPercent?: number | null;
  /** A rating of change itself (GROC): its value is the change, with no baseline. */
  transition?: boolean;
}

export interface SessionPoint {
  id: string;
  at: number;
  protocolId: string | null;
}

export interface Observation {
  at: number;
  value: number;
  source: "session" | "checkin";
  /** The session a check-in followed; for a session's own pre-treatment value, that session. */
  sessionId: string;
}

export interface RunningChange {
  enough: boolean;
  change: number | null;
  unit: string;
  runsBefore: number;
  runsAfter: number;
  missing: string | null;
}

export interface ClientRecord {
  clientId: string;
  clientName: string;
  arm: Arm;
  retrospective: boolean;
  /** Sessions in the client's data window, in time order. */
  sessions: SessionPoint[];
  /** Observations of each analysed measure code, in the data window. */
  observations: Record<string, Observation[]>;
  /** Running outcomes around the client's first session of their arm, by metric. */
  running: Record<string, RunningChange>;
}

export type Phase = "A" | "B";

export interface SeriesPoint {
  at: string;
  value: number;
  phase: Phase;
  source: "session" | "checkin";
}

export type OutcomeChange =
  | { ok: false; missing: string }
  | {
      ok: true;
      startSessionAt: string;
      baseline: number;
      baselineAt: string;
      outcome: number;
      outcomeAt: string;
      change: number;
      /** Change in the direction of improvement (positive = better). */
      improvement: number;
      responder: boolean | null;
      meaning: string;
    };

/** A measure's name, direction and thresholds, as the analysis needs them. */
export function outcomeScale(code: string, catalogue: MeasureCatalogue = LIBRARY_CATALOGUE): OutcomeScale {
  const measure = catalogue.byCode(code);
  if (!measure || !(measure.kind === "item-scale" || (measure.kind === "questionnaire" && measure.range !== null))) {
    return { name: code, higherIsBetter: false, mcid: null };
  }
  return {
    name: measure.shortName,
    higherIsBetter: measure.higherIsBetter,
    mcid: measure.mcid?.points ?? null,
    mcidPercent: measure.mcid?.percent ?? null,
    transition: measure.kind === "item-scale" && measure.transition === true,
  };
}

/** A session belongs to phase B when it applied the intervention protocol, else to A. */
function sessionPhase(session: SessionPoint | undefined, plan: ExperimentPlan): Phase {
  return session?.protocolId === plan.interventionProtocolId ? "B" : "A";
}

/**
 * Each observation's phase: a check-in takes its session's phase; a session's own pre-treatment
 * value shows the effect of the session before it (A before any session in the window).
 */
export function phaseSeries(client: ClientRecord, plan: ExperimentPlan, observations: readonly Observation[]): SeriesPoint[] {
  const byId = new Map(client.sessions.map((s) => [s.id, s]));
  return [...observations]
    .sort((a, b) => a.at - b.at)
    .map((obs) => {
      let phase: Phase;
      if (obs.source === "checkin") phase = sessionPhase(byId.get(obs.sessionId), plan);
      else {
        const before = client.sessions.filter((s) => s.at < obs.at && s.id !== obs.sessionId).at(-1);
        phase = sessionPhase(before, plan);
      }
      return { at: new Date(obs.at).toISOString(), value: obs.value, phase, source: obs.source };
    });
}

/** Consecutive points of the same phase form one phase (A/B/A/B keeps four). */
export function groupPhases(series: readonly SeriesPoint[]): { phase: Phase; values: number[] }[] {
  const phases: { phase: Phase; values: number[] }[] = [];
  for (const point of series) {
    const last = phases.at(-1);
    if (last && last.phase === point.phase) last.values.push(point.value);
    else phases.push({ phase: point.phase, values: [point.value] });
  }
  return phases;
}

/** The first session of the client's arm: the intervention protocol, the comparator protocol, or (usual care) any other session. */
export function armStartSession(client: Pick<ClientRecord, "arm" | "sessions">, plan: ExperimentPlan): SessionPoint | undefined {
  if (client.arm === "intervention") return client.sessions.find((s) => s.protocolId === plan.interventionProtocolId);
  const comparator = plan.comparator;
  if (comparator.kind === "protocol") return client.sessions.find((s) => s.protocolId === comparator.protocolId);
  return client.sessions.find((s) => s.protocolId !== plan.interventionProtocolId);
}

/**
 * Change from the value just before the client's first session of their arm to the value nearest
 * `days` after it (within ±OUTCOME_WINDOW_DAYS).
 */
export function outcomeChange(
  client: ClientRecord,
  plan: ExperimentPlan,
  observations: readonly Observation[],
  days: number,
  scale: OutcomeScale,
): OutcomeChange {
  const start = armStartSession(client, plan);
  const armName = client.arm === "intervention" ? "the intervention protocol" : "the comparator";
  if (!start) return { ok: false, missing: `no session with ${armName} yet` };
  const sorted = [...observations].sort((a, b) => a.at - b.at);
  const target = start.at + days * DAY_MS;
  const nearest = (list: readonly Observation[]) =>
    list
      .filter((o) => o.at > start.at && Math.abs(o.at - target) <= OUTCOME_WINDOW_DAYS * DAY_MS)
      .sort((a, b) => Math.abs(a.at - target) - Math.abs(b.at - target))[0];
  const noOutcome = (): OutcomeChange => ({
    ok: false,
    missing: `no ${scale.name.toLowerCase()} value between day ${Math.max(0, days - OUTCOME_WINDOW_DAYS)} and day ${days + OUTCOME_WINDOW_DAYS}`,
  });
  if (scale.transition) {
    // A rating of change answers "compared with just before the treatment": only ratings that
    // followed this session describe the course since it.
    const rating = nearest(sorted.filter((o) => o.sessionId === start.id));
    if (!rating) return noOutcome();
    return judged(scale, start, { at: start.at, value: 0 }, rating, `${scale.name} at day ${days}: ${signed(rating.value)}.`);
  }
  const baseline =
    sorted.find((o) => o.source === "session" && o.sessionId === start.id) ??
    sorted.filter((o) => o.at <= start.at && o.at >= start.at - MAX_BASELINE_AGE_DAYS * DAY_MS).at(-1);
  if (!baseline) {
    return {
      ok: false,
      missing: `no ${scale.name.toLowerCase()} value at the first session with ${armName} or in the ${MAX_BASELINE_AGE_DAYS} days before it`,
    };
  }
  const outcome = nearest(sorted.filter((o) => o !== baseline));
  if (!outcome) return noOutcome();
  const change = outcome.value - baseline.value;
  const direction = change === 0 ? "did not change" : `went ${change > 0 ? "up" : "down"} by ${formatNumber(Math.abs(change))}`;
  return judged(
    scale,
    start,
    baseline,
    outcome,
    `${scale.name} ${direction} (from ${formatNumber(baseline.value)} to ${formatNumber(outcome.value)}).`,
  );
}

function judged(
  scale: OutcomeScale,
  start: SessionPoint,
  baseline: { at: number; value: number },
  outcome: Observation,
  described: string,
): OutcomeChange {
  const change = outcome.value - baseline.value;
  const improvement = scale.higherIsBetter ? change : -change;
  const percent = scale.mcidPercent ?? null;
  const byPoints = scale.mcid !== null && improvement >= scale.mcid - EPSILON;
  const byPercent =
    percent !== null &&
    !scale.transition &&
    baseline.value !== 0 &&
    improvement > 0 &&
    (improvement / Math.abs(baseline.value)) * 100 >= percent - EPSILON;
  const responder = scale.mcid === null && percent === null ? null : byPoints || byPercent;
  const threshold = thresholdWords(scale);
  const verdict =
    responder === null
      ? "This measure has no agreed threshold for an important change."
      : responder
        ? `That reaches ${threshold} counted as important, so the client counts as a responder.`
        : `That is less than ${threshold} counted as important.`;
  return {
    ok: true,
    startSessionAt: new Date(start.at).toISOString(),
    baseline: baseline.value,
    baselineAt: new Date(baseline.at).toISOString(),
    outcome: outcome.value,
    outcomeAt: new Date(outcome.at).toISOString(),
    change,
    improvement,
    responder,
    meaning: `${described} ${verdict}`,
  };
}

/** "the 2-point change" or "the 2-point (or 30%) change". */
export function thresholdWords(scale: OutcomeScale): string {
  const percent = scale.transition ? null : (scale.mcidPercent ?? null);
  if (scale.mcid === null) return percent === null ? "no threshold" : `the ${percent}% change`;
  return `the ${formatNumber(scale.mcid)}-point${percent === null ? "" : ` (or ${percent}%)`} change`;
}

/** "2 points" or "2 points or 30%". */
export function amountWords(scale: OutcomeScale): string {
  const percent = scale.transition ? null : (scale.mcidPercent ?? null);
  const points = scale.mcid === null ? null : `${formatNumber(scale.mcid)} point${scale.mcid === 1 ? "" : "s"}`;
  return [points, percent === null ? null : `${percent}%`].filter((part) => part !== null).join(" or ");
}
