import { useEffect, useState, type ReactNode } from "react";
import { DraftRestored, DraftStatus } from "../components/DraftStatus";
import { draftsApi, useFormDraft } from "../components/useFormDraft";
import { SelectField, TextAreaField, TextField } from "../components/Field";
import { useFormSubmit } from "../components/useFormSubmit";
import { ErrorMessage } from "../components/Status";
import { formatCalendarDate } from "../format";
import { clinicalApi } from "./api";
import type { Complaint, ComplaintInput, ComplaintStatus, StepSide, Vocabulary } from "./types";

const STATUSES: ComplaintStatus[] = ["active", "improving", "resolved"];
const SIDE_OPTIONS = [
  { value: "", label: "Not sided" },
  { value: "right", label: "Right" },
  { value: "left", label: "Left" },
  { value: "both", label: "Both" },
];
const STATUS_BADGE: Record<ComplaintStatus, string> = { active: "badge--warn", improving: "badge--ok", resolved: "badge--muted" };

function toInput(complaint: Complaint | null): ComplaintInput {
  if (!complaint) return { title: "", side: null, regions: [], onsetOn: null, triggers: [], status: "active", notes: null };
  const { title, side, regions, onsetOn, triggers, status, notes } = complaint;
  return { title, side, regions, onsetOn, triggers, status, notes };
}

function TriggerPicker({
  value,
  onChange,
  suggestions,
}: {
  value: string[];
  onChange: (v: string[]) => void;
  suggestions: readonly string[];
}): ReactNode {
  const [text, setText] = useState("");
  const all = [...suggestions, ...value.filter((t) => !suggestions.includes(t))];
  function add(): void {
    const trigger = text.trim();
    if (trigger && !value.includes(trigger)) onChange([...value, trigger]);
    setText("");
  }
  return (
    <div className="field">
      <span className="label">Triggers</span>
      <div className="pills" role="group" aria-label="Triggers">
        {all.map((trigger) => {
          const selected = value.includes(trigger);
          return (
            <button
              key={trigger}
              type="button"
              className="pill"
              aria-pressed={selected}
              onClick={() => onChange(selected ? value.filter((t) => t !== trigger) : [...value, trigger])}
            >
              {trigger}
            </button>
          );
        })}
      </div>
      <div className="inline-add">
        <input
          aria-label="Other trigger"
          placeholder="Other trigger"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="button button--secondary" onClick={add} disabled={!text.trim()}>
          Add trigger
        </button>
      </div>
    </div>
  );
}

/** Where the complaint is felt: any regions of the vocabulary, by tap. */
function RegionPicker({
  value,
  onChange,
  vocabulary,
}: {
  value: string[];
  onChange: (v: string[]) => void;
  vocabulary: Vocabulary;
}): ReactNode {
  return (
    <div className="field">
      <span className="label">Regions</span>
      <div className="pills" role="group" aria-label="Regions">
        {vocabulary.regions.map((region) => {
          const selected = value.includes(region.code);
          return (
            <button
              key={region.code}
              type="button"
              className="pill"
              aria-pressed={selected}
              onClick={() => onChange(selected ? value.filter((c) => c !== region.code) : [...value, region.code])}
            >
              {region.name}
            </button>
          );
        })}
      </div>
    </div>
  );
}

function regionNames(codes: readonly string[], vocabulary: Vocabulary): string {
  return codes.map((code) => vocabulary.regions.find((r) => r.code === code)?.name ?? code).join(", ");
}

