import { useState, type ReactNode } from "react";
import { errorMessage } from "../api";
import { TextField } from "../components/Field";
import { ErrorMessage } from "../components/Status";
import { formatTimestamp } from "../format";
import { useMe } from "../session";
import { clinicalApi } from "./api";
import type { Session } from "./types";

/** The banner on a note marked entered in error: when and why; the note below is struck through. */
export function EnteredInErrorBanner({ session }: { session: Session }): ReactNode {
  const me = useMe();
  if (!session.enteredInError) return null;
  return (
    <div className="alert alert--notice" role="note">
      <p>
        <strong>Entered in error</strong> on {formatTimestamp(session.enteredInError.at, me.practice.timeZone)}:{" "}
        {session.enteredInError.reason}. The note is kept for the record and left out of analyses.
      </p>
    </div>
  );
}

/** Marks a signed note entered in error, with the reason the record keeps. */
export function EnteredInErrorForm({
  session,
  onMarked,
  onCancel,
}: {
  session: Session;
  onMarked: (session: Session) => void;
  onCancel: () => void;
}): ReactNode {
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="card"
      aria-label="Mark entered in error"
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        setError(null);
        clinicalApi
          .markEnteredInError(session.id, reason.trim())
          .then((result) => onMarked(result.session))
          .catch((caught: unknown) => setError(errorMessage(caught)))
          .finally(() => setBusy(false));
      }}
    >
      <ErrorMessage message={error} />
      <p className="muted">The note stays in the record, struck through, and is left out of analyses. It is never deleted.</p>
      <TextField label="Why was this note entered in error?" required value={reason} onChange={(e) => setReason(e.target.value)} />
      <div className="form-actions">
        <button type="submit" className="button button--danger" disabled={busy || reason.trim() === ""}>
          {busy ? "Saving…" : "Mark entered in error"}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
