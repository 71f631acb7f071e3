import { useState, type ReactNode } from "react";
import { CollapsibleSection } from "../components/Sections";
import type { AmendableField, ExperimentView } from "../../experiments/schema.js";
import { SelectField, TextAreaField, TextField } from "../components/Field";
import { ErrorMessage } from "../components/Status";
import { useFormSubmit } from "../components/useFormSubmit";
import { formatTimestamp } from "../format";
import { useMe } from "../session";
import { experimentsApi } from "./api";
import { AMENDABLE_FIELD_CODES, AMENDABLE_FIELD_NAMES, describeValue, prettyRecord } from "./plan-words";

/** A hash in monospace with a button that copies it. */
export function Hash({ value, label }: { value: string; label: string }): ReactNode {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  return (
    <span className="hash">
      <code className="hash__value" aria-label={label}>
        {value}
      </code>
      <button
        type="button"
        className="button button--quiet hash__copy"
        onClick={() => {
          navigator.clipboard.writeText(value).then(
            () => setCopied("yes"),
            () => setCopied("failed"),
          );
        }}
      >
        Copy
      </button>
      <span className="muted" role="status">
        {copied === "yes" ? "Copied" : copied === "failed" ? "Copying is not allowed here: select the text instead" : ""}
      </span>
    </span>
  );
}

const TEXT_FIELDS: readonly AmendableField[] = ["title", "hypothesis", "rationale"];

function currentValue(experiment: ExperimentView, field: AmendableField): unknown {
  return experiment.plan[field];
}

/** The editor for an amendment's new value: a plain input for text and numbers, JSON for the rest. */
function initialText(experiment: ExperimentView, field: AmendableField): string {
  const value = currentValue(experiment, field);
  if (field === "plannedClients" || TEXT_FIELDS.includes(field)) return describeValue(value);
  return JSON.stringify(value, null, 2);
}

function AmendForm({
  experiment,
  onChanged,
  onDone,
}: {
  experiment: ExperimentView;
  onChanged: (e: ExperimentView) => void;
  onDone: () => void;
}): ReactNode {
  const [field, setField] = useState<AmendableField>("plannedClients");
  const [text, setText] = useState(() => initialText(experiment, "plannedClients"));
  const [reason, setReason] = useState("");
  const { busy, error, errors, setError, setErrors, submit } = useFormSubmit();

  function parseValue(): { ok: true; value: unknown } | { ok: false } {
    if (TEXT_FIELDS.includes(field)) return { ok: true, value: text };
    if (field === "plannedClients") return { ok: true, value: text.trim() === "" ? null : Number(text) };
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch {
      return { ok: false };
    }
  }

  return (
    <form
      className="amend-form"
      aria-label="Amend the plan"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = parseValue();
        if (!parsed.ok) {
          setError("The new value is not valid JSON.");
          setErrors({ value: "Not valid JSON: check brackets, quotes and commas" });
          return;
        }
        submit(async () => {
          onChanged((await experimentsApi.amend(experiment.id, field, parsed.value, reason)).experiment);
          onDone();
        });
      }}
    >
      <ErrorMessage message={error} />
      <SelectField
        label="Field to amend"
        value={field}
        error={errors.field}
        options={AMENDABLE_FIELD_CODES.map((code) => ({ value: code, label: AMENDABLE_FIELD_NAMES[code] }))}
        onChange={(e) => {
          const next = AMENDABLE_FIELD_CODES.find((code) => code === e.target.value);
          if (!next) return;
          setField(next);
          setText(initialText(experiment, next));
        }}
      />
      {field === "plannedClients" ? (
        <TextField
          label="New value"
          type="number"
          min={1}
          max={1000}
          value={text}
          error={errors.value}
          onChange={(e) => setText(e.target.value)}
        />
      ) : field === "title" ? (
        <TextField label="New value" value={text} error={errors.value} onChange={(e) => setText(e.target.value)} />
      ) : TEXT_FIELDS.includes(field) ? (
        <TextAreaField label="New value" value={text} error={errors.value} onChange={(e) => setText(e.target.value)} />
      ) : (
        <TextAreaField
          label="New value (JSON)"
          hint="The whole value as it should be after the amendment; it starts as the current value."
          className="input--code"
          rows={10}
          spellCheck={false}
          value={text}
          error={errorUnderValue(errors)}
          onChange={(e) => setText(e.target.value)}
        />
      )}
      <TextAreaField
        label="Reason"
        required
        hint="Why the plan changes; shown with the amendment on every report."
        value={reason}
        error={errors.reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="form-actions form-actions--start">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? "Saving…" : "Record amendment"}
        </button>
        <button type="button" className="button button--quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The server names nested problems as `value.path`; any of them belongs under the value editor. */
