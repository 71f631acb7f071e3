/**
 * Finding and removing what could identify a client in text meant for publication: their first
 * and last name, their e-mail address, their phone number, the name of their goal event and any
 * calendar date. Pure functions.
 */

/** What the client could be recognised by. */
export interface ClientIdentifiers {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  /** The race the client is training for ("Lakeland 50"): with a finish time it names them. */
  goalEventName?: string | null;
}

export type IdentifierKind = "name" | "email" | "phone" | "event" | "date";

export interface IdentifierFinding {
  kind: IdentifierKind;
  /** The text as it appears. */
  text: string;
}

const MONTHS =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
/** Letters as [xX] classes: case-insensitive month names inside an otherwise case-sensitive pattern. */
function caseless(pattern: string): string {
  return pattern.replace(/[a-z]/g, (ch) => `[${ch}${ch.toUpperCase()}]`);
}
/** "May" is also a verb, so only the capitalised month counts. */
const MONTH = `(?:${caseless(MONTHS)}|May)`;
const ORDINAL = "(?:st|nd|rd|th)?";

/**
 * Calendar dates in the forms people write them: 2026-03-12, 2026/3/12, 12/3/2026, 3.4.26,
 * 12 March, 12th of March, March 12, Mar. 12th, March 2026.
 */
const DATE_PATTERNS: readonly RegExp[] = [
  /(?<![\p{L}\p{N}])\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?![\p{L}\p{N}])/gu,
  /(?<![\p{L}\p{N}.])\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})(?![\p{L}\p{N}]|\.\d)/gu,
  new RegExp(`(?<![\\p{L}\\p{N}])\\d{1,2}${ORDINAL}\\s+(?:of\\s+)?${MONTH}\\.?(?![\\p{L}])`, "gu"),
  new RegExp(`(?<![\\p{L}])${MONTH}\\.?\\s+\\d{1,2}${ORDINAL}(?![\\p{L}\\p{N}])`, "gu"),
  new RegExp(`(?<![\\p{L}])${MONTH}\\.?\\s+\\d{4}(?![\\p{L}\\p{N}])`, "gu"),
];

const EMAIL_PATTERN = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/** A run of digits as people write phone numbers: +44 7700 900123, (0)7700-900-123, 07700.900123. */
const PHONE_RUN = /\+?\(?\d[\d\s().-]{5,}\d/g;
/** Phone numbers compare on their last digits, so the same number with or without a country code matches. */
const PHONE_DIGITS_COMPARED = 9;
const PHONE_MIN_DIGITS = 7;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function withoutAccents(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "");
}

/** Each name (first, last, and the parts of a double-barrelled or spaced name) as a whole-word pattern. */
function namePatterns(ids: ClientIdentifiers): RegExp[] {
  const parts = new Set<string>();
  for (const name of [ids.firstName, ids.lastName]) {
    const trimmed = name.trim();
    if (trimmed.length >= 2) parts.add(trimmed);
    for (const part of trimmed.split(/[\s-]+/)) if (part.length >= 2) parts.add(part);
  }
  const variants = new Set<string>();
  for (const part of parts) {
    variants.add(part.normalize("NFC"));
    variants.add(withoutAccents(part));
  }
  return [...variants]
    .sort((a, b) => b.length - a.length)
    .map((name) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, "giu"));
}

/** Shorter names ("5k") are too common to point at anyone. */
const EVENT_NAME_MIN_LENGTH = 4;

/** The goal event's name as a whole phrase, in any case, any spacing, with or without accents. */
function eventPatterns(ids: ClientIdentifiers): RegExp[] {
  const name = ids.goalEventName?.trim() ?? "";
  if (name.length < EVENT_NAME_MIN_LENGTH) return [];
  const variants = new Set([name.normalize("NFC"), withoutAccents(name)]);
  return [...variants].map(
    (variant) => new RegExp(`(?<![\\p{L}\\p{N}])${variant.split(/\s+/).map(escapeRegExp).join("\\s+")}(?![\\p{L}\\p{N}])`, "giu"),
  );
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, "");
}

