import { useState, type ReactNode } from "react";
import { errorMessage } from "../api";
import { ErrorMessage } from "../components/Status";
import { checkinApi, type Checkin, type OutboxMessage } from "./api";

/**
 * "Send", "New link", "Reschedule" and "Cancel" for one check-in. Without SMTP the practitioner sends the message another
 * way, so the outbox text (with its link, shown this once) is displayed with a Copy button.
 */
export function CheckinActions({ checkin, onChange }: { checkin: Checkin; onChange: () => void }): ReactNode {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<OutboxMessage | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [rescheduling, setRescheduling] = useState(false);
  const [newDue, setNewDue] = useState("");
  if (checkin.state === "answered" || checkin.state === "expired" || checkin.state === "cancelled") return null;

  async function run(action: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      await action();
      onChange();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  const send = () =>
    run(async () => {
      const result = await checkinApi.send(checkin.id);
      setMessage(result.message);
      setLink(result.checkin.linkUrl ?? null);
    });
  const newLink = () =>
    run(async () => {
      const result = await checkinApi.newLink(checkin.id);
      setMessage(null);
      setLink(result.checkin.linkUrl ?? null);
    });
  const cancel = () =>
    run(async () => {
      await checkinApi.cancel(checkin.id);
      setMessage(null);
      setLink(null);
    });
  const reschedule = () =>
    run(async () => {
      // The input holds a wall-clock time in this browser's zone; the API takes an instant.
      await checkinApi.reschedule(checkin.id, new Date(newDue).toISOString());
      setRescheduling(false);
      setMessage(null);
      setLink(null);
    });
  const shown = message ? message.text : link;

  async function copy(): Promise<void> {
    if (!shown) return;
    try {
      await navigator.clipboard.writeText(shown);
      setCopied(true);
    } catch {
      setError("Could not copy. Select the text and copy it by hand.");
    }
  }

  return (
    <div className="checkin-actions">
      <div className="checkin-actions__buttons">
        <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void send()}>
          {checkin.state === "scheduled" ? "Send" : "Send again"}
        </button>
        <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void newLink()}>
          New link
        </button>
        <button
          type="button"
          className="button button--quiet button--small"
          disabled={busy}
          aria-expanded={rescheduling}
          onClick={() => setRescheduling(!rescheduling)}
        >
          Reschedule
        </button>
        <button type="button" className="button button--quiet button--small" disabled={busy} onClick={() => void cancel()}>
          Cancel check-in
        </button>
      </div>
      {rescheduling ? (
        <form
          className="checkin-reschedule"
          onSubmit={(event) => {
            event.preventDefault();
            void reschedule();
          }}
        >
          <label>
            <span>New due time</span>
            <input type="datetime-local" required value={newDue} onChange={(e) => setNewDue(e.target.value)} />
          </label>
          <button type="submit" className="button button--primary button--small" disabled={busy || newDue === ""}>
            Move check-in
          </button>
        </form>
      ) : null}
      <ErrorMessage message={error} />
      {shown ? (
        <div className="outbox-message" role="region" aria-label="Message to send">
          {message ? (
            <p className="muted">
              Saved in the outbox{message.to ? ` for ${message.to}` : ""}. No email is sent from here: copy it into your own email or text
              message.
            </p>
          ) : (
            <p className="muted">The old link no longer works. Send this one:</p>
          )}
          {message ? <p className="outbox-message__subject">{message.subject}</p> : null}
          <pre className="outbox-message__text">{shown}</pre>
          {link ? (
            <p>
              Link: <code className="outbox-message__link">{link}</code>
            </p>
          ) : null}
          <button type="button" className="button button--primary button--small" onClick={() => void copy()}>
            {copied ? "Copied" : "Copy"}
          </button>
        </div>
      ) : null}
    </div>
  );
}
