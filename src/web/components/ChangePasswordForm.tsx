import { useState, type FormEvent, type ReactNode } from "react";
import { api, errorMessage, type FieldErrors } from "../api";
import { TextField } from "./Field";
import { ErrorMessage, SuccessMessage } from "./Status";

const MIN_PASSWORD = 12;

export function ChangePasswordForm(): ReactNode {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!current) errors.currentPassword = "Enter your current password.";
    if (next.length < MIN_PASSWORD) errors.newPassword = `Use at least ${MIN_PASSWORD} characters.`;
    else if (next !== confirm) errors.confirm = "The passwords do not match.";
    setFields(errors);
    setError(null);
    setNotice(null);
    if (Object.keys(errors).length) return;
    setBusy(true);
    try {
      await api.changePassword(current, next);
      setCurrent("");
      setNext("");
      setConfirm("");
      setNotice("Password changed. Other devices were signed out.");
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">Change password</h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <SuccessMessage message={notice} />
        <ErrorMessage message={error} />
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={fields.currentPassword}
          required
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={fields.newPassword}
          hint={`At least ${MIN_PASSWORD} characters.`}
          required
        />
        <TextField
          label="Confirm new password"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={fields.confirm}
          required
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? "Saving…" : "Change password"}
        </button>
      </form>
    </section>
  );
}
