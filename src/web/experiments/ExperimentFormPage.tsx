import { useState, type ReactNode } from "react";
import { DraftRestored, DraftStatus } from "../components/DraftStatus";
import { useFormDraft } from "../components/useFormDraft";
import type { FieldErrors } from "../api";
import { clinicalApi } from "../clinical/api";
import type { Protocol, Vocabulary } from "../clinical/types";
import { useVocabulary } from "../clinical/vocabulary";
import { SelectField, TextAreaField, TextField, type Option } from "../components/Field";
import { ErrorMessage, Loading } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { useFormSubmit } from "../components/useFormSubmit";
import { usePracticeCatalogue } from "../questionnaires/catalogue";
import { useTitle } from "../components/useTitle";
import { Link, navigate } from "../router";
import type { Allocation, Design, ExperimentView, RunningOutcome } from "../../experiments/schema.js";
import { experimentsApi } from "./api";
import { EligibilitySection, errorUnder } from "./EligibilitySection";
import { libraryMcid, outcomeMeasures } from "./outcome-measures";
import { blankDraft, draftFromPlan, type PlanDraft, planFromDraft, type SecondaryDraft, USUAL_CARE } from "./plan-draft";
import { ALLOCATION_NAMES, DESIGN_NAMES, RUNNING_OUTCOME_NAMES } from "./plan-words";

/** Outcome choices: the library's scales and the practice's scored questionnaires (loaded by the page). */
function measureOptions(): Option[] {
  return outcomeMeasures().map((m) => ({
    value: m.code,
    label: `${m.name} — ${m.higherIsBetter ? "higher" : "lower"} is better`,
  }));
}

function SecondaryRow({
  outcome,
  index,
  onChange,
  onRemove,
  errors,
}: {
  outcome: SecondaryDraft;
  index: number;
  onChange: (next: SecondaryDraft) => void;
  onRemove: () => void;
  errors: FieldErrors;
}): ReactNode {
  return (
    <fieldset className="row-card">
      <legend>Secondary outcome {index + 1}</legend>
      {outcome.kind === "measure" ? (
        <div className="grid grid--2">
          <SelectField
            label="Measure"
            value={outcome.measureCode}
            error={errors[`secondaryOutcomes.${index}.measureCode`]}
            options={measureOptions()}
            onChange={(e) => onChange({ ...outcome, measureCode: e.target.value })}
          />
          <TextField
            label="Day after the first session"
            type="number"
            min={0}
            max={180}
            value={outcome.days}
            error={errors[`secondaryOutcomes.${index}.days`]}
            onChange={(e) => onChange({ ...outcome, days: e.target.value })}
          />
        </div>
      ) : (
        <SelectField
          label="Running outcome"
          value={outcome.metric}
          error={errors[`secondaryOutcomes.${index}.metric`]}
          options={Object.entries(RUNNING_OUTCOME_NAMES).map(([value, label]) => ({ value, label }))}
          onChange={(e) => {
            const metric = Object.keys(RUNNING_OUTCOME_NAMES).find((m): m is RunningOutcome => m === e.target.value);
            if (metric) onChange({ kind: "running", metric });
          }}
        />
      )}
      <button type="button" className="button button--danger-quiet" onClick={onRemove}>
        Remove secondary outcome {index + 1}
      </button>
    </fieldset>
  );
}

