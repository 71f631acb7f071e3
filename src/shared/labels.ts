/**
 * The training label catalogue: every label the training analysis can give a run, with what every
 * reader of a label needs (the web app, experiments' eligibility and patterns, case reports).
 * No imports, so the server and the web app both use it. A new label is an entry here and the rule
 * that earns it in training/analysis/; everything else derives from this table.
 */

export interface LabelFacts {
  /** Title case, as on a chip: "Hill repeats". Lower-cased inside a sentence. */
  readonly name: string;
  /** Before "run": "a hill-repeat run". */
  readonly adjective: string;
  /** After "clients with …": what a client who has it every week does. */
  readonly weekly: string;
  /**
   * Experiments can ask for it (eligibility "at least N … runs a week") and the practice's
   * patterns compare clients who run it weekly with those who do not.
   */
  readonly pattern: boolean;
  /** Depends on the client's history (their weeks and usual pace), so it is re-judged when runs arrive out of order. */
  readonly fromHistory: boolean;
  /** It points at stretches of the run (shaded on the charts, counted as repeats); the others cover the whole run. */
  readonly banded: boolean;
  /** Text colour on white (≥ 4.5:1 contrast); the stylesheets repeat it for the chips and chart keys. */
  readonly colour: string;
  /** Drawn above the week's bar on the weekly chart, or null when the week chart does not mark it. */
  readonly weekGlyph: string | null;
}

/** In the order labels are shown: the loads that matter for tissue first. */
export const LABELS = {
  hill_repeats: {
    name: "Hill repeats",
    adjective: "hill-repeat",
    weekly: "at least one hill-repeat run a week",
    pattern: true,
    fromHistory: false,
    banded: true,
    colour: "#9a5200",
    weekGlyph: "▲",
  },
  intervals: {
    name: "Intervals",
    adjective: "interval",
    weekly: "at least one interval session a week",
    pattern: true,
    fromHistory: false,
    banded: true,
    colour: "#6b3fa0",
    weekGlyph: "◆",
  },
  tempo: {
    name: "Tempo",
    adjective: "tempo",
    weekly: "at least one tempo run a week",
    pattern: false,
    fromHistory: false,
    banded: false,
    colour: "#8a3b5c",
    weekGlyph: null,
  },
  downhill: {
    name: "Downhill",
    adjective: "downhill",
    weekly: "at least one downhill run a week",
    pattern: true,
    fromHistory: false,
    banded: true,
    colour: "#1f5fa8",
    weekGlyph: "▼",
  },
  long_run: {
    name: "Long run",
    adjective: "long",
    weekly: "at least one long run a week",
    pattern: true,
    fromHistory: true,
    banded: false,
    colour: "#1d6b64",
    weekGlyph: null,
  },
  steady: {
    name: "Steady",
    adjective: "steady",
    weekly: "at least one steady run a week",
    pattern: false,
    fromHistory: true,
    banded: false,
    colour: "#56666b",
    weekGlyph: null,
  },
  easy: {
    name: "Easy",
    adjective: "easy",
    weekly: "at least one easy run a week",
    pattern: false,
    fromHistory: true,
    banded: false,
    colour: "#21683a",
    weekGlyph: null,
  },
} as const satisfies Record<string, LabelFacts>;

export type LabelKind = keyof typeof LABELS;

/** Every label kind, in the order they are shown. */
export const LABEL_KINDS = Object.keys(LABELS) as LabelKind[];

/** The labels experiments and patterns can ask for. */
export type TrainingPattern = { [K in LabelKind]: (typeof LABELS)[K]["pattern"] extends true ? K : never }[LabelKind];

/** The labels experiments and patterns can ask for, in display order (a tuple, for zod enums). */
export const TRAINING_PATTERNS = LABEL_KINDS.filter((kind): kind is TrainingPattern => LABELS[kind].pattern) as [
  TrainingPattern,
  ...TrainingPattern[],
];

export function isLabelKind(value: string): value is LabelKind {
  return Object.hasOwn(LABELS, value);
}

/** The label's name on a chip ("Hill repeats"); an unknown kind (from an older analysis) is shown as written. */
export function labelName(kind: string): string {
  return isLabelKind(kind) ? LABELS[kind].name : kind.replace(/_/g, " ");
}

export const LABEL_NAMES = Object.fromEntries(LABEL_KINDS.map((kind) => [kind, LABELS[kind].name])) as Record<LabelKind, string>;

/** Labels in display order. */
export function sortLabels<T extends { kind: LabelKind }>(labels: readonly T[]): T[] {
  return [...labels].sort((a, b) => LABEL_KINDS.indexOf(a.kind) - LABEL_KINDS.indexOf(b.kind));
}
