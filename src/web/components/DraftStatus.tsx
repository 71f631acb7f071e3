import type { ReactNode } from "react";
import type { FormDraft } from "./useFormDraft";
import { formatTimeOf } from "../format";

function timeOf(iso: string): string {
  return formatTimeOf(iso);
}

/** The draft's state beside a form's buttons: "Saving draft…", "Draft saved 10:42", a failure. */
export function DraftStatus({ draft }: { draft: FormDraft }): ReactNode {
  const { status } = draft;
  const text =
    status.state === "pending" || status.state === "saving"
      ? "Saving draft…"
      : status.state === "saved"
        ? `Draft saved ${timeOf(status.at)}`
        : status.state === "failed"
          ? `Draft not saved: ${status.message}`
          : "";
  return (
    <p className={`draft-status draft-status--${status.state}`} role="status" data-state={status.state}>
      {text}
    </p>
  );
}

/** Said when a form opens with changes kept from before, with a way to throw them away. */
export function DraftRestored({ draft }: { draft: FormDraft }): ReactNode {
  if (!draft.restoredAt) return null;
  return (
    <div className="draft-restored" role="note">
      <span>Restored your unsaved changes from {timeOf(draft.restoredAt)}.</span>{" "}
      <button type="button" className="button--link" onClick={draft.discard}>
        Discard them
      </button>
    </div>
  );
}