function PlanForm({
  initial,
  experimentId,
  version,
  protocols,
  vocabulary,
}: {
  initial: PlanDraft;
  experimentId: string | null;
  /** The draft's version when the form was opened: saving it is refused (409) if someone changed it since. */
  version: number;
  protocols: Protocol[];
  vocabulary: Vocabulary;
}): ReactNode {
  const [draft, setDraft] = useState(initial);
  const kept = useFormDraft({
    key: experimentId === null ? "experiment:new" : `experiment:${experimentId}`,
    clientId: null,
    value: draft,
    pristine: initial,
    restore: setDraft,
  });
  const { busy, error, errors, submit } = useFormSubmit();
  const patch = (next: Partial<PlanDraft>): void => setDraft((old) => ({ ...old, ...next }));
  const protocolOptions: Option[] = protocols.map((p) => ({ value: p.id, label: p.name }));
  const mcid = libraryMcid(draft.primaryMeasure);
  const setSecondary = (index: number, next: SecondaryDraft): void =>
    patch({ secondary: draft.secondary.map((s, i) => (i === index ? next : s)) });

  return (
    <form
      className="experiment-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit(async () => {
          const plan = planFromDraft(draft);
          const { experiment } =
            experimentId === null ? await experimentsApi.create(plan) : await experimentsApi.update(experimentId, version, plan);
          kept.committed(draft);
          navigate(`/experiments/${encodeURIComponent(experiment.id)}`);
        });
      }}
    >
      <ErrorMessage message={error} />
      <DraftRestored draft={kept} />
      <fieldset className="form-section">
        <legend>The question</legend>
        <TextField label="Title" required value={draft.title} error={errors.title} onChange={(e) => patch({ title: e.target.value })} />
        <TextAreaField
          label="Hypothesis"
          hint="What you expect, in one or two sentences: which treatment changes which outcome, for whom, by when."
          value={draft.hypothesis}
          error={errors.hypothesis}
          onChange={(e) => patch({ hypothesis: e.target.value })}
        />
        <TextAreaField
          label="Rationale"
          hint="What you have seen in practice that makes you think so."
          value={draft.rationale}
          error={errors.rationale}
          onChange={(e) => patch({ rationale: e.target.value })}
        />
      </fieldset>

      <EligibilitySection draft={draft} patch={patch} vocabulary={vocabulary} errors={errors} />

      <fieldset className="form-section">
        <legend>Treatments and design</legend>
        <div className="grid grid--2">
          <SelectField
            label="Intervention protocol"
            value={draft.interventionProtocolId}
            error={errors.interventionProtocolId}
            options={[{ value: "", label: "Choose a protocol…" }, ...protocolOptions]}
            onChange={(e) => patch({ interventionProtocolId: e.target.value })}
          />
          <SelectField
            label="Comparator"
            hint="What the intervention is compared with."
            value={draft.comparator}
            error={errorUnder(errors, "comparator")}
            options={[
              { value: USUAL_CARE, label: "Usual care" },
              ...protocolOptions.filter((o) => o.value !== draft.interventionProtocolId),
            ]}
            onChange={(e) => patch({ comparator: e.target.value })}
          />
          <SelectField
            label="Design"
            value={draft.design}
            error={errors.design}
            options={Object.entries(DESIGN_NAMES).map(([value, label]) => ({ value, label }))}
            onChange={(e) => {
              const design = Object.keys(DESIGN_NAMES).find((d): d is Design => d === e.target.value);
              if (design) patch({ design });
            }}
          />
          {draft.design === "two-protocols" ? (
            <SelectField
              label="Allocation"
              hint="How each enrolled client's group is decided."
              value={draft.allocation}
              error={errors.allocation}
              options={Object.entries(ALLOCATION_NAMES).map(([value, label]) => ({ value, label }))}
              onChange={(e) => {
                const allocation = Object.keys(ALLOCATION_NAMES).find((a): a is Allocation => a === e.target.value);
                if (allocation) patch({ allocation });
              }}
            />
          ) : null}
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Primary outcome</legend>
        <SelectField
          label="Measure"
          hint="Numeric scales only: their changes can be compared across clients."
          value={draft.primaryMeasure}
          error={errors["primaryOutcome.measureCode"]}
          options={measureOptions()}
          onChange={(e) => patch({ primaryMeasure: e.target.value })}
        />
        <div className="grid grid--2">
          <TextField
            label="Day after the first session"
            type="number"
            min={0}
            max={180}
            value={draft.primaryDays}
            error={errors["primaryOutcome.days"]}
            onChange={(e) => patch({ primaryDays: e.target.value })}
          />
          <TextField
            label="Important change (MCID), points"
            type="number"
            min={0}
            step="any"
            hint={
              mcid === null
                ? "This measure has no published threshold: set one, or responders cannot be counted."
                : `Leave blank to use the measure's own: ${mcid} points.`
            }
            value={draft.primaryMcid}
            error={errors["primaryOutcome.mcid"]}
            onChange={(e) => patch({ primaryMcid: e.target.value })}
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Secondary outcomes</legend>
        {draft.secondary.length === 0 ? <p className="muted">None.</p> : null}
        {draft.secondary.map((outcome, index) => (
          <SecondaryRow
            key={index}
            outcome={outcome}
            index={index}
            errors={errors}
            onChange={(next) => setSecondary(index, next)}
            onRemove={() => patch({ secondary: draft.secondary.filter((_, i) => i !== index) })}
          />
        ))}
        <div className="form-actions form-actions--start">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => patch({ secondary: [...draft.secondary, { kind: "measure", measureCode: "nprs", days: "14" }] })}
          >
            Add a measure
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => patch({ secondary: [...draft.secondary, { kind: "running", metric: "cadence-at-matched-pace" }] })}
          >
            Add a running outcome
          </button>
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Size</legend>
        <TextField
          label="Planned number of clients"
          type="number"
          min={1}
          max={1000}
          value={draft.plannedClients}
          error={errors.plannedClients}
          onChange={(e) => patch({ plannedClients: e.target.value })}
          fieldClassName="field--narrow"
        />
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? "Saving…" : experimentId === null ? "Save draft" : "Save changes"}
        </button>
        <Link
          to={experimentId === null ? "/experiments" : `/experiments/${encodeURIComponent(experimentId)}`}
          className="button button--quiet"
          onClick={kept.discard}
        >
          Cancel
        </Link>
        <DraftStatus draft={kept} />
      </div>
    </form>
  );
}

