import { ACTIVITY_NAME_MAX_LENGTH, activityField, fieldNames, LINK_PAGE_MAX_ACTIVITIES, ratingField, type FormValues } from "./answers.js";
import { escapeHtml, linkPageDocument } from "../shared/html.js";
import {
  LIBRARY_CATALOGUE,
  type Measure,
  type MeasureCatalogue,
  type PatientSpecificMeasure,
  type ResponseOption,
} from "../shared/measures/index.js";
import { questionnaireSection } from "./questionnaire-page.js";
import { CHECKIN_CSS_PATH } from "../platform/link-page-style.js";
import { TextTemplate } from "../platform/compression.js";

/** Server-rendered pages for the client's check-in link: no scripts, no inline styles (CSP). */

function layout(title: string, body: string): string {
  return linkPageDocument({ title, body, stylesheets: [CHECKIN_CSS_PATH] });
}

/** One page for unknown, expired and closed links alike, so a link's fate is not revealed. */
export function neutralPage(): string {
  return layout(
    "Check-in link",
    `<h1>This link can't be used</h1>
<p>The check-in may have closed, or the link may be incomplete. If you'd like to tell your therapist how you are, please contact them directly.</p>`,
  );
}

/** Opening an unsubscribe link only asks; mail scanners open links too. */
export function unsubscribePage(practiceName: string, token: string, consentPart = ""): string {
  return layout(
    "Stop check-in messages",
    `<p class="practice">${escapeHtml(practiceName)}</p>
<h1>Stop check-in messages?</h1>
<p>You will get no more check-in questions by e-mail from ${escapeHtml(practiceName)}. You can tell your therapist if you change your mind.</p>
<form method="post" action="/c/unsubscribe/${escapeHtml(token)}"><button type="submit">Stop check-in messages</button></form>
${consentPart}`,
  );
}

export function unsubscribedPage(): string {
  return layout(
    "Check-in messages stopped",
    `<h1>Done</h1>
<p>You will get no more check-in messages. If this was a mistake, please tell your therapist.</p>`,
  );
}

/** Whatever went wrong on our side, the client sees a page, never an error object. */
export function errorPage(): string {
  return layout(
    "Something went wrong",
    `<h1>Something went wrong</h1>
<p>What you sent may not have been saved. Please go back and send the form again in a minute.</p>`,
  );
}

export function thankYouPage(practiceName: string): string {
  return layout(
    "Thank you",
    `<p class="practice">${escapeHtml(practiceName)}</p>
<h1>Thank you</h1>
<p>Your answers have been sent to your therapist. You can open the link again to correct them while the check-in is open.</p>`,
  );
}

export interface FormPageInput {
  practiceName: string;
  token: string;
  measureCodes: readonly string[];
  values: FormValues;
  errors: Readonly<Record<string, string>>;
  /** Activities the client named in an earlier check-in, by measure code (PSFS): shown as fixed labels. */
  fixedActivities?: Readonly<Record<string, readonly string[]>>;
  /** True when the client has answered already and `values` are those answers, to correct. */
  answered?: boolean;
  /** The practice's measures (its own questionnaires, the UWRI with its wording); the library's by default. */
  catalogue?: MeasureCatalogue;
}

export function questionnairePage(input: FormPageInput): string {
  return questionnaireDocument(input, escapeHtml(input.token));
}

/** Stands for the token in a page template; escaped text can never hold it (it has a `<`). */
const TOKEN_MARK = "<token>";

/**
 * The questionnaire page around its token, for pages that differ in nothing else: the page is
 * `template.text(escapeHtml(token))`, and gzipped without compressing its fixed parts again.
 */
export function questionnaireTemplate(input: Omit<FormPageInput, "token">): TextTemplate {
  const page = questionnaireDocument(input, TOKEN_MARK);
  const at = page.indexOf(TOKEN_MARK);
  return new TextTemplate(page.slice(0, at), page.slice(at + TOKEN_MARK.length));
}

