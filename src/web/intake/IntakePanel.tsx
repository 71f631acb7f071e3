import QRCode from "qrcode";
import { useState, type ReactNode } from "react";
import { errorMessage } from "../api";
import { ErrorMessage, SuccessMessage } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { formatTimestamp } from "../format";
import { useCan, useMe } from "../session";
import type { Client } from "../types";
import { intakeApi, type Intake, type Signature } from "./api";
import "./intake.css";

/**
 * The client's own intake and consent on their profile: a link to send (e-mail) or show (QR
 * code), what they submitted with any red-flag answers highlighted, the therapist's review and
 * acceptance into the record, and the consent they signed.
 */
export function IntakePanel({ client, onChange }: { client: Client; onChange: () => void }): ReactNode {
  const allowed = useCan();
  return (
    <>
      {allowed("clinical.read") ? <SubmittedIntakes clientId={client.id} onChanged={onChange} /> : null}
      <SignedConsents clientId={client.id} />
      <IntakeLink client={client} />
      <ProfileHistory clientId={client.id} />
    </>
  );
}

/** The banner above the client's tabs while an intake's red-flag answers wait for review. */
export function RedFlagNotice({ clientId }: { clientId: string }): ReactNode {
  const allowed = useCan();
  const { state } = useAsync(() => (allowed("clinical.read") ? intakeApi.intakes(clientId) : Promise.resolve({ intakes: [] })), clientId);
  const pending = (state.data?.intakes ?? []).filter((i) => i.positiveFlags > 0 && i.flagsReview === null);
  if (pending.length === 0) return null;
  const labels = pending.flatMap((i) => i.redFlags.filter((f) => f.answer === "yes").map((f) => f.label));
  return (
    <div className="alert alert--error red-flag-notice" role="alert">
      <strong>Red flags to review:</strong> {labels.join("; ")}. The first session cannot be signed until you have reviewed them (Profile →
      Intake).
    </div>
  );
}

