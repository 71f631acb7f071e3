import { useState } from "react";
import { errorMessage, fieldErrors, type FieldErrors } from "../api";

/**
 * The state every save form keeps: busy while saving, the server's message, and its per-field
 * errors to show next to the inputs. `submit` runs a save and fills them in when it fails.
 */
export function useFormSubmit(): {
  busy: boolean;
  error: string | null;
  errors: FieldErrors;
  setError: (message: string | null) => void;
  setErrors: (errors: FieldErrors) => void;
  submit: (save: () => Promise<void>) => void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = (save: () => Promise<void>): void => {
    setBusy(true);
    setError(null);
    save()
      .catch((err: unknown) => {
        setError(errorMessage(err));
        setErrors(fieldErrors(err));
      })
      .finally(() => setBusy(false));
  };
  return { busy, error, errors, setError, setErrors, submit };
}
