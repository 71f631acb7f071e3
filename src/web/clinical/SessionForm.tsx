import { useEffect, useRef, useState, type ReactNode } from "react";
import { Combobox } from "../components/Combobox";
import { errorMessage, fieldErrors, type FieldErrors } from "../api";
import { TextAreaField, TextField } from "../components/Field";
import { DraftRestored, DraftStatus } from "../components/DraftStatus";
import { ErrorMessage } from "../components/Status";
import { useFormDraft } from "../components/useFormDraft";
import { BodyMap } from "./BodyMap";
import { FindingCard } from "./FindingCard";
import { Segmented, ZERO_TO_TEN } from "./Segmented";
import { StepList } from "./StepList";
import { copyForward, stepsFromProtocol, type SessionDraft } from "./sessionModel";
import type { BodySide, Complaint, MeasurePair, Protocol, Session, Step, Vocabulary } from "./types";
import { gradesByRegion, regionKey, regionLabel } from "./vocabulary";

export type SubmitKind = "draft" | "sign" | "amend";

interface SessionFormProps {
  vocabulary: Vocabulary;
  complaints: Complaint[];
  protocols: Protocol[];
  /** The practice's recent steps, each offered to add again in one tap. */
  recentSteps?: readonly Step[];
  initial: SessionDraft;
  /** "amend" asks for a reason and offers one button; otherwise draft and sign buttons. */
  mode: "edit" | "amend";
  deviation?: string[];
  /** The client's latest earlier session, offered for "copy forward". */
  previous?: Session | null;
  /** Names the form's autosaved draft ("session:new:<client id>", "session:<id>"). */
  draftKey: string;
  clientId: string;
  onSubmit: (draft: SessionDraft, kind: SubmitKind, reason: string) => Promise<void>;
  onCancel?: () => void;
}

const MEASURES: { key: keyof MeasurePair; label: string }[] = [
  { key: "pain", label: "Pain" },
  { key: "tightness", label: "Tightness" },
];

