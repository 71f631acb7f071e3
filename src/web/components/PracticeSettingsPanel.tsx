import { useState, type FormEvent, type ReactNode } from "react";
import { request } from "../api";
import { LOCALES, formatInstant } from "../../shared/dates";
import { SelectField } from "./Field";
import { ErrorMessage, SuccessMessage } from "./Status";
import { useFormSubmit } from "./useFormSubmit";
import { useMe, useSession } from "../session";

const SAMPLE = "2026-12-13T17:00:00.000Z";

/** The owner chooses how the practice writes dates (in the app, e-mails and reports). */
export function PracticeSettingsPanel(): ReactNode {
  const me = useMe();
  const { refresh } = useSession();
  const [locale, setLocale] = useState(me.practice.locale);
  const [saved, setSaved] = useState<string | null>(null);
  const { busy, error, errors, submit } = useFormSubmit();

  function save(event: FormEvent): void {
    event.preventDefault();
    setSaved(null);
    submit(async () => {
      await request<unknown>("PATCH", "/api/practice", { locale });
      await refresh();
      setSaved("Saved: dates are now written this way.");
    });
  }

  return (
    <section className="card" aria-labelledby="practice-settings-heading">
      <h2 id="practice-settings-heading">Practice settings</h2>
      <form onSubmit={save} noValidate>
        <SelectField
          label="Date format"
          hint={`For example ${formatInstant(SAMPLE, "date", locale, me.practice.timeZone)}, ${formatInstant(SAMPLE, "datetime", locale, me.practice.timeZone)}. Used in the app, e-mails and reports; a client's own choice on their record comes first for what they read.`}
          value={locale}
          error={errors.locale}
          onChange={(event) => setLocale(event.target.value)}
          options={LOCALES.map((l) => ({ value: l.code, label: l.name }))}
        />
        <ErrorMessage message={error} />
        <SuccessMessage message={saved} />
        <button type="submit" className="button button--primary" disabled={busy || locale === me.practice.locale}>
          Save settings
        </button>
      </form>
    </section>
  );
}
