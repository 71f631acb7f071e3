import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { validationFailed } from "./errors.js";

/**
 * Password strength, judged by zxcvbn-ts (a maintained estimator with common-password, name and
 * English word dictionaries, keyboard patterns, repeats, sequences and dates) rather than by
 * length alone, plus two rules of our own: a password may not contain the person's e-mail
 * address or name. The dictionaries are large, so they load on first use.
 */

/** The shortest password accepted anywhere (better-auth's own check, setup, invitations, changes). */
export const MIN_PASSWORD_LENGTH = 12;

/** zxcvbn's scale: 3 is "safely unguessable: moderate protection from offline slow-hash scenarios". */
export const MIN_STRENGTH_SCORE = 3;

let factory: Promise<ZxcvbnFactory> | undefined;

async function estimator(): Promise<ZxcvbnFactory> {
  factory ??= (async () => {
    const [common, english] = await Promise.all([import("@zxcvbn-ts/language-common"), import("@zxcvbn-ts/language-en")]);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...english.dictionary },
      graphs: common.adjacencyGraphs,
      translations: english.translations,
    });
  })();
  return factory;
}

/** The words of a name or e-mail that a password must not contain (3 letters or more). */
function personalWords(person: { email: string; name: string }): string[] {
  const email = person.email.trim().toLowerCase();
  const local = email.split("@")[0] ?? "";
  const parts = [...person.name.toLowerCase().split(/[^\p{L}\p{N}]+/u), ...local.split(/[^\p{L}\p{N}]+/u)];
  return [...new Set([email, local, ...parts].filter((word) => word.length >= 3))];
}

/**
 * What is wrong with a password for this person, in words for the form, or undefined when it is
 * strong enough.
 */
export async function passwordProblem(password: string, person: { email: string; name: string }): Promise<string | undefined> {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  const email = person.email.trim().toLowerCase();
  if (email && (lower.includes(email) || ((email.split("@")[0]?.length ?? 0) >= 3 && lower.includes(email.split("@")[0] ?? ""))))
    return "must not contain your e-mail address";
  const nameWords = person.name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 3);
  if (nameWords.some((word) => lower.includes(word))) return "must not contain your name";
  const result = (await estimator()).check(password, [...personalWords(person), "palpable"]);
  if (result.score >= MIN_STRENGTH_SCORE) return undefined;
  const hint = result.feedback.warning ?? result.feedback.suggestions[0];
  return `is too easy to guess${hint ? ` (${hint.replace(/\.$/, "").toLowerCase()})` : ""}: try a longer phrase of unrelated words`;
}

/** Throws 400 naming the field when the password is not strong enough for this person. */
export async function assertStrongPassword(password: string, person: { email: string; name: string }, field = "password"): Promise<void> {
  const problem = await passwordProblem(password, person);
  if (problem) throw validationFailed({ [field]: problem });
}
