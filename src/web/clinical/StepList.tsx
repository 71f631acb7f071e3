import { useEffect, useRef, type ReactNode } from "react";
import { Combobox } from "../components/Combobox";
import { RecentSteps } from "./RecentSteps";
import type { DirectionCode, Intensity, Step, StepSide, Vocabulary } from "./types";
import { nameOf } from "./vocabulary";

const SIDES: { value: StepSide; label: string }[] = [
  { value: "right", label: "Right" },
  { value: "left", label: "Left" },
  { value: "both", label: "Both" },
];

/** One technique step as a sentence: "Cupping · Rectus femoris, distal third (right) · 8 min". */
export function describeStep(step: Step, vocabulary: Vocabulary): string {
  const parts = [nameOf(vocabulary.techniques, step.technique)];
  if (step.regionCode) parts.push(`${nameOf(vocabulary.regions, step.regionCode)}${step.side ? ` (${step.side})` : ""}`);
  if (step.direction) parts.push(nameOf(vocabulary.directions, step.direction));
  if (step.minutes !== null) parts.push(`${step.minutes} min`);
  if (step.intensity) parts.push(step.intensity);
  return parts.join(" · ");
}

/**
 * A new step: the technique left to choose, the place taken from the step before it (or, for the
 * first, from `place`, e.g. the latest finding), so a run of techniques on one spot is typed once.
 */
export function emptyStep(vocabulary: Vocabulary, previous?: Pick<Step, "regionCode" | "side"> | null): Step {
  return {
    technique: vocabulary.techniques[0]?.code ?? "",
    regionCode: previous?.regionCode ?? null,
    side: previous?.side ?? null,
    direction: null,
    minutes: null,
    intensity: null,
    note: null,
  };
}

function orNull<T extends string>(value: string): T | null {
  return value === "" ? null : (value as T);
}

/**
 * Editable technique steps; used by protocols and sessions. Technique and region are type-ahead
 * comboboxes; a new step takes its place from the step before and gets the focus; Enter in a
 * step's minutes adds the next step.
 */
export function StepList({
  steps,
  onChange,
  vocabulary,
  errors = {},
  errorPrefix = "steps",
  place = null,
  quickAdd = false,
  recent = [],
}: {
  steps: Step[];
  onChange: (steps: Step[]) => void;
  vocabulary: Vocabulary;
  errors?: Record<string, string>;
  errorPrefix?: string;
  /** Where a first step goes when there is no step before it (the latest finding's region and side). */
  place?: Pick<Step, "regionCode" | "side"> | null;
  /** Offer one-tap "add a step of this technique" buttons. */
  quickAdd?: boolean;
  /** Whole steps done lately, each offered as one tap (the practice's recent steps). */
  recent?: readonly Step[];
}): ReactNode {
  const update = (index: number, patch: Partial<Step>): void =>
    onChange(steps.map((step, i) => (i === index ? { ...step, ...patch } : step)));
  const techniqueInputs = useRef<(HTMLInputElement | null)[]>([]);
  const focusStep = useRef<number | null>(null);
  useEffect(() => {
    if (focusStep.current === null) return;
    techniqueInputs.current[focusStep.current]?.focus();
    focusStep.current = null;
  }, [steps.length]);
  const techniqueOptions = vocabulary.techniques.map((technique) => ({ value: technique.code, label: technique.name }));
  const regionOptions = vocabulary.regions.map((region) => ({ value: region.code, label: region.name }));
  function addStep(technique?: string): void {
    const step = emptyStep(vocabulary, steps.at(-1) ?? place);
    if (technique === undefined) focusStep.current = steps.length;
    onChange([...steps, technique === undefined ? step : { ...step, technique }]);
  }
  return (
    <div className="steps">
      {steps.length === 0 ? <p className="muted">No technique steps yet.</p> : null}
      <ol className="steps__list">
        {steps.map((step, index) => {
          const label = `Step ${index + 1}`;
          const error = Object.entries(errors).find(([path]) => path.startsWith(`${errorPrefix}.${index}`))?.[1];
          return (
            <li key={index} className="steps__row">
              <div className="steps__fields" role="group" aria-label={label}>
                <Combobox
                  ref={(element) => {
                    techniqueInputs.current[index] = element;
                  }}
                  label={`${label} technique`}
                  className="steps__technique"
                  options={techniqueOptions}
                  value={step.technique}
                  clearable={false}
                  placeholder="Technique…"
                  onChange={(value) => update(index, { technique: value ?? step.technique })}
                  onEnter={addStep}
                />
                <input
                  aria-label={`${label} minutes`}
                  className="steps__minutes"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={120}
                  placeholder="min"
                  value={step.minutes ?? ""}
                  onChange={(e) => update(index, { minutes: e.target.value === "" ? null : Number(e.target.value) })}
                  onKeyDown={(e) => {
                    if (e.key !== "Enter") return;
                    e.preventDefault();
                    addStep();
                  }}
                />
                <Combobox
                  label={`${label} region`}
                  className="steps__region"
                  options={regionOptions}
                  value={step.regionCode}
                  placeholder="Region…"
                  onChange={(value) => update(index, { regionCode: value })}
                />
                <select
                  aria-label={`${label} side`}
                  value={step.side ?? ""}
                  onChange={(e) => update(index, { side: orNull<StepSide>(e.target.value) })}
                >
                  <option value="">Side…</option>
                  {SIDES.map((side) => (
                    <option key={side.value} value={side.value}>
                      {side.label}
                    </option>
                  ))}
                </select>
                <select
                  aria-label={`${label} direction`}
                  value={step.direction ?? ""}
                  onChange={(e) => update(index, { direction: orNull<DirectionCode>(e.target.value) })}
                >
                  <option value="">Direction…</option>
                  {vocabulary.directions.map((direction) => (
                    <option key={direction.code} value={direction.code}>
                      {direction.name}
                    </option>
                  ))}
                </select>

                <select
                  aria-label={`${label} intensity`}
                  value={step.intensity ?? ""}
                  onChange={(e) => update(index, { intensity: orNull<Intensity>(e.target.value) })}
                >
                  <option value="">Intensity…</option>
                  {vocabulary.intensities.map((intensity) => (
                    <option key={intensity} value={intensity}>
                      {intensity}
                    </option>
                  ))}
                </select>
              </div>
              <button
                type="button"
                className="button button--quiet"
                aria-label={`Remove step ${index + 1}`}
                onClick={() => onChange(steps.filter((_, i) => i !== index))}
              >
                Remove
              </button>
              {error ? <p className="field__error">{error}</p> : null}
            </li>
          );
        })}
      </ol>
      <div className="steps__add">
        <button type="button" className="button button--secondary" onClick={() => addStep()}>
          Add step
        </button>
        {quickAdd ? (
          // A tap adds a step of that technique where the last one was. Out of the Tab order: from the
          // keyboard, "Add step" and the technique field do the same in as few keys.
          <div className="pills steps__quick" role="group" aria-label="Add a step of">
            {vocabulary.techniques.map((technique) => (
              <button key={technique.code} type="button" className="pill" tabIndex={-1} onClick={() => addStep(technique.code)}>
                + {technique.name}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      <RecentSteps recent={recent} describe={(step) => describeStep(step, vocabulary)} onAdd={(step) => onChange([...steps, step])} />
    </div>
  );
}
