import { useState, type ReactNode } from "react";
import type { QuestionnaireDefinition, QuestionnaireItem } from "../../shared/measures";
import { CheckboxField, SelectField, TextField } from "../components/Field";
import { ErrorMessage } from "../components/Status";
import { useFormSubmit } from "../components/useFormSubmit";

type ItemType = QuestionnaireItem["type"];

/** One item as the form edits it: every field as text, whatever the type. */
interface ItemDraft {
  key: string;
  type: ItemType;
  text: string;
  lowAnchor: string;
  highAnchor: string;
  options: { label: string; score: string }[];
  unit: string;
  min: string;
  max: string;
  scored: boolean;
  reverse: boolean;
}

export interface QuestionnaireDraft {
  title: string;
  instructions: string;
  items: ItemDraft[];
  method: "sum" | "mean" | "none";
  minAnswered: string;
  prorate: boolean;
  higherIsBetter: boolean;
  mcidPoints: string;
  mcidSource: string;
}

const TYPE_OPTIONS = [
  { value: "scale", label: "0–10 scale" },
  { value: "choice", label: "Single choice" },
  { value: "yes-no", label: "Yes / no" },
  { value: "number", label: "Number" },
  { value: "text", label: "Free text" },
];

function blankItem(index: number): ItemDraft {
  return {
    key: `q${index + 1}`,
    type: "scale",
    text: "",
    lowAnchor: "",
    highAnchor: "",
    options: [
      { label: "", score: "0" },
      { label: "", score: "1" },
    ],
    unit: "",
    min: "0",
    max: "10",
    scored: false,
    reverse: false,
  };
}

export const BLANK_QUESTIONNAIRE: QuestionnaireDraft = {
  title: "",
  instructions: "",
  items: [blankItem(0)],
  method: "sum",
  minAnswered: "1",
  prorate: false,
  higherIsBetter: true,
  mcidPoints: "",
  mcidSource: "",
};

export function draftOf(definition: QuestionnaireDefinition): QuestionnaireDraft {
  return {
    title: definition.title,
    instructions: definition.instructions ?? "",
    items: definition.items.map((item, index) => ({
      ...blankItem(index),
      ...item,
      options: item.type === "choice" ? item.options.map((o) => ({ label: o.label, score: String(o.score) })) : blankItem(index).options,
      min: item.type === "number" ? String(item.min) : "0",
      max: item.type === "number" ? String(item.max) : "10",
      reverse: "reverse" in item ? item.reverse : false,
    })),
    method: definition.scoring.method,
    minAnswered: String(definition.scoring.minAnswered),
    prorate: definition.scoring.prorate,
    higherIsBetter: definition.scoring.higherIsBetter,
    mcidPoints: definition.mcid ? String(definition.mcid.points) : "",
    mcidSource: definition.mcid?.source ?? "",
  };
}

/** The draft as the request body; numbers the form cannot read go as text, so the server names the field. */
function toBody(draft: QuestionnaireDraft): object {
  const number = (raw: string): number | string => (raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw);
  return {
    title: draft.title,
    instructions: draft.instructions.trim() || null,
    items: draft.items.map((item) => {
      const base = { key: item.key, type: item.type, text: item.text };
      switch (item.type) {
        case "scale":
          return { ...base, lowAnchor: item.lowAnchor, highAnchor: item.highAnchor, reverse: item.reverse };
        case "choice":
          return { ...base, options: item.options.map((o) => ({ label: o.label, score: number(o.score) })), reverse: item.reverse };
        case "yes-no":
          return { ...base, reverse: item.reverse };
        case "number":
          return { ...base, unit: item.unit, min: number(item.min), max: number(item.max), scored: item.scored, reverse: item.reverse };
        case "text":
          return base;
      }
    }),
    scoring: { method: draft.method, minAnswered: number(draft.minAnswered), prorate: draft.prorate, higherIsBetter: draft.higherIsBetter },
    mcid:
      draft.mcidPoints.trim() === "" && draft.mcidSource.trim() === ""
        ? null
        : { points: number(draft.mcidPoints), source: draft.mcidSource },
  };
}

