import { useState, type FormEvent, type ReactNode } from "react";
import { api, errorMessage, fieldErrors, type FieldErrors } from "../api";
import type { InvitationResult, InvitationView, Role } from "../types";
import { SelectField, TextField } from "./Field";
import { ErrorMessage } from "./Status";

const ROLE_OPTIONS: { value: Role; label: string }[] = [
  { value: "therapist", label: "Therapist" },
  { value: "assistant", label: "Assistant" },
  { value: "owner", label: "Owner" },
];

/** Owner-only: adds a practitioner and shows their temporary password exactly once. */
export function AddMemberForm({ onAdded }: { onAdded: (invitation: InvitationView) => void }): ReactNode {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("therapist");
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<InvitationResult | null>(null);
  const [copied, setCopied] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!name.trim()) errors.name = "Enter their name.";
    if (!email.trim()) errors.email = "Enter their email address.";
    setFields(errors);
    setError(null);
    if (Object.keys(errors).length) return;
    setBusy(true);
    try {
      const result = await api.addMember({ name: name.trim(), email: email.trim(), role });
      setCreated(result);
      setCopied(false);
      onAdded(result.invitation);
      setName("");
      setEmail("");
      setRole("therapist");
    } catch (err) {
      setError(errorMessage(err));
      setFields(fieldErrors(err));
    } finally {
      setBusy(false);
    }
  }

  async function copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <section className="card" aria-labelledby="add-member-heading">
      <h2 id="add-member-heading">Invite a practitioner</h2>
      {created?.delivery === "email" ? (
        <div className="alert alert--success" role="status">
          <p>
            An invitation is on its way to <strong>{created.invitation.email}</strong>. They choose their own password from the link in it.
          </p>
          <div className="form-actions">
            <button type="button" className="button button--quiet" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      ) : created?.delivery === "link" ? (
        <div className="alert alert--success secret" role="status">
          <p>
            Send <strong>{created.invitation.name}</strong> ({created.invitation.email}) this invitation link; they choose their own
            password with it:
          </p>
          <p className="secret__value" data-testid="invitation-link">
            {created.link}
          </p>
          <p>It works once, for 7 days, and is shown only now (e-mail is not set up on this server).</p>
          <div className="form-actions">
            <button type="button" className="button button--secondary" onClick={() => void copy(created.link)}>
              {copied ? "Copied" : "Copy link"}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      ) : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <ErrorMessage message={error} />
        <div className="grid grid--3">
          <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={fields.name} autoComplete="off" required />
          <TextField
            label="Email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fields.email}
            autoComplete="off"
            required
          />
          <SelectField
            label="Role"
            value={role}
            options={ROLE_OPTIONS}
            error={fields.role}
            onChange={(e) => setRole(ROLE_OPTIONS.find((o) => o.value === e.target.value)?.value ?? "therapist")}
          />
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? "Inviting…" : "Send invitation"}
        </button>
      </form>
    </section>
  );
}