function IntakeLink({ client }: { client: Client }): ReactNode {
  const me = useMe();
  const allowed = useCan();
  const { state, reload } = useAsync(() => intakeApi.linkStatus(client.id), client.id);
  const [shown, setShown] = useState<{ url: string; expiresAt: string; qr: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await action();
      reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  const show = () =>
    run(async () => {
      const link = await intakeApi.newLink(client.id, "show");
      if (link.url) setShown({ url: link.url, expiresAt: link.expiresAt, qr: await QRCode.toDataURL(link.url, { margin: 1, width: 240 }) });
    });
  const email = () =>
    run(async () => {
      const sent = await intakeApi.newLink(client.id, "email");
      setShown(null);
      setNotice(`Sent to ${sent.sentTo ?? "the client"}. The link works until ${formatTimestamp(sent.expiresAt, me.practice.timeZone)}.`);
    });
  const revoke = () =>
    run(async () => {
      await intakeApi.revoke(client.id);
      setShown(null);
    });

  const active = state.data?.activeLinks ?? [];
  const ready = state.data?.consentTextReady ?? true;
  return (
    <section className="card intake-link" aria-labelledby="intake-link-heading">
      <h2 id="intake-link-heading">Intake and consent form</h2>
      <p className="muted">
        A link where the client fills in their details, running, injuries and health questions, and signs the practice&apos;s consent,
        before the first visit.
      </p>
      {!ready ? <p className="alert alert--notice">Write the practice&apos;s consent text first (Consent text, in the menu).</p> : null}
      <ErrorMessage message={error} />
      <SuccessMessage message={notice} />
      {shown ? (
        <div className="enrol">
          <img className="enrol__qr" src={shown.qr} alt="QR code of the intake link for the client to scan" width={240} height={240} />
          <p>
            <label htmlFor="intake-link-url">Intake link for the client</label>
            <input id="intake-link-url" readOnly value={shown.url} onFocus={(e) => e.currentTarget.select()} />
          </p>
          <p className="muted">Works until {formatTimestamp(shown.expiresAt, me.practice.timeZone)}. It is shown only now.</p>
        </div>
      ) : null}
      {active.length > 0 ? (
        <p className="muted">
          {active.length === 1 ? "One link works" : `${active.length} links work`}, the latest until{" "}
          {formatTimestamp(active[0]?.expiresAt ?? "", me.practice.timeZone)}.
        </p>
      ) : null}
      {allowed("schedule.write") ? (
        <div className="form-actions">
          <button type="button" className="button button--secondary" disabled={busy || !ready} onClick={() => void show()}>
            Show a link and QR code
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={busy || !ready || !client.email}
            onClick={() => void email()}
          >
            E-mail the link
          </button>
          {active.length > 0 ? (
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => void revoke()}>
              Revoke {active.length === 1 ? "the link" : `all ${active.length} links`}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

const SELF_CARE_WORDS: Record<string, string> = {
  rolling: "Foam rolling",
  stretching: "Stretching",
  percussion: "Massage gun",
  other: "Other",
};
const EFFECT_WORDS: Record<string, string> = { helped: "helped", no_change: "no change", worse: "made it worse", unsure: "not sure" };

function SubmittedIntakes({ clientId, onChanged }: { clientId: string; onChanged: () => void }): ReactNode {
  const { state, setData } = useAsync(() => intakeApi.intakes(clientId), clientId);
  const intakes = state.data?.intakes ?? [];
  if (intakes.length === 0) return null;
  const replace = (updated: Intake) => setData({ intakes: intakes.map((i) => (i.id === updated.id ? updated : i)) });
  return (
    <>
      {intakes.map((intake) => (
        <IntakeCard key={intake.id} intake={intake} onUpdated={replace} onChanged={onChanged} />
      ))}
    </>
  );
}

function IntakeCard({
  intake,
  onUpdated,
  onChanged,
}: {
  intake: Intake;
  onUpdated: (i: Intake) => void;
  onChanged: () => void;
}): ReactNode {
  const me = useMe();
  const allowed = useCan();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tz = me.practice.timeZone;
  const a = intake.answers;
  const yes = intake.redFlags.filter((f) => f.answer === "yes");

  async function act(call: () => Promise<{ intake: Intake }>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      onUpdated((await call()).intake);
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card intake" aria-labelledby={`intake-${intake.id}`}>
      <h2 id={`intake-${intake.id}`}>Intake from the client</h2>
      <p className="muted">Sent by the client {formatTimestamp(intake.submittedAt, tz)}.</p>
      <ErrorMessage message={error} />
      {yes.length > 0 ? (
        <div
          className={`red-flags ${intake.flagsReview ? "red-flags--reviewed" : "alert alert--error"}`}
          role={intake.flagsReview ? undefined : "alert"}
        >
          <h3>Red flags: answered yes</h3>
          <ul>
            {yes.map((f) => (
              <li key={f.code} className="red-flag">
                <strong>{f.label}</strong> — “{f.question}”
              </li>
            ))}
          </ul>
          {a.redFlagDetails ? <p className="prewrap">The client adds: {a.redFlagDetails}</p> : null}
          {intake.flagsReview ? (
            <p>
              Reviewed by {intake.flagsReview.by.name} on {formatTimestamp(intake.flagsReview.at, tz)}.
            </p>
          ) : allowed("clinical.create") ? (
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => void act(() => intakeApi.reviewFlags(intake.id))}
            >
              I have reviewed these red flags
            </button>
          ) : null}
        </div>
      ) : (
        <p>No red flags: every screening question was answered no.</p>
      )}
      <p className="muted red-flags__basis">{intake.redFlagsBasis}</p>
      <dl className="intake__answers">
        <dt>Name</dt>
        <dd>
          {a.contact.firstName} {a.contact.lastName}
        </dd>
        <dt>Contact</dt>
        <dd>{[a.contact.email, a.contact.phone].filter(Boolean).join(" · ") || "—"}</dd>
        <dt>Date of birth</dt>
        <dd>{a.contact.dateOfBirth ?? "—"}</dd>
        <dt>Running</dt>
        <dd>
          {a.running.yearsRunning ?? "?"} years, {a.running.weeklyKm ?? "?"} km a week
          {a.running.goalEvent
            ? `; goal: ${a.running.goalEvent.name}${a.running.goalEvent.date ? ` (${a.running.goalEvent.date})` : ""}`
            : ""}
        </dd>
        {a.running.races ? (
          <>
            <dt>Races</dt>
            <dd className="prewrap">{a.running.races}</dd>
          </>
        ) : null}
        <dt>Injuries</dt>
        <dd>
          {a.injuries.length === 0
            ? "None given"
            : a.injuries
                .map((i) => `${i.description}${i.occurredOn ? ` (${i.occurredOn})` : ""}${i.current ? ", still bothers them" : ""}`)
                .join("; ")}
        </dd>
        <dt>Tried</dt>
        <dd>
          {a.selfCare.length === 0
            ? "Nothing given"
            : a.selfCare
                .map(
                  (s) =>
                    `${SELF_CARE_WORDS[s.method] ?? s.method}${s.detail ? ` (${s.detail})` : ""}: ${EFFECT_WORDS[s.effect] ?? s.effect}`,
                )
                .join("; ")}
        </dd>
      </dl>
      {intake.accepted ? (
        <p className="muted">
          Accepted into the record by {intake.accepted.by.name} on {formatTimestamp(intake.accepted.at, tz)}.
        </p>
      ) : allowed("clinical.create") ? (
        <div className="form-actions">
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => void act(() => intakeApi.accept(intake.id))}
          >
            Accept into the record
          </button>
        </div>
      ) : null}
    </section>
  );
}

const KIND_WORDS: Record<string, string> = {
  treatment: "Treatment",
  data_processing: "Keeping and using their information",
  case_reports: "Anonymised case reports",
};

function SignedConsents({ clientId }: { clientId: string }): ReactNode {
  const me = useMe();
  const { state } = useAsync(() => intakeApi.signatures(clientId), clientId);
  const signatures = state.data?.signatures ?? [];
  if (signatures.length === 0) return null;
  return (
    <section className="card signed-consent" aria-labelledby="signed-consent-heading">
      <h2 id="signed-consent-heading">Signed consent</h2>
      {signatures.map((s: Signature) => (
        <div key={s.id} className="signed-consent__one">
          <p>
            Signed “{s.signedName}” on {formatTimestamp(s.signedAt, me.practice.timeZone)}
            {s.ip ? ` from ${s.ip}` : ""}, consent text version {s.text.version} (SHA-256 <code>{s.text.sha256.slice(0, 12)}…</code>).
          </p>
          <ul>
            {s.consents.map((c) => (
              <li key={c.kind}>
                {KIND_WORDS[c.kind]}:{" "}
                {c.withdrawnAt ? (
                  <strong className="badge badge--danger">
                    Withdrawn by the client {formatTimestamp(c.withdrawnAt, me.practice.timeZone)}
                  </strong>
                ) : c.given ? (
                  <span className="badge badge--ok">Given</span>
                ) : (
                  <span className="badge badge--muted">Not given</span>
                )}
              </li>
            ))}
          </ul>
          {s.text.body ? (
            <details>
              <summary>The text they signed</summary>
              <p className="prewrap">{s.text.body}</p>
            </details>
          ) : null}
        </div>
      ))}
    </section>
  );
}

const SOURCE_WORDS = { earlier: "Before the intake", intake: "Intake accepted", edit: "Edited" } as const;

function ProfileHistory({ clientId }: { clientId: string }): ReactNode {
  const me = useMe();
  const { state } = useAsync(() => intakeApi.history(clientId), clientId);
  const revisions = state.data?.revisions ?? [];
  if (revisions.length === 0) return null;
  return (
    <section className="card" aria-labelledby="profile-history-heading">
      <details>
        <summary>
          <h2 id="profile-history-heading" className="inline-heading">
            Profile history ({revisions.length} versions)
          </h2>
        </summary>
        <ol className="profile-history">
          {[...revisions].reverse().map((r) => (
            <li key={r.seq}>
              {SOURCE_WORDS[r.source]} {formatTimestamp(r.changedAt, me.practice.timeZone)}
              {r.changedBy ? ` by ${r.changedBy.name}` : ""}
              {r.changedFields.length > 0 ? `: ${r.changedFields.join(", ")}` : ""}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