function errorUnderValue(errors: Record<string, string>): string | undefined {
  const key = Object.keys(errors).find((k) => k === "value" || k.startsWith("value."));
  if (key === undefined) return undefined;
  return key === "value" ? errors[key] : `${key.slice("value.".length)}: ${errors[key] ?? ""}`;
}

/** The pre-registration: when and by whom, the fingerprint, the frozen record and the amendments since. */
export function RegistrationPanel({
  experiment,
  onChanged,
}: {
  experiment: ExperimentView;
  onChanged: (e: ExperimentView) => void;
}): ReactNode {
  const me = useMe();
  const [amending, setAmending] = useState(false);
  const registration = experiment.registration;
  if (!registration) return null;
  const tz = me.practice.timeZone;
  return (
    <CollapsibleSection id="registration-heading" title="Pre-registration">
      <dl className="dl registration">
        <div className="dl__row">
          <dt>Registered</dt>
          <dd>
            {formatTimestamp(registration.at, tz)} by {registration.byName}
          </dd>
        </div>
        <div className="dl__row">
          <dt>SHA-256 of the record</dt>
          <dd>
            <Hash value={registration.sha256} label="Registration SHA-256" />
          </dd>
        </div>
        {experiment.amendments.length > 0 ? (
          <div className="dl__row">
            <dt>Current plan (after amendment {experiment.amendments.length})</dt>
            <dd>
              <Hash value={experiment.currentSha256} label="Current plan SHA-256" />
              <span className="muted"> SHA-256 of the plan alone as it stands now.</span>
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="muted">
        Anyone holding the record below can recompute its SHA-256 and check it matches the one shown on every report: the plan cannot have
        been changed after the results were known without it showing.
      </p>
      <details className="record">
        <summary>Frozen record (canonical JSON)</summary>
        <pre className="record__json">{prettyRecord(registration.record)}</pre>
      </details>

      <h3>Amendments</h3>
      {experiment.amendments.length === 0 ? (
        <p className="muted">None: the plan is as registered.</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--compact amendments">
            <thead>
              <tr>
                <th scope="col">No.</th>
                <th scope="col">When, who</th>
                <th scope="col">Field</th>
                <th scope="col">Before → after</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {experiment.amendments.map((a) => (
                <tr key={a.number}>
                  <td>{a.number}</td>
                  <td>
                    {formatTimestamp(a.at, tz)}
                    <br />
                    <span className="muted">{a.byName}</span>
                  </td>
                  <td>{AMENDABLE_FIELD_NAMES[a.field]}</td>
                  <td className="amendments__change">
                    <span className="amendments__before">{describeValue(a.before)}</span> →{" "}
                    <span className="amendments__after">{describeValue(a.after)}</span>
                  </td>
                  <td>{a.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {experiment.status === "running" ? (
        amending ? (
          <AmendForm experiment={experiment} onChanged={onChanged} onDone={() => setAmending(false)} />
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setAmending(true)}>
            Amend
          </button>
        )
      ) : null}
    </CollapsibleSection>
  );
}