/** The page with `tokenMarkup` (escaped already) as the token in its form's address. */
function questionnaireDocument(input: Omit<FormPageInput, "token">, tokenMarkup: string): string {
  const catalogue = input.catalogue ?? LIBRARY_CATALOGUE;
  const measures = input.measureCodes.map((code) => catalogue.byCode(code)).filter((m): m is Measure => m !== undefined);
  const errorCount = Object.keys(input.errors).length;
  const summary =
    errorCount > 0
      ? `<p class="error-summary" role="alert">Please check the ${errorCount === 1 ? "answer" : `${errorCount} answers`} marked below. Nothing has been saved yet.</p>`
      : "";
  const sections = measures
    .map((m) =>
      m.kind === "patient-specific"
        ? patientSpecificSection(m, input.values, input.errors, input.fixedActivities?.[m.code] ?? [])
        : measureSection(m, input.values, input.errors),
    )
    .join("\n");
  return layout(
    `Check-in — ${input.practiceName}`,
    `<p class="practice">${escapeHtml(input.practiceName)}</p>
<h1>How are you since your treatment?</h1>
${summary}${
      input.answered && errorCount === 0
        ? `<p class="notice">You have answered already; your answers are filled in below. Change anything and send them again: your therapist sees the latest, and the earlier answers are kept.</p>`
        : ""
    }
<form method="post" action="/c/${tokenMarkup}">
${sections}
<button type="submit">Send my answers</button>
</form>`,
  );
}

function measureSection(measure: Measure, values: FormValues, errors: Readonly<Record<string, string>>): string {
  const instructions = measure.instructions ? `<p class="hint">${escapeHtml(measure.instructions)}</p>` : "";
  switch (measure.kind) {
    case "item-scale":
      return (
        instructions +
        measure.items
          .map((item) => radioFieldset(item.id, item.text, item.options, values[item.id], errors[item.id], item.options.length > 7))
          .join("\n")
      );
    case "categorical": {
      const [categoryField, textField] = fieldNames(measure) as [string, string];
      return (
        instructions +
        radioFieldset(categoryField, measure.question, measure.options, values[categoryField], errors[categoryField], false) +
        textArea(textField, measure.textPrompt, values[textField], errors[textField])
      );
    }
    case "free-text": {
      const [textField] = fieldNames(measure) as [string];
      return instructions + textArea(textField, measure.prompt, values[textField], errors[textField]);
    }
    case "patient-specific":
      return patientSpecificSection(measure, values, errors, []);
    case "questionnaire":
      return questionnaireSection(measure, values, errors);
  }
}

/**
 * PSFS: the first time, up to three text boxes for the activities the client has difficulty with,
 * each with its 0-10 rating; later, the activities they named are fixed labels and only the
 * ratings are asked. Plain form fields, so it works without JavaScript.
 */
function patientSpecificSection(
  measure: PatientSpecificMeasure,
  values: FormValues,
  errors: Readonly<Record<string, string>>,
  fixed: readonly string[],
): string {
  // The form leaves a blank for the therapist to name the problem; a link page asks in general.
  const firstTime = (measure.instructions ?? "").replace(/_{3,}\s*/g, "");
  const intro =
    fixed.length > 0
      ? "Earlier you told us about these activities. Today, do you still have difficulty with them? Please rate each one."
      : `${firstTime} Name up to ${LINK_PAGE_MAX_ACTIVITIES} and rate each one.`;
  const rows = (fixed.length > 0 ? fixed : Array.from({ length: LINK_PAGE_MAX_ACTIVITIES }, () => null)).map((name, index) => {
    const rating = ratingField(measure.code, index);
    if (name !== null) {
      return radioFieldset(rating, name, measure.ratingOptions, values[rating], errors[rating], true);
    }
    const activity = activityField(measure.code, index);
    const id = fieldId(activity);
    const error = errors[activity];
    const described = error ? ` aria-describedby="${fieldId(activity, "-error")}" aria-invalid="true"` : "";
    const optional = index === 0 ? "" : " (optional)";
    return `<div class="field activity${error ? " invalid" : ""}">
<label for="${id}">Activity ${index + 1}${optional}</label>
${errorMarkup(activity, error)}
<input type="text" id="${id}" name="${escapeHtml(activity)}" maxlength="${ACTIVITY_NAME_MAX_LENGTH}" autocomplete="off" value="${escapeHtml(values[activity] ?? "")}"${described}>
</div>
${radioFieldset(rating, `How well can you do activity ${index + 1} today?`, measure.ratingOptions, values[rating], errors[rating], true)}`;
  });
  return `<section class="measure" aria-label="${escapeHtml(measure.name)}">
<h2>${escapeHtml(measure.name)}</h2>
<p class="hint">${escapeHtml(intro)}</p>
${rows.join("\n")}
</section>`;
}

