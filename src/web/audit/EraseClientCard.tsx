import { useState, type FormEvent, type ReactNode } from "react";
import { ApiError, errorMessage } from "../api";
import { TextField } from "../components/Field";
import { ErrorMessage } from "../components/Status";
import { fullName } from "../format";
import { navigate } from "../router";
import { useCan } from "../session";
import type { Client } from "../types";
import { auditApi } from "./api";
import "./audit.css";

/**
 * The danger zone on a client's page: erases every record about the client after the owner types
 * the client's full name. Only owners see it; the server checks the role and the name again.
 */
export function EraseClientCard({ client }: { client: Client }): ReactNode {
  const allowed = useCan();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  if (!allowed("client.erase")) return null;
  const name = fullName(client);
  const matches = typed.trim() === name;

  async function erase(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!matches) return;
    setBusy(true);
    setError(null);
    setFieldError(undefined);
    try {
      await auditApi.eraseClient(client.id, typed.trim());
      navigate("/clients", { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.fields.confirm) setFieldError(err.fields.confirm);
      else setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <section className="card danger-zone" aria-labelledby="erase-heading">
      <h2 id="erase-heading">Erase this client</h2>
      <p>
        Erasing removes everything Palpable holds about {name}: profile, consents, complaints, sessions and their history, training files
        and activities, check-ins and answers, case reports and experiment enrolments. It cannot be undone. The audit log keeps that the
        client existed and was erased, without any of their details.
      </p>
      {open ? (
        <form onSubmit={(event) => void erase(event)} noValidate>
          <TextField
            label={`Type the client's full name, ${name}, to confirm`}
            value={typed}
            autoComplete="off"
            spellCheck={false}
            error={fieldError}
            onChange={(event) => setTyped(event.target.value)}
          />
          <ErrorMessage message={error} />
          <div className="danger-zone__actions">
            <button type="submit" className="button button--danger" disabled={!matches || busy}>
              {busy ? "Erasing…" : "Erase everything about this client"}
            </button>
            <button
              type="button"
              className="button button--quiet"
              disabled={busy}
              onClick={() => {
                setOpen(false);
                setTyped("");
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button button--danger-quiet" onClick={() => setOpen(true)}>
          Erase this client…
        </button>
      )}
    </section>
  );
}
