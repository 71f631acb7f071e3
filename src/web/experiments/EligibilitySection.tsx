import type { ReactNode } from "react";
import type { FieldErrors } from "../api";
import type { QualityCode, Vocabulary } from "../clinical/types";
import { CheckboxField, SelectField, TextField, type Option } from "../components/Field";
import type { TrainingPattern } from "../../experiments/schema.js";
import { type FindingDraft, type PlanDraft } from "./plan-draft";
import { gradeName, PATTERN_NAMES, TRAINING_PATTERN_CODES } from "./plan-words";

/** The eligibility part of the experiment form: complaint regions, required findings, training. */

export /** The first error at or under a field path (a list's own error or one of its items'). */
function errorUnder(errors: FieldErrors, prefix: string): string | undefined {
  const key = Object.keys(errors).find((k) => k === prefix || k.startsWith(`${prefix}.`));
  return key === undefined ? undefined : errors[key];
}

const GRADE_OPTIONS: Option[] = [1, 2, 3].map((g) => ({ value: String(g), label: `${gradeName(g)} (${g}) or more` }));

export function EligibilitySection({
  draft,
  patch,
  vocabulary,
  errors,
}: {
  draft: PlanDraft;
  patch: (next: Partial<PlanDraft>) => void;
  vocabulary: Vocabulary;
  errors: FieldErrors;
}): ReactNode {
  const regionOptions: Option[] = vocabulary.regions.map((r) => ({ value: r.code, label: r.name }));
  const regionName = (code: string): string => vocabulary.regions.find((r) => r.code === code)?.name ?? code;
  const setFinding = (index: number, next: Partial<FindingDraft>): void =>
    patch({ findings: draft.findings.map((f, i) => (i === index ? { ...f, ...next } : f)) });
  const togglePattern = (pattern: TrainingPattern, on: boolean): void =>
    patch({ trainingPatterns: on ? [...draft.trainingPatterns, pattern] : draft.trainingPatterns.filter((p) => p !== pattern) });
  return (
    <fieldset className="form-section">
      <legend>Who can take part</legend>
      <SelectField
        label="Add a complaint region"
        hint="The client has an active or improving complaint in one of these regions (or a region inside one)."
        value=""
        error={errorUnder(errors, "eligibility.complaintRegions")}
        options={[{ value: "", label: "Choose a region…" }, ...regionOptions.filter((o) => !draft.complaintRegions.includes(o.value))]}
        onChange={(e) => {
          if (e.target.value) patch({ complaintRegions: [...draft.complaintRegions, e.target.value] });
        }}
      />
      {draft.complaintRegions.length > 0 ? (
        <ul className="chip-list" aria-label="Complaint regions">
          {draft.complaintRegions.map((code) => (
            <li key={code} className="chip">
              {regionName(code)}
              <button
                type="button"
                className="button button--quiet chip__remove"
                aria-label={`Remove ${regionName(code)}`}
                onClick={() => patch({ complaintRegions: draft.complaintRegions.filter((c) => c !== code) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No complaint region required.</p>
      )}

      <h2 className="subheading experiment-form__subheading">Required findings</h2>
      <p className="muted">Each must be in the client&apos;s most recent signed session with findings.</p>
      {draft.findings.map((finding, index) => (
        <fieldset key={index} className="row-card experiment-finding">
          <legend>Required finding {index + 1}</legend>
          <div className="grid grid--4">
            <SelectField
              label="Region"
              value={finding.regionCode}
              error={errors[`eligibility.requiredFindings.${index}.regionCode`]}
              options={[{ value: "", label: "Choose…" }, ...regionOptions]}
              onChange={(e) => setFinding(index, { regionCode: e.target.value })}
            />
            <SelectField
              label="Quality"
              value={finding.quality}
              error={errors[`eligibility.requiredFindings.${index}.quality`]}
              options={vocabulary.qualities.map((q) => ({ value: q.code, label: q.name }))}
              onChange={(e) => {
                const quality = vocabulary.qualities.find((q) => q.code === e.target.value)?.code;
                if (quality) setFinding(index, { quality });
              }}
            />
            <SelectField
              label="Minimum grade"
              value={finding.minGrade}
              error={errors[`eligibility.requiredFindings.${index}.minGrade`]}
              options={GRADE_OPTIONS}
              onChange={(e) => setFinding(index, { minGrade: e.target.value })}
            />
            <SelectField
              label="Texture descriptor"
              value={finding.descriptor}
              error={errors[`eligibility.requiredFindings.${index}.descriptor`]}
              options={[{ value: "", label: "Any" }, ...vocabulary.textureDescriptors.map((d) => ({ value: d, label: d }))]}
              onChange={(e) => setFinding(index, { descriptor: e.target.value })}
            />
          </div>
          <button
            type="button"
            className="button button--danger-quiet"
            onClick={() => patch({ findings: draft.findings.filter((_, i) => i !== index) })}
          >
            Remove finding {index + 1}
          </button>
        </fieldset>
      ))}
      {errors["eligibility.requiredFindings"] ? <p className="field__error">{errors["eligibility.requiredFindings"]}</p> : null}
      <button
        type="button"
        className="button button--secondary"
        onClick={() =>
          patch({
            findings: [...draft.findings, { regionCode: "", quality: "tension" satisfies QualityCode, minGrade: "2", descriptor: "" }],
          })
        }
      >
        Add required finding
      </button>

      <h2 className="subheading experiment-form__subheading">Training</h2>
      <CheckboxField
        label="Require a training pattern"
        checked={draft.trainingOn}
        onChange={(e) => patch({ trainingOn: e.target.checked })}
      />
      {draft.trainingOn ? (
        <div className="experiment-training">
          <fieldset className="checkbox-group">
            <legend>Runs labelled</legend>
            {TRAINING_PATTERN_CODES.map((pattern) => (
              <CheckboxField
                key={pattern}
                label={PATTERN_NAMES[pattern]}
                checked={draft.trainingPatterns.includes(pattern)}
                onChange={(e) => togglePattern(pattern, e.target.checked)}
              />
            ))}
            {errorUnder(errors, "eligibility.training.patterns") ? (
              <p className="field__error">{errorUnder(errors, "eligibility.training.patterns")}</p>
            ) : null}
          </fieldset>
          <div className="grid grid--2">
            <TextField
              label="Minimum runs a week"
              type="number"
              min={0.1}
              max={14}
              step={0.1}
              value={draft.trainingMinRuns}
              error={errors["eligibility.training.minRunsPerWeek"]}
              onChange={(e) => patch({ trainingMinRuns: e.target.value })}
            />
            <TextField
              label="Over the last (weeks)"
              type="number"
              min={1}
              max={26}
              value={draft.trainingWeeks}
              error={errors["eligibility.training.weeks"]}
              onChange={(e) => patch({ trainingWeeks: e.target.value })}
            />
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}
