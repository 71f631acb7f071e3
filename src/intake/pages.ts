import { CHECKIN_CSS_PATH } from "../platform/link-page-style.js";
import type { SignedConsentKind } from "../db/schema.js";
import { escapeHtml, linkPageDocument } from "../shared/html.js";
import { describeError, INJURY_ROWS, SELF_CARE_EFFECTS, SELF_CARE_METHODS, type FormValues } from "./form.js";
import { RED_FLAG_QUESTIONS } from "./red-flags.js";
import { SIGNED_CONSENT_KINDS, type SignatureView } from "./signatures.js";

/**
 * The client's intake pages under /i: server-rendered, no scripts, one stylesheet besides the
 * check-in pages' own; readable and usable at 390 px.
 */

export const INTAKE_CSS_PATH = "/i/assets/intake.css";

function layout(title: string, body: string): string {
  return linkPageDocument({ title, body, stylesheets: [CHECKIN_CSS_PATH, INTAKE_CSS_PATH] });
}

/** One page for unknown, expired and revoked links alike, so a link's fate is not revealed. */
export function intakeUnusablePage(): string {
  return layout(
    "Before your first visit",
    `<h1>This link can't be used</h1>
<p>It may have expired or been replaced, or it may be incomplete. Please ask your therapist for a new one.</p>`,
  );
}

export interface IntakeFormInput {
  practiceName: string;
  token: string;
  values: FormValues;
  errors: Readonly<Record<string, string>>;
  consentText: { version: number; body: string };
  notice?: string;
}

const v = (values: FormValues, name: string) => escapeHtml(values[name] ?? "");

function fieldError(errors: Readonly<Record<string, string>>, name: string): string {
  const message = errors[name];
  return message ? `<p class="error" id="${name}-error">${escapeHtml(describeError(name, message))}</p>` : "";
}

function input(
  input: IntakeFormInput,
  name: string,
  label: string,
  options: { type?: string; autocomplete?: string; inputmode?: string; hint?: string } = {},
): string {
  const invalid = input.errors[name] !== undefined;
  const described = invalid ? ` aria-describedby="${name}-error" aria-invalid="true"` : "";
  return `<div class="field"><label for="${name}">${escapeHtml(label)}</label>${options.hint ? `<p class="hint">${escapeHtml(options.hint)}</p>` : ""}
<input type="${options.type ?? "text"}" id="${name}" name="${name}" value="${v(input.values, name)}"${options.autocomplete ? ` autocomplete="${options.autocomplete}"` : ""}${options.inputmode ? ` inputmode="${options.inputmode}"` : ""}${invalid ? ' class="invalid"' : ""}${described}>${fieldError(input.errors, name)}</div>`;
}

function textarea(input: IntakeFormInput, name: string, label: string, hint?: string): string {
  const invalid = input.errors[name] !== undefined;
  return `<div class="field"><label for="${name}">${escapeHtml(label)}</label>${hint ? `<p class="hint">${escapeHtml(hint)}</p>` : ""}
<textarea id="${name}" name="${name}" rows="3"${invalid ? ' class="invalid"' : ""}>${v(input.values, name)}</textarea>${fieldError(input.errors, name)}</div>`;
}

function checkbox(values: FormValues, name: string, label: string, errors: Readonly<Record<string, string>>): string {
  const checked = values[name] === "yes" ? " checked" : "";
  return `<label class="choice tick"><input type="checkbox" name="${name}" value="yes"${checked}> <span>${escapeHtml(label)}</span></label>${fieldError(errors, name)}`;
}

function redFlagQuestions(input: IntakeFormInput): string {
  return RED_FLAG_QUESTIONS.map((q) => {
    const name = `flag_${q.code}`;
    const value = input.values[name];
    const radio = (answer: "yes" | "no", label: string) =>
      `<label class="choice"><input type="radio" name="${name}" value="${answer}"${value === answer ? " checked" : ""}> <span>${label}</span></label>`;
    return `<fieldset class="flag${input.errors[name] ? " invalid" : ""}" data-flag="${q.code}"><legend>${escapeHtml(q.question)}</legend>
<div class="yesno">${radio("no", "No")}${radio("yes", "Yes")}</div>${fieldError(input.errors, name)}</fieldset>`;
  }).join("\n");
}

