import QRCode from "qrcode";
import { useState, type ReactNode } from "react";
import { errorMessage } from "../api";
import { ErrorMessage } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { formatTimestamp } from "../format";
import { useCan, useMe } from "../session";
import { recentClientSends, runsLinkApi } from "./runsLink";

/**
 * The client's "send your runs" link: a new link shown with a QR code to scan in the room (its
 * address cannot be shown again later: only its hash is kept), and revoking every link.
 */
export function RunsLinkPanel({ clientId, onChanged }: { clientId: string; onChanged?: () => void }): ReactNode {
  const me = useMe();
  const allowed = useCan();
  const { state, reload } = useAsync(() => runsLinkApi.status(clientId), clientId);
  const [shown, setShown] = useState<{ url: string; expiresAt: string; qr: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await action();
      reload();
      onChanged?.();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const create = () =>
    run(async () => {
      const link = await runsLinkApi.create(clientId);
      setShown({ ...link, qr: await QRCode.toDataURL(link.url, { margin: 1, width: 240 }) });
    });
  const revoke = () =>
    run(async () => {
      await runsLinkApi.revoke(clientId);
      setShown(null);
    });

  const active = state.data?.activeLinks ?? [];
  return (
    <section className="card runs-link" aria-labelledby="runs-link-heading">
      <h2 id="runs-link-heading">Client sends their runs</h2>
      <p className="muted">
        A link where the client uploads files from their watch or a Strava/Garmin export from their phone. Their uploads are marked “sent by
        the client”.
      </p>
      <ErrorMessage message={error} />
      {shown ? (
        <div className="enrol">
          <img className="enrol__qr" src={shown.qr} alt="QR code of the link for the client to scan" width={240} height={240} />
          <p>
            <label htmlFor="runs-link-url">Link for the client</label>
            <input id="runs-link-url" readOnly value={shown.url} onFocus={(e) => e.currentTarget.select()} />
          </p>
          <p className="muted">Works until {formatTimestamp(shown.expiresAt, me.practice.timeZone)}. It is shown only now.</p>
        </div>
      ) : null}
      <div className="form-actions">
        {allowed("schedule.write") ? (
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void create()}>
            {shown ? "Make another link" : "Show a link and QR code"}
          </button>
        ) : null}
        {allowed("schedule.write") && active.length > 0 ? (
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void revoke()}>
            Revoke {active.length === 1 ? "the link" : `all ${active.length} links`}
          </button>
        ) : null}
      </div>
    </section>
  );
}

function RecentSends({ status }: { status: Parameters<typeof recentClientSends>[0] }): ReactNode {
  const me = useMe();
  const [now] = useState(() => Date.now());
  const recent = recentClientSends(status, now);
  if (!recent) return null;
  return (
    <p className="alert alert--success" role="status">
      The client sent {recent.activities} activit{recent.activities === 1 ? "y" : "ies"} themselves in the last two weeks, most recently{" "}
      {formatTimestamp(recent.latest, me.practice.timeZone)}.
    </p>
  );
}

/** The notice on the client page when the client has sent runs themselves lately. */
export function RunsSentNotice({ clientId }: { clientId: string }): ReactNode {
  const { state } = useAsync(() => runsLinkApi.status(clientId), clientId);
  return state.data ? <RecentSends status={state.data} /> : null;
}
