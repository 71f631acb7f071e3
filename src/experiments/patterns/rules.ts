/**
 * The practice "Patterns" finder, pure part: which training features and which findings a client
 * has, and the 2×2 statistics for every feature × finding pair. No I/O; service.ts feeds it.
 */
import { QUALITIES, type QualityCode } from "../../shared/vocabulary/catalogue.js";
import { regionName } from "../../shared/vocabulary/regions.js";
import { LABELS, TRAINING_PATTERNS, type LabelKind, type TrainingPattern } from "../../shared/labels.js";
import type { WeekLoad } from "../../training/analysis/types.js";
import { benjaminiHochberg, fisherExact, oddsRatio } from "../stats/index.js";

/** Weeks of training before each client's latest session with findings, unless the request says otherwise. */
export const DEFAULT_WINDOW_WEEKS = 8;
/** A finding counts when its grade is at least this (0 none, 1 mild, 2 moderate, 3 marked). */
export const MIN_FINDING_GRADE = 2;
/**
 * A pair is tested only with at least this many clients with the feature and as many without:
 * below that a 2×2 table cannot show anything but noise, and Fisher's test has almost no power.
 */
export const MIN_CLIENTS_PER_GROUP = 5;
/** A weekly distance rise above this share of the 4 weeks before (the common "10% rule") counts as a ramp. */
export const RAMP_THRESHOLD_PCT = 10;
/** An exponentially weighted ACWR above this counts as a spike (the upper edge of the often-quoted 0.8–1.3 band). */
export const ACWR_THRESHOLD = 1.3;

export const FEATURE_CODES = [...TRAINING_PATTERNS, "ramp", "acwr"] as const;
export type FeatureCode = TrainingPattern | "ramp" | "acwr";

interface FeatureDefinition {
  code: FeatureCode;
  /** Reads after "clients with …". */
  phrase: string;
}

export const FEATURES: readonly FeatureDefinition[] = [
  ...TRAINING_PATTERNS.map((code) => ({ code, phrase: LABELS[code].weekly })),
  { code: "ramp", phrase: `a weekly distance rise above ${RAMP_THRESHOLD_PCT}% in any week` },
  { code: "acwr", phrase: `an ACWR above ${ACWR_THRESHOLD} in any week` },
];

/**
 * A client's training features over the `windowWeeks` calendar weeks (Monday–Sunday) up to and
 * including the week of their session, from the weekly load of their runs. Label features need
 * at least `windowWeeks` labelled runs in those weeks (one a week on average); a week whose ramp or
 * ACWR cannot be computed (too little history) does not count as above the threshold.
 */
export function trainingFeatures(weeks: readonly WeekLoad[], windowWeeks: number): Record<FeatureCode, boolean> {
  const window = weeks.slice(-windowWeeks);
  const weekly = (label: LabelKind): boolean => window.reduce((sum, week) => sum + (week.labelCounts[label] ?? 0), 0) >= windowWeeks;
  return {
    ...(Object.fromEntries(TRAINING_PATTERNS.map((code) => [code, weekly(code)])) as Record<TrainingPattern, boolean>),
    ramp: window.some((week) => week.rampPct !== null && week.rampPct > RAMP_THRESHOLD_PCT),
    acwr: window.some((week) => week.acwr !== null && week.acwr > ACWR_THRESHOLD),
  };
}

/** Runs in the window; a client with none is left out, since we cannot tell how they trained. */
export function runsInWindow(weeks: readonly WeekLoad[], windowWeeks: number): number {
  return weeks.slice(-windowWeeks).reduce((sum, week) => sum + week.activities, 0);
}

export interface RecordedFinding {
  regionCode: string;
  qualities: Record<QualityCode, number | null>;
}

/** "regionCode:quality" for every quality graded at least MIN_FINDING_GRADE in the findings given. */
export function findingKeys(findings: readonly RecordedFinding[]): Set<string> {
  const keys = new Set<string>();
  for (const finding of findings) {
    for (const quality of QUALITIES) {
      const grade = finding.qualities[quality.code];
      if (grade !== null && grade >= MIN_FINDING_GRADE) keys.add(`${finding.regionCode}:${quality.code}`);
    }
  }
  return keys;
}