/** `/experiments/new` and `/experiments/:id/edit` (drafts only): the plan before pre-registration. */
export function ExperimentFormPage({ id }: { id: string | null }): ReactNode {
  useTitle(id === null ? "New experiment" : "Edit experiment");
  usePracticeCatalogue();
  const vocab = useVocabulary();
  const protocols = useAsync(() => clinicalApi.protocols(), "protocols");
  const existing = useAsync<{ experiment: ExperimentView } | null>(
    () => (id === null ? Promise.resolve(null) : experimentsApi.get(id)),
    id ?? "new",
  );

  if (vocab.state.status === "error") return <ErrorMessage message={vocab.state.message} onRetry={vocab.retry} />;
  if (protocols.state.status === "error") return <ErrorMessage message={protocols.state.message} onRetry={protocols.reload} />;
  if (existing.state.status === "error") return <ErrorMessage message={existing.state.message} onRetry={existing.reload} />;
  if (vocab.state.status === "loading" || protocols.state.status !== "ready" || existing.state.status !== "ready") {
    return <Loading label="Loading…" />;
  }
  const experiment = existing.state.data?.experiment ?? null;
  if (experiment && experiment.status !== "draft") {
    return (
      <>
        <h1>Edit experiment</h1>
        <p>
          This experiment is pre-registered: its plan is locked and changes only by a listed amendment.{" "}
          <Link to={`/experiments/${encodeURIComponent(experiment.id)}`}>Back to the experiment</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{experiment ? "Edit experiment" : "New experiment"}</h1>
          <p className="muted">A draft can change freely. Starting it pre-registers the plan: from then on it is locked.</p>
        </div>
      </div>
      <PlanForm
        initial={experiment ? draftFromPlan(experiment.plan) : blankDraft()}
        experimentId={experiment?.id ?? null}
        version={experiment?.version ?? 1}
        protocols={protocols.state.data.protocols}
        vocabulary={vocab.state.vocabulary}
      />
    </>
  );
}
