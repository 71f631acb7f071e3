import { useEffect, useRef, type ReactNode } from "react";

export function Loading({ label = "Loading…" }: { label?: string }): ReactNode {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="loading__spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

/** A failed request or form submission, announced to screen readers and scrolled into view. */
export function ErrorMessage({ message, onRetry }: { message: string | null | undefined; onRetry?: (() => void) | undefined }): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.scrollIntoView({ block: "nearest" });
  }, [message]);
  if (!message) return null;
  return (
    <div className="alert alert--error" role="alert" ref={ref}>
      <p>{message}</p>
      {onRetry ? (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function SuccessMessage({ message }: { message: string | null | undefined }): ReactNode {
  if (!message) return null;
  return (
    <div className="alert alert--success" role="status">
      <p>{message}</p>
    </div>
  );
}