/** Pain and tightness 0–10, before or after treatment, one tap each. */
function MeasureRows({
  when,
  legend,
  draft,
  onChange,
}: {
  when: "pre" | "post";
  legend: string;
  draft: SessionDraft;
  onChange: (measures: SessionDraft["measures"]) => void;
}): ReactNode {
  const suffix = when === "pre" ? "before" : "after";
  return (
    <fieldset className="form-section">
      <legend>{legend}</legend>
      <div className="measures">
        {MEASURES.map(({ key, label }) => (
          <div key={key} className="measures__row">
            <span className="measures__label">{label}</span>
            <Segmented
              label={`${label} ${suffix}`}
              options={ZERO_TO_TEN}
              value={draft.measures[when][key]}
              onChange={(value) => onChange({ ...draft.measures, [when]: { ...draft.measures[when], [key]: value } })}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}

const emptyQualities = { tension: null, tenderness: null, texture: null, adhesion: null, temperature: null };

/** The session note: designed for a tablet and a minute's work — nearly everything is one tap. */
export function SessionForm({
  vocabulary,
  complaints,
  protocols,
  recentSteps = [],
  initial,
  mode,
  deviation,
  previous = null,
  draftKey,
  clientId,
  onSubmit,
  onCancel,
}: SessionFormProps): ReactNode {
  const [draft, setDraft] = useState<SessionDraft>(initial);
  const kept = useFormDraft({ key: draftKey, clientId, value: draft, pristine: initial, restore: setDraft });
  const [editingWhen, setEditingWhen] = useState(false);
  const [copied, setCopied] = useState(false);
  // A finding just added gets the focus on its first grade, so the keyboard carries on there.
  const focusFinding = useRef<string | null>(null);
  useEffect(() => {
    const key = focusFinding.current;
    if (key === null) return;
    focusFinding.current = null;
    document.getElementById(`finding-${key}`)?.querySelector<HTMLElement>('[role="radio"][tabindex="0"]')?.focus();
  }, [draft.findings.length]);
  const regionChoices = vocabulary.regions.flatMap((region) =>
    (region.sided ? (["right", "left"] as const) : [null]).map((side) => ({
      value: regionKey(region.code, side),
      label: regionLabel(region, side),
      code: region.code,
      side,
    })),
  );
  const lastFinding = draft.findings.at(-1);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState<SubmitKind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const patch = (next: Partial<SessionDraft>): void => setDraft((old) => ({ ...old, ...next }));
  const appliedVersion = protocols.find((protocol) => protocol.current.id === draft.protocolVersionId);

  function pick(code: string, side: BodySide | null): void {
    const key = regionKey(code, side);
    if (draft.findings.some((finding) => regionKey(finding.regionCode, finding.side) === key)) {
      document.getElementById(`finding-${key}`)?.scrollIntoView({ block: "nearest" });
      return;
    }
    focusFinding.current = key;
    patch({
      findings: [...draft.findings, { regionCode: code, side, qualities: { ...emptyQualities }, textureDescriptor: null, note: null }],
    });
  }

  async function submit(kind: SubmitKind): Promise<void> {
    setBusy(kind);
    setError(null);
    setErrors({});
    try {
      await onSubmit(draft, kind, reason.trim());
      kept.committed(draft);
    } catch (err) {
      setError(errorMessage(err));
      setErrors(fieldErrors(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <form
      className="session-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(mode === "amend" ? "amend" : "sign");
      }}
    >
      <ErrorMessage message={error} />
      <DraftRestored draft={kept} />
      <div className="session-form__top">
        {editingWhen || errors.startedAt ? (
          <TextField
            label="Date and time"
            type="datetime-local"
            value={draft.startedLocal}
            error={errors.startedAt}
            onChange={(e) => patch({ startedLocal: e.target.value })}
            fieldClassName="session-form__when"
          />
        ) : (
          // Now, unless changed: one Tab stop instead of the date input's six.
          <div className="session-form__when">
            <span className="label">Date and time</span>
            <p className="session-form__when-value">
              {draft.startedLocal.replace("T", " ")}{" "}
              <button type="button" className="button--link" onClick={() => setEditingWhen(true)} aria-label="Change date and time">
                Change
              </button>
            </p>
          </div>
        )}
        <div className="session-form__complaints">
          <span className="label">Complaint</span>
          {complaints.length === 0 ? <p className="muted">No complaints recorded.</p> : null}
          <div className="pills" role="group" aria-label="Complaints">
            {complaints.map((complaint) => {
              const selected = draft.complaintIds.includes(complaint.id);
              return (
                <button
                  key={complaint.id}
                  type="button"
                  className="pill"
                  aria-pressed={selected}
                  onClick={() =>
                    patch({
                      complaintIds: selected
                        ? draft.complaintIds.filter((id) => id !== complaint.id)
                        : [...draft.complaintIds, complaint.id],
                    })
                  }
                >
                  {complaint.title}
                  {complaint.status !== "active" ? <span className="muted"> ({complaint.status})</span> : null}
                </button>
              );
            })}
          </div>
        </div>
      </div>

      <MeasureRows when="pre" legend="Before treatment (0–10)" draft={draft} onChange={(measures) => patch({ measures })} />

      <fieldset className="form-section">
        <legend>Findings</legend>
        <p className="muted">Tap a region (or type its name), then tap a grade for each quality you assessed.</p>
        {previous && mode === "edit" && !copied ? (
          <p>
            <button
              type="button"
              className="button button--secondary button--wrap"
              onClick={() => {
                setDraft((old) => copyForward(old, previous));
                setCopied(true);
              }}
            >
              Copy forward the last session’s findings and steps
            </button>
          </p>
        ) : null}
        {copied ? <p className="muted">Copied from the last session: edit what changed, then sign.</p> : null}
        <Combobox
          label="Add a finding at"
          className="session-form__find-region"
          placeholder="Add a finding: type a region…"
          options={regionChoices}
          value={null}
          onChange={(value) => {
            const choice = regionChoices.find((option) => option.value === value);
            if (choice) pick(choice.code, choice.side);
          }}
        />
        <div className="session-form__findings">
          <BodyMap
            regions={vocabulary.regions}
            mode="pick"
            grades={gradesByRegion(draft.findings)}
            onPick={pick}
            label="Body map: tap a region to add a finding"
            gradeNames={vocabulary.grades}
          />
          <div className="session-form__finding-list">
            {draft.findings.length === 0 ? <p className="muted">No findings yet.</p> : null}
            {draft.findings.map((finding, index) => (
              <div key={regionKey(finding.regionCode, finding.side)} id={`finding-${regionKey(finding.regionCode, finding.side)}`}>
                <FindingCard
                  finding={finding}
                  vocabulary={vocabulary}
                  onChange={(next) => patch({ findings: draft.findings.map((old, i) => (i === index ? next : old)) })}
                  onRemove={() => patch({ findings: draft.findings.filter((_, i) => i !== index) })}
                />
                {Object.entries(errors)
                  .filter(([path]) => path.startsWith(`findings.${index}`))
                  .map(([path, message]) => (
                    <p key={path} className="field__error">
                      {message}
                    </p>
                  ))}
              </div>
            ))}
          </div>
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Treatment</legend>
        {protocols.length > 0 ? (
          <div className="pills" role="group" aria-label="Apply protocol">
            {protocols.map((protocol) => (
              <button
                key={protocol.id}
                type="button"
                className="pill pill--protocol"
                aria-pressed={draft.protocolVersionId === protocol.current.id}
                onClick={() =>
                  patch({
                    protocolVersionId: protocol.current.id,
                    steps: stepsFromProtocol(
                      protocol.current.steps,
                      complaints.filter((complaint) => draft.complaintIds.includes(complaint.id)).map((complaint) => complaint.side),
                    ),
                  })
                }
              >
                Apply {protocol.name} <span className="muted">v{protocol.current.version}</span>
              </button>
            ))}
          </div>
        ) : (
          <p className="muted">No protocols yet; add technique steps by hand, or create a protocol on the Protocols page.</p>
        )}
        {appliedVersion ? (
          <p className="muted">
            Protocol: {appliedVersion.name} v{appliedVersion.current.version}.{" "}
            <button type="button" className="button--link" onClick={() => patch({ protocolVersionId: null })}>
              Not following a protocol
            </button>
          </p>
        ) : null}
        {deviation && deviation.length > 0 ? (
          <div className="deviation" role="note" aria-label="Deviation from the protocol">
            <strong>Differs from the protocol:</strong>
            <ul>
              {deviation.map((sentence) => (
                <li key={sentence}>{sentence}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <StepList
          steps={draft.steps}
          onChange={(steps) => patch({ steps })}
          vocabulary={vocabulary}
          errors={errors}
          place={lastFinding ? { regionCode: lastFinding.regionCode, side: lastFinding.side } : null}
          quickAdd
          recent={recentSteps}
        />
      </fieldset>

      <MeasureRows when="post" legend="After treatment (0–10)" draft={draft} onChange={(measures) => patch({ measures })} />

      <details className="form-section session-form__notes">
        <summary>SOAP notes and advice (optional)</summary>
        <div className="grid grid--2">
          {(["s", "o", "a", "p"] as const).map((key) => (
            <TextAreaField
              key={key}
              label={{ s: "Subjective", o: "Objective", a: "Assessment", p: "Plan" }[key]}
              value={draft.soap[key] ?? ""}
              onChange={(e) => patch({ soap: { ...draft.soap, [key]: e.target.value === "" ? null : e.target.value } })}
            />
          ))}
        </div>
        <TextAreaField
          label="Advice to the client"
          value={draft.advice ?? ""}
          onChange={(e) => patch({ advice: e.target.value === "" ? null : e.target.value })}
        />
      </details>

      {mode === "amend" ? (
        <TextField
          label="Reason for the amendment"
          required
          value={reason}
          error={errors.reason}
          onChange={(e) => setReason(e.target.value)}
        />
      ) : null}

      <div className="form-actions session-form__actions">
        {mode === "amend" ? (
          <button type="submit" className="button button--primary" disabled={busy !== null || reason.trim() === ""}>
            {busy ? "Saving…" : "Save amendment"}
          </button>
        ) : (
          <>
            <button type="submit" className="button button--primary" disabled={busy !== null}>
              {busy === "sign" ? "Signing…" : "Save and sign"}
            </button>
            <button type="button" className="button button--secondary" disabled={busy !== null} onClick={() => void submit("draft")}>
              {busy === "draft" ? "Saving…" : "Save draft"}
            </button>
          </>
        )}
        {onCancel ? (
          <button type="button" className="button button--quiet" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        <DraftStatus draft={kept} />
      </div>
    </form>
  );
}
