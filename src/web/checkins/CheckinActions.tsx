import { useState, type ReactNode } from "react";
import { errorMessage } from "../api";
import { ErrorMessage } from "../components/Status";
import { checkinApi, type Checkin, type OutboxMessage } from "./api";

/**
 * "Send" and "New link" for one check-in. Without SMTP the practitioner sends the message another
 * way, so the outbox text (with its link, shown this once) is displayed with a Copy button.
 */
export function CheckinActions({ checkin, onChange }: { checkin: Checkin; onChange: () => void }): ReactNode {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<OutboxMessage | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  if (checkin.state === "answered" || checkin.state === "expired") return null;

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
      </div>
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
