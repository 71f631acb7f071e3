import { useEffect, useRef, type ReactNode } from "react";
import { describeFinding, describeMeasures } from "./SessionRecord";
import { describeStep } from "./StepList";
import type { Session, Vocabulary } from "./types";

const SOAP_LABELS = { s: "Subjective", o: "Objective", a: "Assessment", p: "Plan" } as const;

/**
 * "Sign this note?": what the signature will cover (findings, steps, measures, SOAP lines), because
 * a signed note can only be amended or marked entered in error afterwards, never removed.
 */
export function SignConfirmDialog({
  session,
  vocabulary,
  onSign,
  onCancel,
}: {
  session: Session;
  vocabulary: Vocabulary;
  onSign: () => void;
  onCancel: () => void;
}): ReactNode {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const measures = describeMeasures(session.measures);
  const soap = (Object.keys(SOAP_LABELS) as (keyof typeof SOAP_LABELS)[]).filter((key) => (session.soap[key] ?? "").trim() !== "");
  return (
    <dialog ref={ref} className="confirm-dialog" aria-labelledby="sign-confirm-heading" onCancel={onCancel}>
      <h2 id="sign-confirm-heading">Sign this note?</h2>
      <p className="muted">Once signed it can be amended or marked entered in error, but not edited or removed. It will record:</p>
      <ul className="confirm-dialog__list">
        {session.findings.map((finding) => (
          <li key={finding.id}>Finding: {describeFinding(finding, vocabulary)}</li>
        ))}
        {session.steps.map((step) => (
          <li key={step.id}>Step: {describeStep(step, vocabulary)}</li>
        ))}
        {measures ? <li>Measures: {measures}</li> : null}
        {soap.map((key) => (
          <li key={key}>
            {SOAP_LABELS[key]}: {session.soap[key]}
          </li>
        ))}
        {session.advice ? <li>Advice: {session.advice}</li> : null}
      </ul>
      <div className="form-actions">
        <button type="button" className="button button--primary" onClick={onSign} autoFocus>
          Sign
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Keep as draft
        </button>
      </div>
    </dialog>
  );
}
