import type { ReactNode } from "react";
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

export function emptyStep(vocabulary: Vocabulary): Step {
  return {
    technique: vocabulary.techniques[0]?.code ?? "",
    regionCode: null,
    side: null,
    direction: null,
    minutes: null,
    intensity: null,
    note: null,
  };
}

function orNull<T extends string>(value: string): T | null {
  return value === "" ? null : (value as T);
}

/** Editable technique steps, each a row of selects; used by protocols and sessions. */
export function StepList({
  steps,
  onChange,
  vocabulary,
  errors = {},
  errorPrefix = "steps",
}: {
  steps: Step[];
  onChange: (steps: Step[]) => void;
  vocabulary: Vocabulary;
  errors?: Record<string, string>;
  errorPrefix?: string;
}): ReactNode {
  const update = (index: number, patch: Partial<Step>): void =>
    onChange(steps.map((step, i) => (i === index ? { ...step, ...patch } : step)));
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
                <select
                  aria-label={`${label} technique`}
                  value={step.technique}
                  onChange={(e) => update(index, { technique: e.target.value })}
                >
                  {vocabulary.techniques.map((technique) => (
                    <option key={technique.code} value={technique.code}>
                      {technique.name}
                    </option>
                  ))}
                </select>
                <select
                  aria-label={`${label} region`}
                  value={step.regionCode ?? ""}
                  onChange={(e) => update(index, { regionCode: orNull(e.target.value) })}
                >
                  <option value="">Region…</option>
                  {vocabulary.regions.map((region) => (
                    <option key={region.code} value={region.code}>
                      {region.name}
                    </option>
                  ))}
                </select>
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
                />
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
      <button type="button" className="button button--secondary" onClick={() => onChange([...steps, emptyStep(vocabulary)])}>
        Add step
      </button>
    </div>
  );
}
