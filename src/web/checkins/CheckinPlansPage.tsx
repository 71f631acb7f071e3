import { useState, type ReactNode } from "react";
import type { FieldErrors } from "../api";
import { CheckboxField, TextField } from "../components/Field";
import { useFormSubmit } from "../components/useFormSubmit";
import { ErrorMessage, Loading, SuccessMessage } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { useTitle } from "../components/useTitle";
import { Link } from "../router";
import { checkinApi, type CheckinPlan, type CheckinPlanInput } from "./api";
import { usePracticeCatalogue } from "../questionnaires/catalogue";
import { checkinMeasures, measureName } from "./model";

interface PlanDraft {
  name: string;
  measureCodes: string[];
  offsets: string;
  localHour: string;
  expiresAfterDays: string;
}

const BLANK: PlanDraft = { name: "", measureCodes: [], offsets: "1, 3, 7, 14", localHour: "18", expiresAfterDays: "7" };

function draftOf(plan: CheckinPlan): PlanDraft {
  return {
    name: plan.name,
    measureCodes: plan.measureCodes,
    offsets: plan.offsetsDays.join(", "),
    localHour: String(plan.localHour),
    expiresAfterDays: String(plan.expiresAfterDays),
  };
}

/** The draft as a request, or a field → message map when something cannot be read. */
function toInput(draft: PlanDraft): { input: CheckinPlanInput } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const offsetsDays = draft.offsets
    .split(/[,\s]+/)
    .filter(Boolean)
    .map(Number);
  if (offsetsDays.length === 0 || offsetsDays.some((day) => !Number.isInteger(day) || day < 0)) {
    errors.offsetsDays = "Whole days after the session, separated by commas, e.g. 1, 3, 7";
  }
  const localHour = Number(draft.localHour);
  if (draft.localHour.trim() === "" || !Number.isInteger(localHour) || localHour < 0 || localHour > 23)
    errors.localHour = "An hour from 0 to 23";
  const expiresAfterDays = Number(draft.expiresAfterDays);
  if (!Number.isInteger(expiresAfterDays) || expiresAfterDays < 1) errors.expiresAfterDays = "At least 1 day";
  if (draft.measureCodes.length === 0) errors.measureCodes = "Choose at least one measure";
  if (Object.keys(errors).length > 0) return { errors };
  return { input: { name: draft.name, measureCodes: draft.measureCodes, offsetsDays, localHour, expiresAfterDays } };
}

function PlanForm({
  initial,
  submitLabel,
  onSave,
  onCancel,
}: {
  initial: PlanDraft;
  submitLabel: string;
  onSave: (input: CheckinPlanInput) => Promise<void>;
  onCancel: () => void;
}): ReactNode {
  const [draft, setDraft] = useState(initial);
  const catalogue = usePracticeCatalogue();
  const { busy, error, errors, setError, setErrors, submit } = useFormSubmit();
  const patch = (next: Partial<PlanDraft>): void => setDraft((old) => ({ ...old, ...next }));
  const toggle = (code: string, on: boolean): void =>
    patch({ measureCodes: on ? [...draft.measureCodes, code] : draft.measureCodes.filter((c) => c !== code) });

  return (
    <form
      className="plan-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = toInput(draft);
        if ("errors" in parsed) {
          setErrors(parsed.errors);
          setError("Check the highlighted fields.");
          return;
        }
        setErrors({});
        submit(() => onSave(parsed.input));
      }}
    >
      <ErrorMessage message={error} />
      <TextField label="Plan name" required value={draft.name} error={errors.name} onChange={(e) => patch({ name: e.target.value })} />
      <fieldset className="plan-form__measures">
        <legend>Measures</legend>
        {checkinMeasures(catalogue).map((measure) => (
          <CheckboxField
            key={measure.code}
            label={measure.name}
            checked={draft.measureCodes.includes(measure.code)}
            onChange={(e) => toggle(measure.code, e.target.checked)}
          />
        ))}
        {errors.measureCodes ? <p className="field__error">{errors.measureCodes}</p> : null}
      </fieldset>
      <div className="grid grid--3">
        <TextField
          label="Days after the session"
          hint="Separated by commas"
          value={draft.offsets}
          error={errors.offsetsDays}
          onChange={(e) => patch({ offsets: e.target.value })}
        />
        <TextField
          label="Hour (client's time)"
          hint="Day 0 is the day of the session; if this hour has passed when the session starts, day 0 moves to the next day"
          type="number"
          min={0}
          max={23}
          value={draft.localHour}
          error={errors.localHour}
          onChange={(e) => patch({ localHour: e.target.value })}
        />
        <TextField
          label="Link works for (days)"
          type="number"
          min={1}
          max={60}
          value={draft.expiresAfterDays}
          error={errors.expiresAfterDays}
          onChange={(e) => patch({ expiresAfterDays: e.target.value })}
        />
      </div>
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

