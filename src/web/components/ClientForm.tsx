import { useState, type FormEvent, type ReactNode } from "react";
import { LOCALES } from "../../shared/dates";
import { errorMessage, fieldErrors, type FieldErrors } from "../api";
import { timeZoneOptions } from "../format";
import { Link } from "../router";
import type { ClientInput } from "../types";
import { formToInput, unplacedErrors, validateClientForm, type ClientFormState, type TextKey } from "./clientFormModel";
import { SelectField, TextAreaField, TextField } from "./Field";
import { InjuryRows, SelfCareRows } from "./HistoryRows";
import { ErrorMessage } from "./Status";

interface ClientFormProps {
  initial: ClientFormState;
  submitLabel: string;
  cancelTo: string;
  onSubmit: (input: ClientInput) => Promise<void>;
}

/** Create and edit share one form; the server's field errors land next to the matching input. */
export function ClientForm({ initial, submitLabel, cancelTo, onSubmit }: ClientFormProps): ReactNode {
  const [form, setForm] = useState(initial);
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const text = (key: TextKey) => ({
    value: form[key],
    onChange: (event: { target: { value: string } }) => setForm((old) => ({ ...old, [key]: event.target.value })),
  });

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const errors = validateClientForm(form);
    setFields(errors);
    if (Object.keys(errors).length) {
      setError("Some details need attention. They are marked below.");
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await onSubmit(formToInput(form));
    } catch (err) {
      setError(errorMessage(err));
      setFields(fieldErrors(err));
      setBusy(false);
    }
  }

  const unplaced = unplacedErrors(fields);
  const goalError = fields["running.goalEvent.name"] ?? fields["running.goalEvent"];

  return (
    <form className="client-form" onSubmit={(event) => void submit(event)} noValidate>
      <ErrorMessage message={error} />
      {unplaced.length ? (
        <ul className="alert alert--error alert__list">
          {unplaced.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}

      <fieldset className="form-section">
        <legend>Contact</legend>
        <div className="grid grid--2">
          <TextField label="First name" {...text("firstName")} error={fields.firstName} autoComplete="off" required />
          <TextField label="Last name" {...text("lastName")} error={fields.lastName} autoComplete="off" required />
          <TextField label="Email" type="email" {...text("email")} error={fields.email} autoComplete="off" />
          <TextField label="Phone" type="tel" {...text("phone")} error={fields.phone} autoComplete="off" />
          <TextField label="Date of birth" type="date" {...text("dateOfBirth")} error={fields.dateOfBirth} />
          <SelectField
            label="Time zone"
            {...text("timeZone")}
            error={fields.timeZone}
            hint="Check-in messages are sent in the client's time zone."
            options={timeZoneOptions(form.timeZone).map((zone) => ({ value: zone, label: zone }))}
          />
          <SelectField
            label="Language for e-mails and links"
            {...text("locale")}
            error={fields.locale}
            hint="How dates are written in the client's check-in e-mails and link pages."
            options={[{ value: "", label: "Practice default" }, ...LOCALES.map((l) => ({ value: l.code, label: l.name }))]}
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Running background</legend>
        <div className="grid grid--2">
          <TextField
            label="Years running"
            type="number"
            min={0}
            step="any"
            inputMode="decimal"
            {...text("yearsRunning")}
            error={fields["running.yearsRunning"]}
          />
          <TextField
            label="Weekly distance (km)"
            type="number"
            min={0}
            step="any"
            inputMode="decimal"
            {...text("weeklyKm")}
            error={fields["running.weeklyKm"]}
          />
        </div>
        <h3 className="subheading">Goal event</h3>
        <div className="grid grid--3">
          <TextField label="Event name" {...text("goalName")} error={goalError} placeholder="e.g. Berlin Marathon" />
          <TextField label="Event date" type="date" {...text("goalDate")} error={fields["running.goalEvent.date"]} />
          <TextField
            label="Event distance (km)"
            type="number"
            min={0}
            step="any"
            inputMode="decimal"
            list="goal-distances"
            {...text("goalDistanceKm")}
            error={fields["running.goalEvent.distanceKm"]}
          />
        </div>
        <datalist id="goal-distances">
          <option value="5">5K</option>
          <option value="10">10K</option>
          <option value="21.1">Half marathon</option>
          <option value="42.2">Marathon</option>
        </datalist>
      </fieldset>

      <InjuryRows
        rows={form.injuries}
        errors={fields}
        onChange={(injuries) => {
          // Row errors are keyed by index, so they go stale when a row is added or removed.
          if (injuries.length !== form.injuries.length) setFields({});
          setForm((old) => ({ ...old, injuries }));
        }}
      />
      <SelfCareRows
        rows={form.selfCare}
        errors={fields}
        onChange={(selfCare) => {
          if (selfCare.length !== form.selfCare.length) setFields({});
          setForm((old) => ({ ...old, selfCare }));
        }}
      />

      <fieldset className="form-section">
        <legend>Notes</legend>
        <TextAreaField label="General notes" {...text("notes")} error={fields.notes} rows={4} />
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
        <Link to={cancelTo} className="button button--secondary">
          Cancel
        </Link>
      </div>
    </form>
  );
}