function injuryRows(input: IntakeFormInput): string {
  const rows: string[] = [];
  for (let i = 1; i <= INJURY_ROWS; i += 1) {
    rows.push(`<fieldset class="injury"><legend>Injury ${i}</legend>
${textarea(input, `injury${i}`, "What was it?", i === 1 ? "For example: “Achilles pain, left, 8 weeks off running”." : undefined)}
${input_(input, `injury${i}When`, "When? (year, or year-month)", { inputmode: "numeric", hint: "For example 2024 or 2024-05" })}
${checkbox(input.values, `injury${i}Current`, "It still bothers me", input.errors)}</fieldset>`);
  }
  return rows.join("\n");
}
const input_ = input;

function selfCareRows(input: IntakeFormInput): string {
  return SELF_CARE_METHODS.map(({ method, label }) => {
    const name = `tried_${method}`;
    const options = SELF_CARE_EFFECTS.map(
      (e) => `<option value="${e.value}"${(input.values[name] ?? "") === e.value ? " selected" : ""}>${escapeHtml(e.label)}</option>`,
    ).join("");
    return `<div class="field"><label for="${name}">${escapeHtml(label)}</label><select id="${name}" name="${name}">${options}</select>${fieldError(input.errors, name)}</div>`;
  }).join("\n");
}

export function intakeFormPage(page: IntakeFormInput): string {
  const errorCount = Object.keys(page.errors).length;
  const summary =
    errorCount > 0
      ? `<div class="error-summary" role="alert"><p>Please check ${errorCount === 1 ? "one answer" : `${errorCount} answers`}:</p><ul>${Object.entries(
          page.errors,
        )
          .map(([field, message]) => `<li><a href="#${escapeHtml(field)}">${escapeHtml(describeError(field, message))}</a></li>`)
          .join("")}</ul></div>`
      : "";
  const notice = page.notice ? `<p class="notice" role="status">${escapeHtml(page.notice)}</p>` : "";
  return layout(
    "Before your first visit",
    `<p class="practice">${escapeHtml(page.practiceName)}</p>
<h1>Before your first visit</h1>
<p>This takes about five minutes. Your answers go to your therapist only.</p>
${summary}${notice}
<form method="post" action="/i/${escapeHtml(page.token)}" novalidate>
<h2>Your details</h2>
${input(page, "firstName", "First name", { autocomplete: "given-name" })}
${input(page, "lastName", "Last name", { autocomplete: "family-name" })}
${input(page, "email", "E-mail", { type: "email", autocomplete: "email" })}
${input(page, "phone", "Phone", { type: "tel", autocomplete: "tel" })}
${input(page, "dateOfBirth", "Date of birth", { type: "date", autocomplete: "bday", hint: "As YYYY-MM-DD if your phone shows a text box" })}
<h2>Your running</h2>
${input(page, "yearsRunning", "How many years have you been running?", { inputmode: "decimal" })}
${input(page, "weeklyKm", "About how many kilometres a week, lately?", { inputmode: "decimal" })}
${textarea(page, "races", "Races in the last year or two", "Distance, date and time if you remember them.")}
${input(page, "goalName", "Your next goal event, if any", { hint: "For example: Berlin Marathon" })}
${input(page, "goalDate", "Its date", { type: "date" })}
${input(page, "goalDistanceKm", "Its distance in km", { inputmode: "decimal" })}
<h2>Past injuries</h2>
<p class="hint">Up to three that mattered most. Leave empty if none.</p>
${injuryRows(page)}
<h2>What you have tried</h2>
${selfCareRows(page)}
${input(page, "triedOtherDetail", "If something else: what?")}
<h2>Health questions</h2>
<p class="hint">These questions help your therapist spot the rare problems that need a doctor first. A “yes” does not mean something is wrong; your therapist will ask you about it.</p>
${redFlagQuestions(page)}
${textarea(page, "redFlagDetails", "If you answered yes to any: tell us more (optional)")}
<h2>Consent</h2>
<div class="consent-text" id="consent-text" tabindex="0">${escapeHtml(page.consentText.body)}</div>
<p class="hint">Consent text version ${page.consentText.version}.</p>
<input type="hidden" name="consentVersion" value="${page.consentText.version}">
${checkbox(page.values, "consentTreatment", "I consent to treatment as described above.", page.errors)}
${checkbox(page.values, "consentData", "I consent to the practice keeping and using my information for my care, as described above.", page.errors)}
${checkbox(page.values, "consentCaseReports", "Optional: I agree to my treatment being described in anonymised case reports.", page.errors)}
${input(page, "signedName", "Type your full name to sign", { autocomplete: "name" })}
<button type="submit">Send to my therapist</button>
</form>`,
  );
}

