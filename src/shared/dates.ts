/**
 * Dates people read: through Intl, in the reader's time zone and locale (never an ISO string in
 * anything a person reads). The practice chooses its locale (Settings); a client's own locale, when
 * recorded, is used for what the client reads. The text around the dates is English, so the
 * default is British English ("Sunday, 13 December 2026 at 18:00"): day before month, which no
 * reader mistakes for a US date. No imports: the server and the web app both use this file.
 */
export const DEFAULT_LOCALE = "en-GB";

/** The locales a practice or a client can choose, with their names in their own language. */
export const LOCALES = [
  { code: "en-GB", name: "English (United Kingdom)" },
  { code: "en-IE", name: "English (Ireland)" },
  { code: "en-US", name: "English (United States)" },
  { code: "en-CA", name: "English (Canada)" },
  { code: "en-AU", name: "English (Australia)" },
  { code: "en-NZ", name: "English (New Zealand)" },
  { code: "de-DE", name: "Deutsch (Deutschland)" },
  { code: "de-AT", name: "Deutsch (Österreich)" },
  { code: "de-CH", name: "Deutsch (Schweiz)" },
  { code: "fr-FR", name: "Français (France)" },
  { code: "nl-NL", name: "Nederlands (Nederland)" },
  { code: "es-ES", name: "Español (España)" },
  { code: "it-IT", name: "Italiano (Italia)" },
  { code: "sv-SE", name: "Svenska (Sverige)" },
  { code: "da-DK", name: "Dansk (Danmark)" },
  { code: "nb-NO", name: "Norsk bokmål (Norge)" },
] as const;
export type LocaleCode = (typeof LOCALES)[number]["code"];
export const LOCALE_CODES: readonly string[] = LOCALES.map((l) => l.code);

export function isSupportedLocale(value: string): value is LocaleCode {
  return LOCALE_CODES.includes(value);
}

/** The supported locale closest to a browser's languages (e.g. "de" → de-DE), or the default. */
export function closestLocale(languages: readonly string[]): LocaleCode {
  for (const language of languages) {
    if (isSupportedLocale(language)) return language;
    const base = language.split("-")[0]?.toLowerCase();
    const match = LOCALES.find((l) => l.code.split("-")[0] === base);
    if (match) return match.code;
  }
  return DEFAULT_LOCALE;
}

function safeFormat(options: Intl.DateTimeFormatOptions, locale: string, value: Date): string {
  try {
    return new Intl.DateTimeFormat(locale, options).format(value);
  } catch {
    // An unknown time zone: the same date in UTC, said so.
    return `${new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(value)} UTC`;
  }
}

/** "Sunday, 13 December 2026 at 18:00" (en-GB) for an instant, in `timeZone`. */
export function formatDateTimeInWords(iso: string, timeZone: string, locale: string = DEFAULT_LOCALE): string {
  return safeFormat(
    { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone },
    locale,
    new Date(iso),
  );
}

export type InstantStyle = "date" | "datetime" | "time" | "dayMonth" | "weekdayDate";

const INSTANT_OPTIONS: Record<InstantStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: "medium" },
  datetime: { dateStyle: "medium", timeStyle: "short" },
  time: { timeStyle: "short" },
  dayMonth: { day: "numeric", month: "short" },
  weekdayDate: { weekday: "short", day: "numeric", month: "short", year: "numeric" },
};

/** An instant as a date, a date and time, a time or a day and month, in `timeZone` (the reader's own when absent). */
export function formatInstant(iso: string | Date, style: InstantStyle, locale: string, timeZone?: string): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return String(iso);
  return safeFormat({ ...INSTANT_OPTIONS[style], ...(timeZone ? { timeZone } : {}) }, locale, date);
}

/**
 * A calendar date ("2024-05-14", "2023-05" or "2023") in words: "14 May 2024", "May 2023", "2023"
 * (en-GB). Formatted in UTC so it never shifts a day.
 */
export function formatCalendarDate(
  value: string | null | undefined,
  locale: string = DEFAULT_LOCALE,
  style: "medium" | "short" = "medium",
): string {
  if (!value) return "";
  const [year, month, day] = value.split("-").map(Number);
  if (year === undefined || Number.isNaN(year)) return value;
  if (month === undefined) return String(year);
  if (day === undefined)
    return safeFormat({ month: "long", year: "numeric", timeZone: "UTC" }, locale, new Date(Date.UTC(year, month - 1, 1)));
  const options: Intl.DateTimeFormatOptions =
    style === "short"
      ? { day: "numeric", month: "short", timeZone: "UTC" }
      : { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" };
  return safeFormat(options, locale, new Date(Date.UTC(year, month - 1, day)));
}