function samePhone(candidate: string, phone: string): boolean {
  const a = digitsOf(candidate);
  const b = digitsOf(phone);
  if (a.length < PHONE_MIN_DIGITS || b.length < PHONE_MIN_DIGITS) return false;
  const n = Math.min(PHONE_DIGITS_COMPARED, a.length, b.length);
  return a.slice(-n) === b.slice(-n);
}

interface Span {
  start: number;
  end: number;
  kind: IdentifierKind;
}

function spans(text: string, ids: ClientIdentifiers): Span[] {
  const found: Span[] = [];
  const collect = (pattern: RegExp, kind: IdentifierKind, accept: (match: string) => boolean = () => true): void => {
    for (const match of text.matchAll(pattern)) {
      if (match.index === undefined || !accept(match[0])) continue;
      found.push({ start: match.index, end: match.index + match[0].length, kind });
    }
  };
  collect(EMAIL_PATTERN, "email");
  if (ids.email) collect(new RegExp(escapeRegExp(ids.email), "giu"), "email");
  if (ids.phone) {
    const phone = ids.phone;
    collect(PHONE_RUN, "phone", (match) => samePhone(match, phone));
  }
  for (const pattern of eventPatterns(ids)) collect(pattern, "event");
  for (const pattern of DATE_PATTERNS) collect(pattern, "date");
  for (const pattern of namePatterns(ids)) collect(pattern, "name");
  // Also look for unaccented names in the unaccented text (a name typed without its accent).
  const plain = withoutAccents(text);
  if (plain.length === text.length) {
    for (const pattern of namePatterns(ids)) {
      for (const match of plain.matchAll(pattern)) {
        if (match.index === undefined) continue;
        found.push({ start: match.index, end: match.index + match[0].length, kind: "name" });
      }
    }
  }
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Every identifying detail in `text`, in order of appearance, each once. */
export function findIdentifiers(text: string, ids: ClientIdentifiers): IdentifierFinding[] {
  const seen = new Set<string>();
  const result: IdentifierFinding[] = [];
  for (const span of merged(spans(text, ids))) {
    const found = text.slice(span.start, span.end);
    const key = `${span.kind}:${found.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ kind: span.kind, text: found });
  }
  return result;
}

/** Overlapping spans become one (the first, longest one decides the kind). */
function merged(list: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const span of list) {
    const last = out.at(-1);
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      continue;
    }
    out.push({ ...span });
  }
  return out;
}

const REPLACEMENT: Record<IdentifierKind, string> = {
  name: "the runner",
  email: "[e-mail removed]",
  phone: "[phone removed]",
  event: "[goal event removed]",
  date: "[date removed]",
};

/**
 * The text with every identifying detail replaced: names by "the runner", the rest by a bracketed
 * marker. Used on text the therapist cannot edit in the report (an experiment's registered
 * hypothesis, protocol names), so nothing identifying reaches an export.
 */
export function redactIdentifiers(text: string, ids: ClientIdentifiers): string {
  let out = "";
  let at = 0;
  for (const span of merged(spans(text, ids))) {
    out += text.slice(at, span.start) + REPLACEMENT[span.kind];
    at = span.end;
  }
  return out + text.slice(at);
}

const KIND_WORDS: Record<IdentifierKind, string> = {
  name: "the client's name",
  email: "an e-mail address",
  phone: "the client's phone number",
  event: "the client's goal event",
  date: "a calendar date",
};

/** One sentence per field naming what was found, e.g. `contains the client's name "Maya"`. */
export function describeFindings(findings: readonly IdentifierFinding[]): string {
  return `contains ${findings.map((f) => `${KIND_WORDS[f.kind]} "${f.text}"`).join(", ")}`;
}
