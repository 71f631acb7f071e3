import { useState, type ReactNode } from "react";
import { api, errorMessage } from "../api";
import { formatCalendarDate, formatTimestamp, todayIso } from "../format";
import { useCan, useMe } from "../session";
import type { Client, Consent, ConsentKind } from "../types";
import { TextField } from "./Field";
import { ErrorMessage } from "./Status";

const KINDS: { kind: ConsentKind; key: keyof Client["consents"]; title: string; question: string }[] = [
  {
    kind: "checkin_messages",
    key: "checkinMessages",
    title: "Check-in messages",
    question: "May Palpable send this client follow-up questions by email or text after sessions?",
  },
  {
    kind: "anonymised_case_reports",
    key: "anonymisedCaseReports",
    title: "Anonymised case reports",
    question: "May anonymised data from this client's care be used in case reports?",
  },
];

function ConsentStatus({ consent }: { consent: Consent }): ReactNode {
  if (consent.granted) {
    return <span className="badge badge--ok">Given{consent.on ? ` ${formatCalendarDate(consent.on)}` : ""}</span>;
  }
  if (consent.history.length > 0) {
    return <span className="badge badge--warn">Withdrawn{consent.on ? ` ${formatCalendarDate(consent.on)}` : ""}</span>;
  }
  return <span className="badge badge--muted">Not recorded</span>;
}

interface ConsentCardProps {
  clientId: string;
  kind: ConsentKind;
  title: string;
  question: string;
  consent: Consent;
  onSaved: (client: Client) => void;
}

function ConsentCard({ clientId, kind, title, question, consent, onSaved }: ConsentCardProps): ReactNode {
  const me = useMe();
  const mayRecord = useCan()("consent.record");
  const [on, setOn] = useState(todayIso());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nextGranted = !consent.granted;

  async function record(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const { client } = await api.setConsent(clientId, kind, nextGranted, on || undefined);
      onSaved(client);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  // Newest first: the decision in force is at the top.
  const history = [...consent.history].sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
  return (
    <section className="consent" aria-labelledby={`consent-${kind}`}>
      <div className="consent__head">
        <h3 id={`consent-${kind}`}>{title}</h3>
        <ConsentStatus consent={consent} />
      </div>
      <p className="muted">{question}</p>
      <ErrorMessage message={error} />
      <div className="consent__record" hidden={!mayRecord}>
        <TextField
          label={
            <>
              {nextGranted ? "Date given" : "Date withdrawn"}
              <span className="visually-hidden"> ({title})</span>
            </>
          }
          type="date"
          value={on}
          max={todayIso()}
          onChange={(event) => setOn(event.target.value)}
        />
        <button
          type="button"
          className={`button ${nextGranted ? "button--primary" : "button--secondary"}`}
          disabled={busy}
          onClick={() => void record()}
        >
          {busy ? "Saving…" : nextGranted ? "Record consent given" : "Record withdrawal"}
          <span className="visually-hidden"> ({title})</span>
        </button>
      </div>
      {history.length > 0 ? (
        <details className="consent__history">
          <summary>History ({history.length})</summary>
          <ol className="consent__events">
            {history.map((event) => (
              <li key={`${event.recordedAt}-${event.on}-${String(event.granted)}`}>
                <strong>{event.granted ? "Given" : "Withdrawn"}</strong> on {formatCalendarDate(event.on)}
                <span className="muted">
                  {" "}
                  · recorded by {event.recordedBy}, {formatTimestamp(event.recordedAt, me.practice.timeZone)}
                </span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}

/** Both consents of a client, with when each was given or withdrawn and by whom it was recorded. */
export function ConsentPanel({ client, onSaved }: { client: Client; onSaved: (client: Client) => void }): ReactNode {
  return (
    <div className="consents">
      {KINDS.map(({ kind, key, title, question }) => (
        <ConsentCard
          key={kind}
          clientId={client.id}
          kind={kind}
          title={title}
          question={question}
          consent={client.consents[key]}
          onSaved={onSaved}
        />
      ))}
    </div>
  );
}
