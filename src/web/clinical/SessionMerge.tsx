import { useState, type ReactNode } from "react";
import { errorMessage } from "../api";
import { ErrorMessage } from "../components/Status";
import { conflictingFields, mergeSessionInputs, SESSION_FIELD_LABELS, type MergeChoice, type SessionField } from "./sessionModel";
import type { SessionInput } from "./types";
import { formatTimestamp } from "../format";

/** What was refused: my edit, the note as I opened it, and the note as someone else saved it since. */
export interface SessionConflict {
  base: SessionInput;
  mine: SessionInput;
  theirs: SessionInput;
  /** Who saved the note since it was opened (null when unknown). */
  by: string | null;
}

const MAX_SUMMARY = 140;

function clip(text: string): string {
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}

/** One line per value, enough to tell two versions of a field apart. */
export function summarise(field: SessionField, input: SessionInput): string {
  switch (field) {
    case "startedAt":
      return formatTimestamp(input.startedAt);
    case "complaintIds":
      return input.complaintIds.length === 0 ? "None" : `${input.complaintIds.length} linked`;
    case "protocolVersionId":
      return input.protocolVersionId === null ? "None" : "A protocol is applied";
    case "measures": {
      const { pre, post } = input.measures;
      const pair = (p: { pain: number | null; tightness: number | null }): string =>
        `pain ${p.pain ?? "–"}, tightness ${p.tightness ?? "–"}`;
      return `Before: ${pair(pre)} · after: ${pair(post)}`;
    }
    case "findings":
      return input.findings.length === 0
        ? "None"
        : clip(
            `${input.findings.length}: ${input.findings.map((f) => [f.side, f.regionCode.replaceAll("_", " ")].filter(Boolean).join(" ")).join(", ")}`,
          );
    case "steps":
      return input.steps.length === 0
        ? "None"
        : clip(
            `${input.steps.length}: ${input.steps.map((s) => `${s.technique.replaceAll("_", " ")}${s.minutes ? ` ${s.minutes} min` : ""}`).join(", ")}`,
          );
    case "soap": {
      const parts = (["s", "o", "a", "p"] as const).filter((k) => input.soap[k]).map((k) => `${k.toUpperCase()}: ${input.soap[k] ?? ""}`);
      return parts.length === 0 ? "Empty" : clip(parts.join(" · "));
    }
    case "advice":
      return input.advice ? clip(input.advice) : "None";
  }
}

/**
 * Shown when a save was refused because someone else saved the note since it was opened: for each
 * field that differs, keep mine or take theirs, then save the merge (based on their version).
 */
export function SessionMerge({
  conflict,
  onSave,
  onDiscard,
}: {
  conflict: SessionConflict;
  onSave: (merged: SessionInput) => Promise<void>;
  onDiscard: () => void;
}): ReactNode {
  const fields = conflictingFields(conflict.base, conflict.mine, conflict.theirs);
  const [choices, setChoices] = useState<Partial<Record<SessionField, MergeChoice>>>(() =>
    Object.fromEntries(fields.map((f) => [f.field, f.suggested])),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const who = conflict.by ?? "someone else";

  async function save(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await onSave(mergeSessionInputs(conflict.mine, conflict.theirs, choices));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="session-merge" role="alert" aria-labelledby="session-merge-title">
      <h2 id="session-merge-title">Changed by {who} since you opened it</h2>
      <p>
        Your changes are not saved yet.{" "}
        {fields.length === 0 ? "They match what was saved." : "For each field that differs, keep yours or take theirs."}
      </p>
      <ErrorMessage message={error} />
      {fields.length > 0 ? (
        <table className="session-merge__table">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Yours</th>
              <th scope="col">Theirs ({who})</th>
            </tr>
          </thead>
          <tbody>
            {fields.map(({ field, bothChanged }) => (
              <tr key={field}>
                <th scope="row">
                  {SESSION_FIELD_LABELS[field]}
                  {bothChanged ? <span className="badge badge--warn">both changed</span> : null}
                </th>
                {(["mine", "theirs"] as const).map((side) => (
                  <td key={side}>
                    <label className="session-merge__choice">
                      <input
                        type="radio"
                        name={`merge-${field}`}
                        value={side}
                        checked={choices[field] === side}
                        onChange={() => setChoices({ ...choices, [field]: side })}
                      />
                      <span>
                        <strong>{side === "mine" ? "Keep mine" : "Take theirs"}</strong>
                        <br />
                        {summarise(field, side === "mine" ? conflict.mine : conflict.theirs)}
                      </span>
                    </label>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button" disabled={busy} onClick={() => void save()}>
          {busy ? "Saving…" : "Save merged note"}
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={onDiscard}>
          Discard mine, show theirs
        </button>
      </div>
    </section>
  );
}
