import { useState, type FormEvent, type ReactNode } from "react";
import { api, errorMessage } from "../api";
import { TextField } from "../components/Field";
import { AuthFrame } from "../components/Layout";
import { ErrorMessage } from "../components/Status";
import { useTitle } from "../components/useTitle";
import { navigate } from "../router";
import { useSession } from "../session";

type Step = "password" | "totp" | "backup";

export function SignInPage({ next }: { next: string }): ReactNode {
  useTitle("Sign in");
  const { refresh } = useSession();
  const [step, setStep] = useState<Step>("password");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function finish(): Promise<void> {
    await refresh();
    navigate(next, { replace: true });
  }

  async function submitPassword(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await api.signIn(email.trim(), password);
      if (result.twoFactorRedirect) {
        setStep("totp");
        setCode("");
        return;
      }
      await finish();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function submitCode(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (step === "backup") await api.verifyBackupCode(code.trim());
      else await api.verifyTotp(code.replace(/\s+/g, ""));
      await finish();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (step === "password") {
    return (
      <AuthFrame>
        <h1>Sign in</h1>
        <form onSubmit={(event) => void submitPassword(event)} noValidate>
          <ErrorMessage message={error} />
          <TextField
            label="Email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            required
          />
          <TextField
            label="Password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
          <button type="submit" className="button button--primary button--block" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
      </AuthFrame>
    );
  }

  const isBackup = step === "backup";
  return (
    <AuthFrame>
      <h1>Two-factor check</h1>
      <p className="muted">
        {isBackup
          ? "Enter one of the backup codes you saved when you turned on two-factor sign-in."
          : "Enter the 6-digit code from your authenticator app."}
      </p>
      <form onSubmit={(event) => void submitCode(event)} noValidate>
        <ErrorMessage message={error} />
        <TextField
          label={isBackup ? "Backup code" : "Authentication code"}
          inputMode={isBackup ? "text" : "numeric"}
          autoComplete="one-time-code"
          className="input--code"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          autoFocus
          required
        />
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {busy ? "Checking…" : "Verify"}
        </button>
      </form>
      <div className="auth__links">
        <button
          type="button"
          className="button button--link"
          onClick={() => {
            setStep(isBackup ? "totp" : "backup");
            setCode("");
            setError(null);
          }}
        >
          {isBackup ? "Use the authenticator app instead" : "Use a backup code instead"}
        </button>
        <button
          type="button"
          className="button button--link"
          onClick={() => {
            setStep("password");
            setPassword("");
            setError(null);
          }}
        >
          Start again
        </button>
      </div>
    </AuthFrame>
  );
}