const KIND_LABEL: Record<SignedConsentKind, string> = {
  treatment: "Treatment",
  data_processing: "Keeping and using my information for my care",
  case_reports: "Anonymised case reports",
};

/** The signed consent and a form to withdraw any part of it; used after the intake and on the unsubscribe page. */
export function consentSection(signature: SignatureView | undefined, withdrawable: readonly SignedConsentKind[], action: string): string {
  const signed = signature
    ? `<div class="signed"><p>Signed by <strong>${escapeHtml(signature.signedName)}</strong> on ${escapeHtml(shortDateTime(signature.signedAt))} (consent text version ${signature.text.version}).</p><ul>${signature.consents
        .map(
          (c) =>
            `<li>${escapeHtml(KIND_LABEL[c.kind])}: ${c.withdrawnAt ? `withdrawn ${escapeHtml(shortDateTime(c.withdrawnAt))}` : c.given ? "given" : "not given"}</li>`,
        )
        .join("")}</ul></div>`
    : "";
  const form =
    withdrawable.length > 0
      ? `<form method="post" action="${escapeHtml(action)}"><fieldset><legend>Withdraw consent</legend>
<p class="hint">Tick what you no longer agree to. Your therapist will see that you withdrew it.</p>
${SIGNED_CONSENT_KINDS.filter((k) => withdrawable.includes(k.kind))
  .map(
    (k) =>
      `<label class="choice tick"><input type="checkbox" name="withdraw_${k.kind}" value="yes"> <span>${escapeHtml(KIND_LABEL[k.kind])}</span></label>`,
  )
  .join("")}
</fieldset><button type="submit" class="secondary">Withdraw the ticked consents</button></form>`
      : "";
  if (!signed && !form) return "";
  return `<h2>Your consent</h2>${signed}${form}`;
}

export function intakeDonePage(
  practiceName: string,
  token: string,
  signature: SignatureView | undefined,
  withdrawable: readonly SignedConsentKind[],
  notice?: string,
): string {
  return layout(
    "Thank you",
    `<p class="practice">${escapeHtml(practiceName)}</p>
<h1>Thank you</h1>
${notice ? `<p class="notice" role="status">${escapeHtml(notice)}</p>` : ""}
<p>Your answers have been sent to your therapist, who will go through them with you at your first visit. If something changes before then, please tell them.</p>
${consentSection(signature, withdrawable, `/i/${token}/withdraw`)}`,
  );
}

function shortDateTime(iso: string): string {
  return (
    new Date(iso).toLocaleString("en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: "UTC",
    }) + " UTC"
  );
}

export const INTAKE_CSS = `select{display:block;width:100%;font:inherit;min-height:48px;padding:.5rem;margin-top:.5rem;border:1px solid #888;border-radius:.375rem;background:#fff}
input[type=email],input[type=tel],input[type=date]{display:block;width:100%;font:inherit;padding:.5rem;margin-top:.5rem;border:1px solid #888;border-radius:.375rem;min-height:48px}
input[type=checkbox]{width:1.5rem;height:1.5rem;margin:0;flex:none}
.yesno{display:grid;grid-template-columns:1fr 1fr;gap:.5rem}
.flag legend{font-weight:500}
.injury .field{border:0;padding:0}
.consent-text{white-space:pre-wrap;border:1px solid #ccc;border-radius:.5rem;background:#fff;padding:.75rem 1rem;max-height:20rem;overflow:auto}
.error-summary ul{margin:.25rem 0;padding-left:1.25rem}
.error-summary a{color:#b00020}
.signed{border:1px solid #ccc;border-radius:.5rem;background:#fff;padding:.5rem 1rem}
button.secondary{background:#fff;color:#1f5f8b;border:2px solid #1f5f8b}
`;
