/** A decimal number from element or attribute text; NaN for empty or non-numeric text. */
export function parseDecimal(text: string | undefined): number {
  if (text === undefined) return NaN;
  const trimmed = text.trim();
  // Number("") is 0 and Number("0x1F") is 31; neither is a value a GPX or TCX writer means.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return NaN;
  return Number(trimmed);
}

export interface IsoTime {
  /** Unix epoch milliseconds. */
  readonly ms: number;
  /** Minutes east of UTC when the text carried a numeric offset (`+02:00`); null for `Z` or none. */
  readonly offsetMinutes: number | null;
  /** False when the text had no zone at all; we then read it as UTC. */
  readonly zoned: boolean;
}

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses an ISO 8601 / XML Schema dateTime as GPX and TCX write it: `2020-03-06T00:23:46.000Z`,
 * `2020-12-27T15:43:49+01:00`, or without a zone (read as UTC, never as this machine's local time,
 * which is what `Date.parse` would do). Returns null for anything else.
 */
export function parseIsoTime(text: string): IsoTime | null {
  const match = ISO_TIME.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const [y, mo, d, h, mi, s] = [Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second)];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return null;
  const fractionMs = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  const offsetMinutes = zone === undefined || zone.toUpperCase() === "Z" ? null : parseOffset(zone);
  const utcMs = Date.UTC(y, mo - 1, d, h, mi, s, fractionMs) - (offsetMinutes ?? 0) * 60_000;
  if (!Number.isFinite(utcMs)) return null;
  return { ms: utcMs, offsetMinutes, zoned: zone !== undefined };
}

function parseOffset(zone: string): number {
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}
