/**
 * Grammar for generated sentences, in one place: counted nouns chosen by Intl.PluralRules and the
 * English indefinite article. No imports, so the server and the web app both use it.
 */

const rulesByLocale = new Map<string, Intl.PluralRules>();

function pluralRules(locale: string): Intl.PluralRules {
  let rules = rulesByLocale.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    rulesByLocale.set(locale, rules);
  }
  return rules;
}

/** The noun form for a count: `nounFor(1, "occasion")` → "occasion", `nounFor(2, "occasion")` → "occasions". */
export function nounFor(count: number, one: string, other = `${one}s`, locale = "en"): string {
  return pluralRules(locale).select(count) === "one" ? one : other;
}

/** A count with its noun: `plural(1, "occasion")` → "1 occasion", `plural(3, "session")` → "3 sessions". */
export function plural(count: number, one: string, other = `${one}s`, locale = "en"): string {
  return `${count} ${nounFor(count, one, other, locale)}`;
}

// Words spelled with a vowel but said with a consonant sound, and the reverse.
const A_BEFORE = /^(uni|use|usu|uti|ure|euro|one\b|once\b)/i;
const AN_BEFORE = /^(hour|honest|honou?r|heir)/i;

/**
 * "a" or "an" before a phrase, by how it is said: "an 80 km race", "an 18-week block",
 * "a 100 km race", "an hour", "a unilateral finding".
 */
export function indefiniteArticle(phrase: string): "a" | "an" {
  const text = phrase.trim();
  const digits = /^\d[\d,]*/.exec(text)?.[0].replace(/,/g, "");
  if (digits) {
    // Said "eight…", "eleven…" or "eighteen…": 8, 80–89, 800…, 11, 18, 11 000, 18 000, …
    if (digits.startsWith("8")) return "an";
    const lead = digits.length % 3 === 2 ? digits.slice(0, 2) : "";
    return lead === "11" || lead === "18" ? "an" : "a";
  }
  if (AN_BEFORE.test(text)) return "an";
  if (A_BEFORE.test(text)) return "a";
  return /^[aeiou]/i.test(text) ? "an" : "a";
}

/** The phrase with its article: `withArticle("80 km race")` → "an 80 km race". */
export function withArticle(phrase: string): string {
  return `${indefiniteArticle(phrase)} ${phrase}`;
}
