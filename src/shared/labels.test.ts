import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkEligibility } from "../experiments/eligibility.js";
import { FEATURE_CODES, FEATURES } from "../experiments/patterns/rules.js";
import { eligibilitySchema } from "../experiments/schema.js";
import { LABEL_NAMES as WEB_LABEL_NAMES } from "../web/training/format.js";
import { BANDED_KINDS, LABEL_COLOURS, setLabelColourProperties, WEEK_MARKERS } from "../web/training/labelColours.js";
import { PATTERN_NAMES, TRAINING_PATTERN_CODES } from "../web/experiments/plan-words.js";
import { isLabelKind, LABEL_KINDS, LABEL_NAMES, LABELS, labelName, sortLabels, TRAINING_PATTERNS } from "./labels.js";

const src = join(dirname(fileURLToPath(import.meta.url)), "..");

function sources(dir: string, pattern = /\.tsx?$/): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path, pattern);
    return pattern.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The kinds the classifier can give: every string literal on a `kind:` line of training/analysis. */
function classifierKinds(): Set<string> {
  const kinds = new Set<string>();
  for (const file of sources(join(src, "training/analysis"))) {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      const value = /^\s*kind:\s*([^,]+),?\s*$/.exec(line)?.[1];
      if (value === undefined) continue;
      for (const literal of value.matchAll(/"([a-z_]+)"/g)) kinds.add(literal[1]!);
    }
  }
  return kinds;
}

describe("the label catalogue", () => {
  it("has every label the classifier can emit, and nothing it cannot", () => {
    const emitted = classifierKinds();
    expect(emitted.size).toBeGreaterThanOrEqual(LABEL_KINDS.length);
    for (const kind of emitted) expect(isLabelKind(kind), `${kind} is emitted but not in shared/labels.ts`).toBe(true);
    for (const kind of LABEL_KINDS) expect(emitted.has(kind), `${kind} is in the catalogue but never emitted`).toBe(true);
  });

  it("gives every label a name, an adjective, a weekly phrase and a readable colour", () => {
    for (const kind of LABEL_KINDS) {
      const facts = LABELS[kind];
      expect(facts.name).toMatch(/^[A-Z]/);
      expect(facts.weekly).toMatch(/^at least one .+ a week$/);
      expect(facts.colour).toMatch(/^#[0-9a-f]{6}$/);
      if (facts.weekGlyph !== null) expect(facts.banded).toBe(true);
    }
    expect(labelName("hill_repeats")).toBe("Hill repeats");
    expect(labelName("retired_kind")).toBe("retired kind");
    expect(sortLabels([{ kind: "easy" }, { kind: "hill_repeats" }]).map((l) => l.kind)).toEqual(["hill_repeats", "easy"]);
  });

  it("is what every consumer shows and accepts", () => {
    expect(WEB_LABEL_NAMES).toEqual(LABEL_NAMES);
    expect(Object.keys(LABEL_COLOURS)).toEqual(LABEL_KINDS);
    expect([...BANDED_KINDS]).toEqual(LABEL_KINDS.filter((k) => LABELS[k].banded));
    expect(WEEK_MARKERS.map((m) => m.kind)).toEqual(LABEL_KINDS.filter((k) => LABELS[k].weekGlyph !== null));
    expect(TRAINING_PATTERN_CODES).toEqual(TRAINING_PATTERNS);
    for (const pattern of TRAINING_PATTERNS) expect(PATTERN_NAMES[pattern]).toBe(LABELS[pattern].name);
    expect(FEATURE_CODES.slice(0, TRAINING_PATTERNS.length)).toEqual(TRAINING_PATTERNS);
    for (const pattern of TRAINING_PATTERNS) expect(FEATURES.find((f) => f.code === pattern)?.phrase).toBe(LABELS[pattern].weekly);

    const plan = { eligibility: { training: { weeks: 4, patterns: [...TRAINING_PATTERNS], minRunsPerWeek: 1 } } };
    const parsed = eligibilitySchema.safeParse(plan.eligibility);
    expect(parsed.success).toBe(true);
    const notAPattern = LABEL_KINDS.find((k) => !LABELS[k].pattern)!;
    expect(eligibilitySchema.safeParse({ training: { weeks: 4, patterns: [notAPattern], minRunsPerWeek: 1 } }).success).toBe(false);

    const check = checkEligibility(
      { complaintRegions: [], requiredFindings: [], training: { weeks: 1, patterns: ["long_run"], minRunsPerWeek: 1 } },
      { complaints: [], latestFindings: null, runs: [], now: 0 },
    ).checks[0]!;
    expect(check.criterion).toContain(`${LABELS.long_run.adjective} run(s) a week`);
  });

  it("is the only place consumers name a label", () => {
    const consumers = ["web/training", "web/experiments", "web/clinical", "experiments", "reports", "exports"].flatMap((dir) =>
      sources(join(src, dir)),
    );
    const quoted = new RegExp(`"(${LABEL_KINDS.join("|")})"`);
    const offenders = consumers.filter((file) => quoted.test(readFileSync(file, "utf8"))).map((file) => relative(src, file));
    expect(offenders).toEqual([]);
  });

  it("gives the stylesheets each label's colour as --label-<kind>, named nowhere in them", () => {
    const set = new Map<string, string>();
    setLabelColourProperties({ setProperty: (name: string, value: string | null) => void set.set(name, value ?? "") });
    expect(Object.fromEntries(set)).toEqual(Object.fromEntries(LABEL_KINDS.map((k) => [`--label-${k}`, LABELS[k].colour])));

    const literal = (hex: string) => {
      const n = Number.parseInt(hex.slice(1), 16);
      return [hex, `${(n >> 16) & 255} ${(n >> 8) & 255} ${n & 255}`];
    };
    for (const file of sources(join(src, "web"), /\.css$/)) {
      const css = readFileSync(file, "utf8");
      for (const [, name] of css.matchAll(/var\(--label-([a-z_]+)\)/g))
        expect(isLabelKind(name!), `${relative(src, file)}: --label-${name}`).toBe(true);
      for (const [, selector, body] of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
        const kind = LABEL_KINDS.find((k) => selector!.includes(`--${k}`));
        if (kind === undefined) continue;
        for (const other of LABEL_KINDS) {
          for (const text of literal(LABELS[other].colour)) expect(body, `${relative(src, file)} ${selector!.trim()}`).not.toContain(text);
        }
        for (const [, named] of body!.matchAll(/var\(--label-([a-z_]+)\)/g)) expect(named).toBe(kind);
      }
    }
  });
});
