/**
 * Dates people read: in words, in the reader's time zone, through Intl (never an ISO string in a
 * message to a client). The text around them is English, so the default locale is British English
 * ("Sunday, 13 December 2026 at 18:00"): day before month, which no reader mistakes for a US date.
 */
export const DEFAULT_LOCALE = "en-GB";

/** "Sunday, 13 December 2026 at 18:00" for an instant, in `timeZone`. */
export function formatDateTimeInWords(iso: string, timeZone: string, locale = DEFAULT_LOCALE): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  }).format(new Date(iso));
}