function ComplaintForm({
  initial,
  vocabulary,
  onSave,
  onCancel,
  submitLabel,
  draftKey,
  clientId,
}: {
  initial: ComplaintInput;
  vocabulary: Vocabulary;
  onSave: (input: ComplaintInput) => Promise<void>;
  onCancel: () => void;
  submitLabel: string;
  draftKey: string;
  clientId: string;
}): ReactNode {
  const [input, setInput] = useState(initial);
  const kept = useFormDraft({ key: draftKey, clientId, value: input, pristine: initial, restore: setInput });
  const { busy, error, errors, submit } = useFormSubmit();
  const patch = (next: Partial<ComplaintInput>): void => setInput((old) => ({ ...old, ...next }));
  return (
    <form
      className="complaint-form"
      onSubmit={(event) => {
        event.preventDefault();
        submit(async () => {
          await onSave(input);
          kept.committed(input);
        });
      }}
    >
      <ErrorMessage message={error} />
      <DraftRestored draft={kept} />
      <div className="grid grid--2">
        <TextField
          label="Complaint"
          required
          value={input.title}
          error={errors.title}
          onChange={(e) => patch({ title: e.target.value })}
          placeholder="Tight hip flexor"
        />
        <SelectField
          label="Side"
          value={input.side ?? ""}
          options={SIDE_OPTIONS}
          onChange={(e) => patch({ side: e.target.value === "" ? null : (e.target.value as StepSide) })}
        />
        <TextField
          label="Onset"
          type="date"
          value={input.onsetOn ?? ""}
          error={errors.onsetOn}
          onChange={(e) => patch({ onsetOn: e.target.value || null })}
        />
        <SelectField
          label="Status"
          value={input.status}
          options={STATUSES.map((status) => ({ value: status, label: status }))}
          onChange={(e) => patch({ status: e.target.value as ComplaintStatus })}
        />
      </div>
      <RegionPicker value={input.regions} onChange={(regions) => patch({ regions })} vocabulary={vocabulary} />
      <TriggerPicker value={input.triggers} onChange={(triggers) => patch({ triggers })} suggestions={vocabulary.triggerSuggestions} />
      <TextAreaField
        label="Notes"
        value={input.notes ?? ""}
        onChange={(e) => patch({ notes: e.target.value === "" ? null : e.target.value })}
      />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => {
            kept.discard();
            onCancel();
          }}
        >
          Cancel
        </button>
        <DraftStatus draft={kept} />
      </div>
    </form>
  );
}

/** A client's complaints (episodes): list, add, edit status and triggers. */
export function ComplaintsPanel({
  clientId,
  complaints,
  vocabulary,
  onChange,
}: {
  clientId: string;
  complaints: Complaint[];
  vocabulary: Vocabulary;
  onChange: () => void;
}): ReactNode {
  const [editing, setEditing] = useState<string | null>(null); // a complaint id, or "new";
  // A new complaint left half-typed (a reload, a closed tab) opens again with its draft.
  useEffect(() => {
    let live = true;
    draftsApi
      .get(`complaint:new:${clientId}`)
      .then(({ draft }) => {
        if (live && draft) setEditing((now) => now ?? "new");
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [clientId]);
  return (
    <section className="card" aria-labelledby="complaints-heading">
      <div className="card__head">
        <h2 id="complaints-heading">Complaints</h2>
        {editing !== "new" ? (
          <button type="button" className="button button--secondary" onClick={() => setEditing("new")}>
            Add complaint
          </button>
        ) : null}
      </div>
      {editing === "new" ? (
        <ComplaintForm
          initial={toInput(null)}
          vocabulary={vocabulary}
          submitLabel="Add complaint"
          draftKey={`complaint:new:${clientId}`}
          clientId={clientId}
          onCancel={() => setEditing(null)}
          onSave={async (input) => {
            await clinicalApi.createComplaint(clientId, input);
            setEditing(null);
            onChange();
          }}
        />
      ) : null}
      {complaints.length === 0 && editing !== "new" ? <p className="muted">No complaints recorded.</p> : null}
      <ul className="item-list">
        {complaints.map((complaint) => (
          <li key={complaint.id}>
            {editing === complaint.id ? (
              <ComplaintForm
                initial={toInput(complaint)}
                vocabulary={vocabulary}
                submitLabel="Save complaint"
                draftKey={`complaint:${complaint.id}`}
                clientId={clientId}
                onCancel={() => setEditing(null)}
                onSave={async (input) => {
                  await clinicalApi.updateComplaint(complaint.id, complaint.version, input);
                  setEditing(null);
                  onChange();
                }}
              />
            ) : (
              <div className="item-list__head">
                <div>
                  <strong>{complaint.title}</strong>
                  {complaint.side ? <span className="muted"> · {complaint.side}</span> : null}
                  <span className={`badge ${STATUS_BADGE[complaint.status]}`}>{complaint.status}</span>
                  <p className="muted">
                    {complaint.regions.length ? `${regionNames(complaint.regions, vocabulary)} · ` : ""}
                    {complaint.onsetOn ? `Since ${formatCalendarDate(complaint.onsetOn)}` : "Onset not recorded"}
                    {complaint.triggers.length ? ` · triggers: ${complaint.triggers.join(", ")}` : ""}
                    {` · ${complaint.sessionIds.length} session${complaint.sessionIds.length === 1 ? "" : "s"}`}
                  </p>
                </div>
                <button
                  type="button"
                  className="button button--quiet"
                  onClick={() => setEditing(complaint.id)}
                  aria-label={`Edit ${complaint.title}`}
                >
                  Edit
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
