/** An experiment's results in words: numbers as shown, the single-case figures with their meaning, a chart's phase spans. */
import type { SeriesPoint, SingleCaseMeanings, SingleCaseResult } from "../../experiments/schema.js";

export function formatNumber(value: number, digits = 2): string {
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(digits);
}

/** "+2", "−1.5", "0": a change with its sign; a value that rounds to zero shows as 0, never "−0". */
export function signed(value: number, digits = 1): string {
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  if (rounded === 0) return "0";
  const text = formatNumber(Math.abs(rounded), digits);
  return rounded > 0 ? `+${text}` : `−${text}`;
}

export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

export function formatP(p: number): string {
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

type SingleCaseOk = Extract<SingleCaseResult, { ok: true }>;

export interface SingleCaseFigure {
  name: string;
  value: string;
  meaning: string;
  detail: string;
}

/** NAP, Tau-U (plain and trend-corrected), PND and level change, each with a sentence and its detail. */
export function singleCaseFigures(result: SingleCaseOk, meanings: SingleCaseMeanings): SingleCaseFigure[] {
  const level = result.levelChange;
  const a = result.phases.find((p) => p.phase === "A");
  const b = result.phases.find((p) => p.phase === "B");
  return [
    {
      name: "NAP",
      value: percent(result.nap.nap),
      meaning: meanings.nap,
      detail: `${result.nap.pairs} pairs, ${result.nap.overlapPairs} where the treatment point was worse, ${result.nap.ties} ties; rescaled (2·NAP − 1) ${formatNumber(result.nap.rescaled)}.`,
    },
    {
      name: "Tau-U (A vs B)",
      value: formatNumber(result.tauU.tau),
      meaning: meanings.tauU,
      detail: `S = ${result.tauU.s} over ${result.tauU.pairs} pairs, z = ${formatNumber(result.tauU.z)}, p = ${formatP(result.tauU.p)} (tie-corrected variance).`,
    },
    {
      name: "Tau-U, baseline trend removed",
      value: formatNumber(result.tauUTrendCorrected.tau),
      meaning: meanings.tauUTrendCorrected,
      detail: `S = ${result.tauUTrendCorrected.s} over ${result.tauUTrendCorrected.pairs} pairs, z = ${formatNumber(result.tauUTrendCorrected.z)}, p = ${formatP(result.tauUTrendCorrected.p)} (tie-corrected variance). As in the published method, it can fall outside −1 to 1 when the baseline trends strongly.`,
    },
    {
      name: "PND",
      value: `${Math.round(result.pnd.pnd)}%`,
      meaning: meanings.pnd,
      detail: `Percentage of non-overlapping data; ${b?.n ?? 0} treatment points against ${a?.n ?? 0} baseline points.`,
    },
    {
      name: "Level change",
      value: signed(level),
      meaning: meanings.levelChange,
      detail:
        result.phases
          .map((p, i) => `Phase ${i + 1} (${p.phase}): ${p.n} points, mean ${formatNumber(p.mean)}, median ${formatNumber(p.median)}`)
          .join("; ") + ".",
    },
  ];
}

export interface PhaseSpan {
  phase: "A" | "B";
  from: number;
  to: number;
}

/**
 * Background spans for a single-case chart's phases, in seconds. A phase changes at a session that
 * came after the old phase's last point (usually that point is the session's own pre-treatment
 * rating), so the new phase is drawn from that point on.
 */
export function phaseSpans(series: readonly SeriesPoint[], xMin: number, xMax: number): PhaseSpan[] {
  const spans: PhaseSpan[] = [];
  const times = series.map((p) => Date.parse(p.at) / 1000);
  series.forEach((point, i) => {
    const last = spans.at(-1);
    if (last && last.phase === point.phase) return;
    const previous = times[i - 1];
    const boundary = previous ?? xMin;
    if (last) last.to = boundary;
    spans.push({ phase: point.phase, from: boundary, to: xMax });
  });
  return spans;
}
