import { useState, type ReactNode } from "react";
import type { FieldErrors } from "../api";
import type { SelfCareEffect, SelfCareMethod, Side } from "../types";
import { emptyInjury, emptySelfCare, type InjuryRow, type SelfCareRow } from "./clientFormModel";
import { CheckboxField, SelectField, TextField, type Option } from "./Field";

export const SIDE_OPTIONS: Option[] = [
  { value: "", label: "Not recorded" },
  { value: "left", label: "Left" },
  { value: "right", label: "Right" },
  { value: "both", label: "Both" },
];

export const METHOD_LABELS: Record<SelfCareMethod, string> = {
  rolling: "Rolling",
  stretching: "Stretching",
  percussion: "Percussion gun",
  other: "Other",
};

export const EFFECT_LABELS: Record<SelfCareEffect, string> = {
  helped: "Helped",
  no_change: "No change",
  worse: "Made it worse",
  unsure: "Unsure",
};

const METHOD_OPTIONS = Object.entries(METHOD_LABELS).map(([value, label]) => ({ value, label }));
const EFFECT_OPTIONS = Object.entries(EFFECT_LABELS).map(([value, label]) => ({ value, label }));

/** Narrows a <select> value to one of the options it was built from. */
function oneOf<T extends string>(value: string, allowed: readonly T[], fallback: T): T {
  return allowed.find((option) => option === value) ?? fallback;
}

const SIDES: readonly Side[] = ["left", "right", "both"];
const METHODS = Object.keys(METHOD_LABELS) as SelfCareMethod[];
const EFFECTS = Object.keys(EFFECT_LABELS) as SelfCareEffect[];

function replaceAt<T>(rows: T[], index: number, patch: Partial<T>): T[] {
  return rows.map((row, i) => (i === index ? { ...row, ...patch } : row));
}

interface RowsProps<T> {
  rows: T[];
  errors: FieldErrors;
  onChange: (rows: T[]) => void;
}

export function InjuryRows({ rows, errors, onChange }: RowsProps<InjuryRow>): ReactNode {
  // The row just added takes focus, so typing can start straight away.
  const [addedKey, setAddedKey] = useState<string | null>(null);
  return (
    <fieldset className="form-section">
      <legend>Injury history</legend>
      {rows.length === 0 ? <p className="muted">No injuries recorded.</p> : null}
      {rows.map((row, index) => {
        const error = (field: string): string | undefined => errors[`injuries.${index}.${field}`];
        const update = (patch: Partial<InjuryRow>): void => onChange(replaceAt(rows, index, patch));
        return (
          <div className="row-card" key={row.key}>
            <div className="row-card__head">
              <h3>Injury {index + 1}</h3>
              <button
                type="button"
                className="button button--danger-quiet"
                aria-label={`Remove injury ${index + 1}`}
                onClick={() => onChange(rows.filter((_, i) => i !== index))}
              >
                Remove
              </button>
            </div>
            <div className="grid grid--2">
              <TextField
                label="Description"
                value={row.description}
                onChange={(e) => update({ description: e.target.value })}
                error={error("description")}
                placeholder="e.g. Achilles tendinopathy"
                autoFocus={row.key === addedKey}
                required
              />
              <TextField
                label="Body region"
                value={row.region}
                onChange={(e) => update({ region: e.target.value })}
                error={error("region")}
                placeholder="e.g. calf"
              />
              <SelectField
                label="Side"
                value={row.side}
                options={SIDE_OPTIONS}
                onChange={(e) => update({ side: e.target.value ? oneOf<Side>(e.target.value, SIDES, "both") : "" })}
                error={error("side")}
              />
              <TextField
                label="When"
                value={row.occurredOn}
                onChange={(e) => update({ occurredOn: e.target.value })}
                error={error("occurredOn")}
                hint="Year, month or date: 2023, 2023-05 or 2023-05-14"
                inputMode="numeric"
              />
            </div>
            <CheckboxField
              label="Resolved"
              checked={row.resolved}
              onChange={(e) => update({ resolved: e.target.checked })}
              error={error("resolved")}
            />
            <TextField label="Notes" value={row.notes} onChange={(e) => update({ notes: e.target.value })} error={error("notes")} />
          </div>
        );
      })}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => {
          const row = emptyInjury();
          setAddedKey(row.key);
          onChange([...rows, row]);
        }}
      >
        Add injury
      </button>
    </fieldset>
  );
}

export function SelfCareRows({ rows, errors, onChange }: RowsProps<SelfCareRow>): ReactNode {
  const [addedKey, setAddedKey] = useState<string | null>(null);
  return (
    <fieldset className="form-section">
      <legend>Self-care tried</legend>
      {rows.length === 0 ? <p className="muted">Nothing recorded yet.</p> : null}
      {rows.map((row, index) => {
        const error = (field: string): string | undefined => errors[`selfCare.${index}.${field}`];
        const update = (patch: Partial<SelfCareRow>): void => onChange(replaceAt(rows, index, patch));
        return (
          <div className="row-card" key={row.key}>
            <div className="row-card__head">
              <h3>Self-care {index + 1}</h3>
              <button
                type="button"
                className="button button--danger-quiet"
                aria-label={`Remove self-care ${index + 1}`}
                onClick={() => onChange(rows.filter((_, i) => i !== index))}
              >
                Remove
              </button>
            </div>
            <div className="grid grid--2">
              <SelectField
                label="Method"
                autoFocus={row.key === addedKey}
                value={row.method}
                options={METHOD_OPTIONS}
                onChange={(e) => update({ method: oneOf(e.target.value, METHODS, "other") })}
                error={error("method")}
              />
              <SelectField
                label="Effect"
                value={row.effect}
                options={EFFECT_OPTIONS}
                onChange={(e) => update({ effect: oneOf(e.target.value, EFFECTS, "unsure") })}
                error={error("effect")}
              />
              <TextField
                label="Detail"
                value={row.detail}
                onChange={(e) => update({ detail: e.target.value })}
                error={error("detail")}
                placeholder="e.g. foam roller on quads, daily"
              />
              <TextField label="Notes" value={row.notes} onChange={(e) => update({ notes: e.target.value })} error={error("notes")} />
            </div>
          </div>
        );
      })}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => {
          const row = emptySelfCare();
          setAddedKey(row.key);
          onChange([...rows, row]);
        }}
      >
        Add self-care
      </button>
    </fieldset>
  );
}