/** The questionnaire builder: items in order (wording, anchors, answers), scoring, and the MCID with its source. */
export function QuestionnaireForm({
  initial,
  submitLabel,
  onSave,
  onCancel,
}: {
  initial: QuestionnaireDraft;
  submitLabel: string;
  onSave: (body: object) => Promise<void>;
  onCancel: () => void;
}): ReactNode {
  const [draft, setDraft] = useState(initial);
  const { busy, error, errors, submit } = useFormSubmit();
  const patch = (next: Partial<QuestionnaireDraft>): void => setDraft((old) => ({ ...old, ...next }));
  const patchItem = (index: number, next: Partial<ItemDraft>): void =>
    setDraft((old) => ({ ...old, items: old.items.map((item, i) => (i === index ? { ...item, ...next } : item)) }));
  const move = (index: number, by: number): void =>
    setDraft((old) => {
      const items = [...old.items];
      const [moved] = items.splice(index, 1);
      if (moved) items.splice(index + by, 0, moved);
      return { ...old, items };
    });
  const nextKey = (): string => {
    const used = new Set(draft.items.map((i) => i.key));
    let n = draft.items.length + 1;
    while (used.has(`q${n}`)) n += 1;
    return `q${n}`;
  };

  return (
    <form
      className="questionnaire-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit(() => onSave(toBody(draft)));
      }}
    >
      <ErrorMessage message={error} />
      <TextField label="Title" required value={draft.title} error={errors.title} onChange={(e) => patch({ title: e.target.value })} />
      <TextField
        label="Instructions (optional)"
        value={draft.instructions}
        error={errors.instructions}
        onChange={(e) => patch({ instructions: e.target.value })}
      />
      <ol className="questionnaire-form__items">
        {draft.items.map((item, index) => {
          const at = (field: string) => errors[`items.${index}.${field}`];
          return (
            <li key={item.key} className="card" aria-label={`Item ${index + 1}`}>
              <div className="grid grid--2">
                <TextField
                  label={`Item ${index + 1} wording`}
                  required
                  value={item.text}
                  error={at("text") ?? errors[`items.${index}`]}
                  onChange={(e) => patchItem(index, { text: e.target.value })}
                />
                <SelectField
                  label={`Item ${index + 1} type`}
                  options={TYPE_OPTIONS}
                  value={item.type}
                  onChange={(e) => patchItem(index, { type: e.target.value as ItemType })}
                />
              </div>
              {item.type === "scale" ? (
                <div className="grid grid--2">
                  <TextField
                    label="Anchor at 0"
                    value={item.lowAnchor}
                    error={at("lowAnchor")}
                    onChange={(e) => patchItem(index, { lowAnchor: e.target.value })}
                  />
                  <TextField
                    label="Anchor at 10"
                    value={item.highAnchor}
                    error={at("highAnchor")}
                    onChange={(e) => patchItem(index, { highAnchor: e.target.value })}
                  />
                </div>
              ) : null}
              {item.type === "choice" ? (
                <fieldset>
                  <legend>Answers and their scores</legend>
                  {at("options") ? <p className="field__error">{at("options")}</p> : null}
                  {item.options.map((option, optionIndex) => (
                    <div className="grid grid--2" key={optionIndex}>
                      <TextField
                        label={`Answer ${optionIndex + 1}`}
                        value={option.label}
                        error={at(`options.${optionIndex}.label`)}
                        onChange={(e) =>
                          patchItem(index, {
                            options: item.options.map((o, i) => (i === optionIndex ? { ...o, label: e.target.value } : o)),
                          })
                        }
                      />
                      <TextField
                        label={`Answer ${optionIndex + 1} score`}
                        inputMode="decimal"
                        value={option.score}
                        error={at(`options.${optionIndex}.score`)}
                        onChange={(e) =>
                          patchItem(index, {
                            options: item.options.map((o, i) => (i === optionIndex ? { ...o, score: e.target.value } : o)),
                          })
                        }
                      />
                    </div>
                  ))}
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => patchItem(index, { options: [...item.options, { label: "", score: String(item.options.length) }] })}
                  >
                    Add answer
                  </button>
                </fieldset>
              ) : null}
              {item.type === "number" ? (
                <div className="grid grid--3">
                  <TextField
                    label="Unit"
                    value={item.unit}
                    error={at("unit")}
                    onChange={(e) => patchItem(index, { unit: e.target.value })}
                  />
                  <TextField
                    label="Lowest value"
                    inputMode="decimal"
                    value={item.min}
                    error={at("min")}
                    onChange={(e) => patchItem(index, { min: e.target.value })}
                  />
                  <TextField
                    label="Highest value"
                    inputMode="decimal"
                    value={item.max}
                    error={at("max")}
                    onChange={(e) => patchItem(index, { max: e.target.value })}
                  />
                  <CheckboxField
                    label="Counts towards the score"
                    checked={item.scored}
                    onChange={(e) => patchItem(index, { scored: e.target.checked })}
                  />
                </div>
              ) : null}
              {item.type !== "text" ? (
                <CheckboxField
                  label="Reverse-scored"
                  checked={item.reverse}
                  onChange={(e) => patchItem(index, { reverse: e.target.checked })}
                />
              ) : null}
              <div className="form-actions">
                <button type="button" className="button button--secondary" disabled={index === 0} onClick={() => move(index, -1)}>
                  Move up
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={index === draft.items.length - 1}
                  onClick={() => move(index, 1)}
                >
                  Move down
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={draft.items.length === 1}
                  onClick={() => patch({ items: draft.items.filter((_, i) => i !== index) })}
                >
                  Remove item {index + 1}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      {errors.items ? <p className="field__error">{errors.items}</p> : null}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => patch({ items: [...draft.items, { ...blankItem(draft.items.length), key: nextKey() }] })}
      >
        Add item
      </button>
      <fieldset>
        <legend>Scoring</legend>
        <div className="grid grid--2">
          <SelectField
            label="Scoring method"
            options={[
              { value: "sum", label: "Sum of the items" },
              { value: "mean", label: "Mean of the items" },
              { value: "none", label: "No score" },
            ]}
            value={draft.method}
            error={errors["scoring.method"]}
            onChange={(e) => patch({ method: e.target.value as QuestionnaireDraft["method"] })}
          />
          <TextField
            label="Score when at least this many items are answered"
            inputMode="numeric"
            value={draft.minAnswered}
            error={errors["scoring.minAnswered"]}
            onChange={(e) => patch({ minAnswered: e.target.value })}
          />
        </div>
        <CheckboxField
          label="Prorate missing items (sum × items ÷ answered)"
          checked={draft.prorate}
          onChange={(e) => patch({ prorate: e.target.checked })}
        />
        <CheckboxField
          label="Higher scores are better"
          checked={draft.higherIsBetter}
          onChange={(e) => patch({ higherIsBetter: e.target.checked })}
        />
        <div className="grid grid--2">
          <TextField
            label="MCID points (optional)"
            inputMode="decimal"
            value={draft.mcidPoints}
            error={errors["mcid.points"] ?? errors.mcid}
            onChange={(e) => patch({ mcidPoints: e.target.value })}
          />
          <TextField
            label="MCID source"
            value={draft.mcidSource}
            error={errors["mcid.source"]}
            onChange={(e) => patch({ mcidSource: e.target.value })}
          />
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
