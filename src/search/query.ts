import { normaliseForSearch } from "./documents.js";

/**
 * Pure: what the search box says → the databases' query languages. The box takes web-search
 * syntax (PostgreSQL's websearch_to_tsquery): words all required, "quoted phrases", `or` between
 * alternatives, `-word` to leave out. PostgreSQL reads it as it is; for SQLite it becomes an FTS5
 * MATCH expression in which every word is a quoted string, so no character typed is FTS5 syntax.
 *
 * The last word, when it stands alone (not quoted, excluded or after `or`), also matches as the
 * start of a word: "hams" finds hamstring, "cupp" cupping. Both indexes keep stems, not words
 * ("cupping" is kept as "cup"), and a stem can be shorter than what was typed, so the word also
 * matches the stems it could be the start of: itself less its last letter or two (never below
 * three letters), as whole stems. Two letters cover typing into a suffix the stemmer drops
 * ("runn" → run, "tightne" → tight); more would let a whole word find shorter ones ("marchetti"
 * finding "march").
 */

export interface ParsedQuery {
  /** The words and phrases, normalised: what an excerpt looks for. */
  terms: string[];
  /** PostgreSQL: the normalised text for websearch_to_tsquery. */
  websearch: string;
  /** SQLite: the FTS5 expression, or null when nothing can match (only exclusions, or no words). */
  fts5: string | null;
  /**
   * PostgreSQL: when the last word is matched as the start of a word, the to_tsquery text for it
   * ("cupp:* | cup"); `websearch` then holds the words before it.
   */
  prefix: string | null;
}

/** Shortest word matched as the start of a word; shorter stems a word may have. */
const PREFIX_MIN = 3;
const STEM_TRIM_MAX = 2;

/** The stems a typed start of a word may belong to, shorter than it: "cupp" → ["cup"]. */
export function shorterStems(word: string): string[] {
  if (!/^\p{L}+$/u.test(word)) return [];
  const stems: string[] = [];
  for (let length = Math.max(PREFIX_MIN, word.length - STEM_TRIM_MAX); length < word.length; length += 1) {
    stems.push(word.slice(0, length));
  }
  return stems;
}

const TOKEN = /(-?)"([^"]*)"?|(\S+)/g;

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

export function parseSearchQuery(input: string): ParsedQuery {
  const text = normaliseForSearch(input).trim();
  const groups: string[][] = [];
  const excluded: string[] = [];
  const terms: string[] = [];
  let orNext = false;
  // The last word standing alone: where it starts in `text` and its index among the groups.
  let last: { word: string; at: number; group: number } | null = null;
  for (const match of text.matchAll(TOKEN)) {
    const phrase = match[2];
    let word = phrase ?? match[3] ?? "";
    let negative = match[1] === "-";
    if (phrase === undefined && word === "or" && groups.length > 0) {
      orNext = true;
      last = null;
      continue;
    }
    if (phrase === undefined && word.startsWith("-") && word.length > 1) {
      negative = true;
      word = word.slice(1);
    }
    // Only letters and digits make tokens in either index; a word of punctuation matches nothing.
    const cleaned = word.replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    if (cleaned === "") continue;
    if (negative) {
      excluded.push(quote(cleaned));
      last = null;
      continue;
    }
    terms.push(cleaned);
    last =
      phrase === undefined && !orNext && !negative && /^[\p{L}\p{N}]+$/u.test(cleaned)
        ? { word: cleaned, at: match.index, group: groups.length }
        : null;
    if (orNext) groups[groups.length - 1]?.push(quote(cleaned));
    else groups.push([quote(cleaned)]);
    orNext = false;
  }
  const startsWord = last !== null && last.word.length >= PREFIX_MIN ? last : null;
  if (startsWord) {
    const stems = shorterStems(startsWord.word);
    groups[startsWord.group] = [`${quote(startsWord.word)}*`, ...stems.map(quote)];
  }
  const positive = groups.map((g) => (g.length > 1 ? `(${g.join(" OR ")})` : (g[0] ?? ""))).join(" AND ");
  const fts5 = positive === "" ? null : excluded.length > 0 ? `(${positive}) NOT (${excluded.join(" OR ")})` : positive;
  if (!startsWord) return { terms, websearch: text, fts5, prefix: null };
  const prefix = [`${startsWord.word}:*`, ...shorterStems(startsWord.word)].join(" | ");
  return { terms, websearch: text.slice(0, startsWord.at).trim(), fts5, prefix };
}

/** Up to `width` characters of `body` around the first place a term starts, on word boundaries. */
export function excerpt(body: string, terms: readonly string[], width = 160): string {
  const flat = body.replace(/\s+/g, " ").trim();
  if (flat.length <= width) return flat;
  const folded = normaliseForSearch(flat);
  let at = -1;
  for (const term of terms) {
    for (const word of term.split(" ")) {
      // The stem's first letters: "tightness" also points at "tight".
      const stem = word.slice(0, Math.max(3, Math.min(word.length, 5)));
      const index = folded.search(new RegExp(`(^|[^\\p{L}\\p{N}])${stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "u"));
      if (index >= 0 && (at < 0 || index < at)) at = index;
    }
  }
  if (at < 0) return `${flat.slice(0, width).replace(/\s\S*$/, "")} …`;
  const start = Math.max(0, flat.lastIndexOf(" ", Math.max(0, at - 40)) + 1);
  const slice = flat.slice(start, start + width).replace(/\s\S*$/, "");
  return `${start > 0 ? "… " : ""}${slice}${start + width < flat.length ? " …" : ""}`;
}
