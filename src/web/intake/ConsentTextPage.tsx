import { useState, type ReactNode } from "react";
import { errorMessage } from "../api";
import { ErrorMessage, Loading, SuccessMessage } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { useTitle } from "../components/useTitle";
import { formatTimestamp } from "../format";
import { useCan, useMe } from "../session";
import { intakeApi } from "./api";
import "./intake.css";

/** Settings → Consent text: the practice's consent text; each save is a new version, the old ones kept. */
export function ConsentTextPage(): ReactNode {
  useTitle("Consent text");
  const me = useMe();
  const allowed = useCan();
  const { state, setData } = useAsync(() => intakeApi.consentText(), "consent-text");
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!state.data) return state.status === "error" ? <ErrorMessage message={state.message} /> : <Loading />;
  const data = state.data;
  const text = draft ?? data.current?.body ?? data.suggested;
  const mayEdit = allowed("practice.consent_text");

  async function save(): Promise<void> {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const { consentText } = await intakeApi.saveConsentText(text, data.current?.version ?? 0);
      setData({ ...data, current: consentText, versions: [consentText, ...data.versions.filter((v) => v.id !== consentText.id)] });
      setDraft(null);
      setNotice(`Saved as version ${consentText.version}. New intake forms show this text.`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>Consent text</h1>
      <p className="muted">
        Clients read this on their intake form, then tick consent to treatment, to the practice keeping their information, and (optionally)
        to anonymised case reports, and type their name. Each save is a new version; a signature keeps the version and its SHA-256.
      </p>
      {!data.current ? <p className="alert alert--notice">No consent text yet: below is a suggestion to adapt and save.</p> : null}
      <ErrorMessage message={error} />
      <SuccessMessage message={notice} />
      <div className="field">
        <label htmlFor="consent-body">Consent text {data.current ? `(version ${data.current.version})` : ""}</label>
        <textarea id="consent-body" rows={16} value={text} readOnly={!mayEdit} onChange={(e) => setDraft(e.target.value)} />
      </div>
      {mayEdit ? (
        <div className="form-actions">
          <button
            type="button"
            className="button button--primary"
            disabled={busy || (draft === null && data.current !== null)}
            onClick={() => void save()}
          >
            {busy ? "Saving…" : "Save as a new version"}
          </button>
        </div>
      ) : (
        <p className="muted">Only the practice owner edits the consent text.</p>
      )}
      {data.versions.length > 0 ? (
        <section className="card consent-versions-card" aria-labelledby="versions-heading">
          <h2 id="versions-heading">Versions</h2>
          <ol reversed className="consent-versions">
            {data.versions.map((v) => (
              <li key={v.id}>
                Version {v.version}, {formatTimestamp(v.createdAt, me.practice.timeZone)} — SHA-256 <code>{v.sha256.slice(0, 16)}…</code>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}