export function fieldId(name: string, suffix = ""): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, "-")}${suffix}`;
}

export function errorMarkup(name: string, error: string | undefined): string {
  return error ? `<p class="error" id="${fieldId(name, "-error")}">${escapeHtml(error)}</p>` : "";
}

export function radioFieldset(
  name: string,
  legend: string,
  options: readonly ResponseOption<number | string>[],
  current: string | undefined,
  error: string | undefined,
  scale: boolean,
): string {
  const described = error ? ` aria-describedby="${fieldId(name, "-error")}"` : "";
  if (scale && isCompactScale(options)) return scaleRow(name, legend, options, current, error, described);
  // The input sits inside its label (an implicit label): the whole row is the touch target.
  const radios = options
    .map((option) => {
      const checked = current !== undefined && current === String(option.value) ? " checked" : "";
      // Numbers keep their number beside the anchor ("0 — No pain"); categories show their words only.
      const label =
        option.label === String(option.value) || typeof option.value === "string" ? option.label : `${option.value} — ${option.label}`;
      return `<label class="choice"><input type="radio" name="${escapeHtml(name)}" value="${escapeHtml(String(option.value))}"${checked}> ${escapeHtml(label)}</label>`;
    })
    .join("\n");
  return `<fieldset class="${scale ? "scale" : "choices"}${error ? " invalid" : ""}"${described}>
<legend>${escapeHtml(legend)}</legend>
${errorMarkup(name, error)}
${radios}
</fieldset>`;
}

/** A numeric scale of at most 11 whole-number points (0–10): one row of tap targets fits a phone. */
function isCompactScale(options: readonly ResponseOption<number | string>[]): boolean {
  return options.length <= 11 && options.every((option) => typeof option.value === "number" && Number.isInteger(option.value));
}

/**
 * A 0–10 question as one row of 11 large tap targets: still a plain radio group (no script), each
 * radio covering its number's box. The end anchors ("0 = No pain") are shown under the row; a
 * screen reader hears them with the number ("0 — No pain").
 */
function scaleRow(
  name: string,
  legend: string,
  options: readonly ResponseOption<number | string>[],
  current: string | undefined,
  error: string | undefined,
  described: string,
): string {
  const taps = options
    .map((option) => {
      const value = String(option.value);
      const checked = current !== undefined && current === value ? " checked" : "";
      const anchor = option.label === value ? "" : `<span class="vh"> — ${escapeHtml(option.label)}</span>`;
      return `<label class="tap"><input type="radio" name="${escapeHtml(name)}" value="${escapeHtml(value)}"${checked}><span class="tap__n">${escapeHtml(value)}</span>${anchor}</label>`;
    })
    .join("");
  const anchors = options
    .filter((option) => option.label !== String(option.value))
    .map((option) => `<span>${escapeHtml(String(option.value))} = ${escapeHtml(option.label)}</span>`)
    .join("");
  return `<fieldset class="scale-row${error ? " invalid" : ""}"${described}>
<legend>${escapeHtml(legend)}</legend>
${errorMarkup(name, error)}
<div class="taps">${taps}</div>
${anchors ? `<p class="anchors" aria-hidden="true">${anchors}</p>` : ""}
</fieldset>`;
}

export function textArea(name: string, prompt: string, current: string | undefined, error: string | undefined, maxLength = 2000): string {
  const id = fieldId(name);
  const described = error ? ` aria-describedby="${fieldId(name, "-error")}" aria-invalid="true"` : "";
  return `<div class="field${error ? " invalid" : ""}">
<label for="${id}">${escapeHtml(prompt)}</label>
${errorMarkup(name, error)}
<textarea id="${id}" name="${escapeHtml(name)}" rows="4" maxlength="${maxLength}"${described}>${escapeHtml(current ?? "")}</textarea>
</div>`;
}