const QUALITY_ADJECTIVES: Record<QualityCode, string> = {
  tension: "Rigid",
  tenderness: "Tender",
  texture: "Altered texture in",
  adhesion: "Adhered",
  temperature: "Warm",
};

/** "Rigid rectus femoris (distal third)" for "rectus_femoris_distal:tension". */
export function describeFinding(key: string): { regionCode: string; quality: QualityCode; label: string } {
  const separator = key.lastIndexOf(":");
  const regionCode = key.slice(0, separator);
  const quality = QUALITIES.find((entry) => entry.code === key.slice(separator + 1))?.code ?? "tension";
  const name = regionName(regionCode);
  const [main = name, ...rest] = name.split(", ");
  const region = rest.length > 0 ? `${main.toLowerCase()} (${rest.join(", ")})` : main.toLowerCase();
  return { regionCode, quality, label: `${QUALITY_ADJECTIVES[quality]} ${region}` };
}

export interface ClientPatternData {
  features: Record<FeatureCode, boolean>;
  findings: ReadonlySet<string>;
}

export interface TestedPair {
  feature: { code: FeatureCode; phrase: string };
  finding: { key: string; regionCode: string; quality: QualityCode; label: string };
  /** withFeature: a = with the finding, b = without; withoutFeature: c = with, d = without. */
  counts: { a: number; b: number; c: number; d: number };
  /**
   * Every client in both groups has the finding (or none does). The groups do not differ, yet the
   * Haldane–Anscombe corrected odds ratio is not 1, so it is shown only in the details, with a note.
   */
  sameInBothGroups: boolean;
  sentence: string;
  meaning: string;
  oddsRatio: { estimate: number; lower: number; upper: number; corrected: boolean };
  p: number;
  q: number;
}

export interface UntestedPair {
  feature: { code: FeatureCode; phrase: string };
  finding: { key: string; regionCode: string; quality: QualityCode; label: string };
  missing: string;
}

const percent = (count: number, total: number): string => `${Math.round((100 * count) / total)}%`;

/** Below this many clients in the smaller group, the sentence blames the small numbers too. */
export const FEW_CLIENTS = 20;
/** A q-value below this is reported as a gap that would rarely arise by chance. */
export const Q_THRESHOLD = 0.05;

/** Every client in both groups has the finding, or none does: the groups cannot differ. */
function sameInBothGroups({ a, b, c, d }: TestedPair["counts"]): boolean {
  return (b === 0 && d === 0) || (a === 0 && c === 0);
}

function meaningOf(pair: Omit<TestedPair, "meaning">, comparisons: number): string {
  const { a, b, c, d } = pair.counts;
  const withShare = a / (a + b);
  const withoutShare = c / (c + d);
  const shares = `${percent(a, a + b)} against ${percent(c, c + d)}`;
  if (pair.sameInBothGroups) {
    const who = a > 0 ? "every client" : "no client";
    return `The groups do not differ: ${who} with or without ${pair.feature.phrase} had this finding (${a} of ${a + b} and ${c} of ${c + d}).`;
  }
  if (withShare === withoutShare) {
    return `Clients with and without ${pair.feature.phrase} had this finding equally often (${shares}).`;
  }
  const direction = withShare > withoutShare ? "more" : "less";
  const made = comparisons === 1 ? "the one comparison" : `the ${comparisons} comparisons`;
  // q is the Benjamini–Hochberg false-discovery rate: it already allows for every comparison made.
  if (pair.q < Q_THRESHOLD) {
    return (
      `Clients with ${pair.feature.phrase} had this finding ${direction} often (${shares}); even allowing for ${made} ` +
      `made, this gap would rarely arise by chance alone. It still does not show that the training causes it.`
    );
  }
  const count = comparisons === 1 ? "one comparison" : `${comparisons} comparisons`;
  const few = Math.min(a + b, c + d) < FEW_CLIENTS ? "with this few clients and " : "with ";
  return `Clients with ${pair.feature.phrase} had this finding ${direction} often (${shares}), but ${few}${count} a gap like this can easily arise by chance.`;
}