function PlanCard({ plan, onSaved }: { plan: CheckinPlan; onSaved: (message: string) => void }): ReactNode {
  const [editing, setEditing] = useState(false);
  return (
    <li className="card" aria-label={plan.name}>
      <div className="card__head">
        <h2>{plan.name}</h2>
        {!editing ? (
          <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
            Edit
          </button>
        ) : null}
      </div>
      {editing ? (
        <PlanForm
          initial={draftOf(plan)}
          submitLabel="Save plan"
          onCancel={() => setEditing(false)}
          onSave={async (input) => {
            const { plan: saved } = await checkinApi.updatePlan(plan.id, plan.version, input);
            setEditing(false);
            onSaved(`Saved ${saved.name}.`);
          }}
        />
      ) : (
        <p className="muted">
          {plan.measureCodes.map(measureName).join(", ")} · days {plan.offsetsDays.join(", ")} after the session at {plan.localHour}:00 ·
          each link works for {plan.expiresAfterDays} day{plan.expiresAfterDays === 1 ? "" : "s"}
        </p>
      )}
    </li>
  );
}

/** `/checkin-plans`: which measures to ask after a session, and when. */
export function CheckinPlansPage(): ReactNode {
  useTitle("Check-in plans");
  const { state, reload } = useAsync(() => checkinApi.plans(), "checkin-plans");
  usePracticeCatalogue();
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  if (state.status === "error" && !state.data) return <ErrorMessage message={state.message} onRetry={reload} />;
  if (!state.data) return <Loading label="Loading check-in plans…" />;
  const saved = (message: string): void => {
    setNotice(message);
    reload();
  };
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Check-in plans</h1>
          <p className="muted">
            Short questionnaires the client answers from a link in the days after a session. Your own questions:{" "}
            <Link to="/questionnaires">Questionnaires</Link>.
          </p>
        </div>
        <div className="page-header__actions">
          <Link to="/checkins" className="button button--secondary">
            Due check-ins
          </Link>
          {!creating ? (
            <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
              New plan
            </button>
          ) : null}
        </div>
      </div>
      <SuccessMessage message={notice} />
      {creating ? (
        <section className="card" aria-labelledby="new-plan-heading">
          <h2 id="new-plan-heading">New plan</h2>
          <PlanForm
            initial={BLANK}
            submitLabel="Create plan"
            onCancel={() => setCreating(false)}
            onSave={async (input) => {
              const { plan } = await checkinApi.createPlan(input);
              setCreating(false);
              saved(`Created ${plan.name}.`);
            }}
          />
        </section>
      ) : null}
      {state.data.plans.length === 0 && !creating ? <p className="empty">No check-in plans yet.</p> : null}
      <ul className="plans">
        {state.data.plans.map((plan) => (
          <PlanCard key={plan.id} plan={plan} onSaved={saved} />
        ))}
      </ul>
    </>
  );
}
