import QRCode from "qrcode";
import { useState, type FormEvent, type ReactNode } from "react";
import { api, errorMessage } from "../api";
import { useMe, useSession } from "../session";
import { TextField } from "./Field";
import { ErrorMessage, SuccessMessage } from "./Status";

interface Enrolment {
  totpURI: string;
  secret: string;
  qrDataUrl: string;
  backupCodes: string[];
}

/** The base32 secret inside an otpauth:// URI, grouped in fours for typing by hand. */
function secretOf(totpURI: string): string {
  try {
    const secret = new URL(totpURI).searchParams.get("secret") ?? "";
    return secret.replace(/(.{4})/g, "$1 ").trim();
  } catch {
    return "";
  }
}

/** Turn TOTP two-factor sign-in on (scan, save backup codes, confirm a code) or off. */
export function TwoFactorPanel(): ReactNode {
  const me = useMe();
  const { refresh } = useSession();
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const enabled = me.user.twoFactorEnabled;

  async function run(action: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await action();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const start = (event: FormEvent): Promise<void> =>
    run(async () => {
      event.preventDefault();
      const { totpURI, backupCodes } = await api.enableTwoFactor(password);
      const qrDataUrl = await QRCode.toDataURL(totpURI, { margin: 1, width: 220 });
      setEnrolment({ totpURI, backupCodes, qrDataUrl, secret: secretOf(totpURI) });
      setPassword("");
    });

  const confirm = (event: FormEvent): Promise<void> =>
    run(async () => {
      event.preventDefault();
      await api.verifyTotp(code.replace(/\s+/g, ""));
      setEnrolment(null);
      setCode("");
      await refresh();
      setNotice("Two-factor sign-in is on. You will be asked for a code each time you sign in.");
    });

  const disable = (event: FormEvent): Promise<void> =>
    run(async () => {
      event.preventDefault();
      await api.disableTwoFactor(password);
      setPassword("");
      await refresh();
      setNotice("Two-factor sign-in is off.");
    });

  return (
    <section className="card" aria-labelledby="twofactor-heading">
      <h2 id="twofactor-heading">Two-factor sign-in</h2>
      <SuccessMessage message={notice} />
      <ErrorMessage message={error} />
      {enrolment ? (
        <div className="enrol">
          <ol className="enrol__steps">
            <li>
              <p>Scan this code with an authenticator app (for example 1Password, Google Authenticator or Aegis).</p>
              <img className="enrol__qr" src={enrolment.qrDataUrl} alt="QR code for your authenticator app" width={220} height={220} />
              <p className="muted">
                Can't scan? Enter this key instead: <code className="secret__value">{enrolment.secret}</code>
              </p>
            </li>
            <li>
              <p>Save these backup codes somewhere safe. Each one lets you sign in once if you lose your phone.</p>
              <ul className="backup-codes" aria-label="Backup codes">
                {enrolment.backupCodes.map((backup) => (
                  <li key={backup}>
                    <code>{backup}</code>
                  </li>
                ))}
              </ul>
            </li>
            <li>
              <form onSubmit={(event) => void confirm(event)} noValidate>
                <TextField
                  label="Code from the app"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  className="input--code"
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  required
                />
                <div className="form-actions">
                  <button type="submit" className="button button--primary" disabled={busy}>
                    {busy ? "Checking…" : "Confirm and turn on"}
                  </button>
                  <button type="button" className="button button--quiet" onClick={() => setEnrolment(null)}>
                    Cancel
                  </button>
                </div>
              </form>
            </li>
          </ol>
        </div>
      ) : (
        <form onSubmit={(event) => void (enabled ? disable(event) : start(event))} noValidate>
          <p>Status: {enabled ? <span className="badge badge--ok">On</span> : <span className="badge badge--muted">Off</span>}</p>
          <p className="muted">
            {enabled
              ? "Turning it off makes your account easier to break into. Enter your password to confirm."
              : "Protect client records with a code from an authenticator app as well as your password."}
          </p>
          <TextField
            label="Your password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
          <button type="submit" className={`button ${enabled ? "button--danger" : "button--primary"}`} disabled={busy}>
            {busy ? "Working…" : enabled ? "Turn off two-factor" : "Set up two-factor"}
          </button>
        </form>
      )}
    </section>
  );
}