/**
 * Every feature × finding pair, for the findings at least one included client has. Pairs with at
 * least MIN_CLIENTS_PER_GROUP clients with and without the feature get a 2×2 table, the odds ratio
 * (Haldane–Anscombe corrected when a cell is 0) with its 95% interval, Fisher's exact two-sided p,
 * and a Benjamini–Hochberg q over all tested pairs; they come back sorted by q, then p. The others
 * come back with what is missing and no numbers.
 */
export function evaluatePairs(clients: readonly ClientPatternData[]): { tested: TestedPair[]; untested: UntestedPair[] } {
  const findingKeysSeen = [...new Set(clients.flatMap((client) => [...client.findings]))].sort();
  const draft: Omit<TestedPair, "meaning" | "q">[] = [];
  const untested: UntestedPair[] = [];
  for (const feature of FEATURES) {
    const withFeature = clients.filter((client) => client.features[feature.code]);
    const withoutFeature = clients.filter((client) => !client.features[feature.code]);
    for (const key of findingKeysSeen) {
      const finding = { key, ...describeFinding(key) };
      const featureView = { code: feature.code, phrase: feature.phrase };
      const shortfalls: string[] = [];
      if (withFeature.length < MIN_CLIENTS_PER_GROUP)
        shortfalls.push(`${MIN_CLIENTS_PER_GROUP} clients with ${feature.phrase} (there are ${withFeature.length})`);
      if (withoutFeature.length < MIN_CLIENTS_PER_GROUP)
        shortfalls.push(`${MIN_CLIENTS_PER_GROUP} without (there are ${withoutFeature.length})`);
      if (shortfalls.length > 0) {
        untested.push({ feature: featureView, finding, missing: `Needs at least ${shortfalls.join(" and ")}.` });
        continue;
      }
      const a = withFeature.filter((client) => client.findings.has(key)).length;
      const c = withoutFeature.filter((client) => client.findings.has(key)).length;
      const b = withFeature.length - a;
      const d = withoutFeature.length - c;
      const ratio = oddsRatio(a, b, c, d);
      draft.push({
        feature: featureView,
        finding,
        counts: { a, b, c, d },
        sameInBothGroups: sameInBothGroups({ a, b, c, d }),
        sentence: `${finding.label} in ${a} of ${a + b} clients with ${feature.phrase}, ${c} of ${c + d} without.`,
        oddsRatio: { estimate: ratio.oddsRatio, lower: ratio.lower, upper: ratio.upper, corrected: ratio.corrected },
        p: fisherExact(a, b, c, d).p,
      });
    }
  }
  const qValues = benjaminiHochberg(draft.map((pair) => pair.p));
  const tested = draft
    .map((pair, index) => {
      const withQ = { ...pair, q: qValues[index] ?? 1 };
      return { ...withQ, meaning: meaningOf(withQ, draft.length) };
    })
    .sort((x, y) => x.q - y.q || x.p - y.p || x.sentence.localeCompare(y.sentence));
  return { tested, untested };
}

export const PATTERN_CAVEATS: readonly string[] = [
  "Observational: clients chose their own training, so other differences between them (mileage, age, injury history, who treated them) may explain a pattern.",
  "Many comparisons: every training feature is compared with every finding, so some pairs will look striking by chance; the q-value allows for this, the p-value does not.",
  "Unblinded findings: the therapist recording a finding usually knew how the client had been training.",
  "Training is what the uploaded watch files show; runs that were not uploaded are missing.",
];

export function patternRules(windowWeeks: number): string[] {
  return [
    `Each client is described by the ${windowWeeks} calendar weeks up to and including the week of their most recent signed session with findings.`,
    `A training label counts when the client has on average at least one such run a week in those weeks (${windowWeeks} or more); ramp and ACWR count when any of those weeks is above the threshold.`,
    `A client has a finding when any signed session in the ${windowWeeks} weeks before that session records it (region and quality) with grade ${MIN_FINDING_GRADE} or more, on either side.`,
    "Clients with no run in the window are left out.",
    `A pair is compared only when at least ${MIN_CLIENTS_PER_GROUP} clients have the training feature and ${MIN_CLIENTS_PER_GROUP} do not, and at least one client has the finding.`,
  ];
}
