import { useState, type FormEvent, type ReactNode } from "react";
import { ApiError, api, errorMessage, fieldErrors, type FieldErrors } from "../api";
import { SelectField, TextField } from "../components/Field";
import { AuthFrame } from "../components/Layout";
import { ErrorMessage } from "../components/Status";
import { useTitle } from "../components/useTitle";
import { browserTimeZone, timeZoneOptions } from "../format";
import { Link, navigate } from "../router";
import { useSession } from "../session";
import { closestLocale } from "../../shared/dates";

const MIN_PASSWORD = 12;

/** First run: create the practice and its owner, then sign the owner in. */
export function SetupPage(): ReactNode {
  useTitle("Set up your practice");
  const { state, refresh } = useSession();
  const [form, setForm] = useState({
    practiceName: "",
    timeZone: browserTimeZone(),
    name: "",
    email: "",
    password: "",
    confirm: "",
  });
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [alreadySetUp, setAlreadySetUp] = useState(false);
  const [busy, setBusy] = useState(false);

  if (alreadySetUp || (state.status === "signedOut" && !state.setupNeeded)) {
    return (
      <AuthFrame>
        <h1>Already set up</h1>
        <ErrorMessage message={error} />
        <p>This Palpable installation already has a practice. Sign in with your account.</p>
        <Link to="/sign-in" className="button button--primary button--block">
          Go to sign in
        </Link>
      </AuthFrame>
    );
  }

  const set = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((old) => ({ ...old, [key]: event.target.value }));

  function validate(): FieldErrors {
    const errors: FieldErrors = {};
    if (!form.practiceName.trim()) errors.practiceName = "Enter the practice name.";
    if (!form.name.trim()) errors.name = "Enter your name.";
    if (!form.email.trim()) errors.email = "Enter your email address.";
    if (form.password.length < MIN_PASSWORD) errors.password = `Use at least ${MIN_PASSWORD} characters.`;
    else if (form.password !== form.confirm) errors.confirm = "The passwords do not match.";
    return errors;
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const errors = validate();
    setFields(errors);
    setError(null);
    if (Object.keys(errors).length) return;
    setBusy(true);
    const email = form.email.trim();
    try {
      await api.setup({
        practiceName: form.practiceName.trim(),
        timeZone: form.timeZone,
        locale: closestLocale(navigator.languages.length > 0 ? navigator.languages : [navigator.language]),
        name: form.name.trim(),
        email,
        password: form.password,
      });
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 409) {
        setAlreadySetUp(true);
        await refresh();
        return;
      }
      setError(errorMessage(err));
      setFields(fieldErrors(err));
      return;
    }
    try {
      await api.signIn(email, form.password);
      await refresh();
      navigate("/clients", { replace: true });
    } catch (err) {
      // The practice exists now; signing in by hand is the way on.
      setBusy(false);
      setError(`Your practice was created, but signing you in failed: ${errorMessage(err)}`);
      setAlreadySetUp(true);
      await refresh();
    }
  }

  return (
    <AuthFrame>
      <h1>Set up your practice</h1>
      <p className="muted">Create the practice and your owner account. You can add your team afterwards.</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <ErrorMessage message={error} />
        <TextField
          label="Practice name"
          value={form.practiceName}
          onChange={set("practiceName")}
          error={fields.practiceName}
          autoComplete="organization"
          required
        />
        <SelectField
          label="Time zone"
          value={form.timeZone}
          onChange={set("timeZone")}
          error={fields.timeZone}
          options={timeZoneOptions(form.timeZone).map((zone) => ({ value: zone, label: zone }))}
        />
        <TextField label="Your name" value={form.name} onChange={set("name")} error={fields.name} autoComplete="name" required />
        <TextField
          label="Email"
          type="email"
          value={form.email}
          onChange={set("email")}
          error={fields.email}
          autoComplete="username"
          required
        />
        <TextField
          label="Password"
          type="password"
          value={form.password}
          onChange={set("password")}
          error={fields.password}
          hint={`At least ${MIN_PASSWORD} characters. A short sentence is easy to remember.`}
          autoComplete="new-password"
          required
        />
        <TextField
          label="Confirm password"
          type="password"
          value={form.confirm}
          onChange={set("confirm")}
          error={fields.confirm}
          autoComplete="new-password"
          required
        />
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {busy ? "Setting up…" : "Create practice"}
        </button>
      </form>
    </AuthFrame>
  );
}
