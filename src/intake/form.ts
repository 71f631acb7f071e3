import { z } from "zod";
import { dateOfBirth } from "../clients/schema.js";
import { calendarDate, optionalEmail, optionalText, partialDate, requiredText } from "../shared/validators.js";
import { RED_FLAG_QUESTIONS, type RedFlagAnswers } from "./red-flags.js";

/**
 * The intake form as the client's browser posts it (application/x-www-form-urlencoded, no
 * scripts) → what is stored. Every problem is named by its field, in the words the page shows.
 */

export const SELF_CARE_METHODS = [
  { method: "rolling", label: "Foam rolling" },
  { method: "stretching", label: "Stretching" },
  { method: "percussion", label: "Massage gun" },
  { method: "other", label: "Something else" },
] as const;
export const SELF_CARE_EFFECTS = [
  { value: "", label: "Not tried" },
  { value: "helped", label: "Tried: it helped" },
  { value: "no_change", label: "Tried: no change" },
  { value: "worse", label: "Tried: it made things worse" },
  { value: "unsure", label: "Tried: not sure" },
] as const;
export const INJURY_ROWS = 3;

export interface IntakeAnswers {
  contact: { firstName: string; lastName: string; email: string | null; phone: string | null; dateOfBirth: string | null };
  running: {
    yearsRunning: number | null;
    weeklyKm: number | null;
    races: string | null;
    goalEvent: { name: string; date: string | null; distanceKm: number | null } | null;
  };
  injuries: { description: string; occurredOn: string | null; current: boolean }[];
  selfCare: {
    method: "rolling" | "stretching" | "percussion" | "other";
    effect: "helped" | "no_change" | "worse" | "unsure";
    detail: string | null;
  }[];
  redFlagDetails: string | null;
}

export interface ConsentAnswers {
  textVersion: number;
  signedName: string;
  treatment: true;
  dataProcessing: true;
  caseReports: boolean;
}

/** What the page calls each field, for error messages that name it. */
export const FIELD_LABELS: Record<string, string> = {
  firstName: "First name",
  lastName: "Last name",
  email: "E-mail",
  phone: "Phone",
  dateOfBirth: "Date of birth",
  yearsRunning: "Years running",
  weeklyKm: "Kilometres a week",
  races: "Races",
  goalName: "Goal event",
  goalDate: "Goal event date",
  goalDistanceKm: "Goal event distance",
  redFlagDetails: "More about your yes answers",
  signedName: "Your full name",
  consentTreatment: "Consent to treatment",
  consentData: "Consent to data processing",
};

const optionalNumber = (min: number, max: number, unit: string) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === "") return null;
      const n = Number(v.replace(",", "."));
      if (!Number.isFinite(n)) {
        ctx.addIssue({ code: "custom", message: "must be a number" });
        return z.NEVER;
      }
      if (n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `must be between ${min} and ${max} ${unit}` });
        return z.NEVER;
      }
      return n;
    });
const blankToNull = <T extends z.ZodType<string, string>>(schema: T) =>
  z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : v))
    .pipe(schema.nullable());

const intakeSchema = z.object({
  firstName: requiredText(100),
  lastName: requiredText(100),
  email: optionalEmail,
  phone: optionalText(40),
  dateOfBirth: blankToNull(dateOfBirth),
  yearsRunning: optionalNumber(0, 90, "years"),
  weeklyKm: optionalNumber(0, 500, "km"),
  races: optionalText(2000),
  goalName: optionalText(200),
  goalDate: blankToNull(calendarDate),
  goalDistanceKm: optionalNumber(0.1, 1000, "km"),
  redFlagDetails: optionalText(2000),
  signedName: requiredText(200),
});

export type FormValues = Record<string, string>;

export type ParsedForm =
  { ok: true; answers: IntakeAnswers; redFlags: RedFlagAnswers; consent: ConsentAnswers } | { ok: false; errors: Record<string, string> };

/** Parses and checks the whole form; nothing is stored unless all of it is right. */
export function parseIntakeForm(form: FormValues): ParsedForm {
  const errors: Record<string, string> = {};
  const base = intakeSchema.safeParse(form);
  if (!base.success) {
    for (const issue of base.error.issues) {
      const key = String(issue.path[0] ?? "form");
      errors[key] ??= issue.message;
    }
  }
  const redFlags: RedFlagAnswers = {};
  for (const q of RED_FLAG_QUESTIONS) {
    const value = form[`flag_${q.code}`];
    if (value === "yes" || value === "no") redFlags[q.code] = value;
    else errors[`flag_${q.code}`] = "choose yes or no";
  }
  const injuries: IntakeAnswers["injuries"] = [];
  for (let i = 1; i <= INJURY_ROWS; i += 1) {
    const description = (form[`injury${i}`] ?? "").trim();
    const when = (form[`injury${i}When`] ?? "").trim();
    if (description === "") {
      if (when !== "") errors[`injury${i}`] = "say what the injury was, or clear its date";
      continue;
    }
    if (description.length > 500) errors[`injury${i}`] = "must be at most 500 characters";
    const date = when === "" ? null : partialDate.safeParse(when);
    if (date && !date.success) errors[`injury${i}When`] = date.error.issues[0]?.message ?? "is not a date";
    injuries.push({ description, occurredOn: date?.success ? date.data : null, current: form[`injury${i}Current`] === "yes" });
  }
  const selfCare: IntakeAnswers["selfCare"] = [];
  for (const { method } of SELF_CARE_METHODS) {
    const effect = form[`tried_${method}`] ?? "";
    if (effect === "") continue;
    if (effect !== "helped" && effect !== "no_change" && effect !== "worse" && effect !== "unsure") {
      errors[`tried_${method}`] = "choose one of the answers";
      continue;
    }
    const detail = method === "other" ? (form.triedOtherDetail ?? "").trim().slice(0, 200) || null : null;
    selfCare.push({ method, effect, detail });
  }
  if (form.consentTreatment !== "yes") errors.consentTreatment = "tick to consent to treatment";
  if (form.consentData !== "yes") errors.consentData = "tick to consent to your information being kept and used for your care";
  const textVersion = Number(form.consentVersion);
  if (!Number.isInteger(textVersion) || textVersion < 1) errors.consentVersion = "the consent text is missing; reload the page";

  if (!base.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const v = base.data;
  const goalEvent = v.goalName ? { name: v.goalName, date: v.goalDate, distanceKm: v.goalDistanceKm } : null;
  if (!v.goalName && (v.goalDate !== null || v.goalDistanceKm !== null)) {
    return { ok: false, errors: { goalName: "name the event, or clear its date and distance" } };
  }
  return {
    ok: true,
    answers: {
      contact: {
        firstName: v.firstName,
        lastName: v.lastName,
        email: v.email ?? null,
        phone: v.phone ?? null,
        dateOfBirth: v.dateOfBirth,
      },
      running: { yearsRunning: v.yearsRunning, weeklyKm: v.weeklyKm, races: v.races ?? null, goalEvent },
      injuries,
      selfCare,
      redFlagDetails: v.redFlagDetails ?? null,
    },
    redFlags,
    consent: {
      textVersion,
      signedName: v.signedName,
      treatment: true,
      dataProcessing: true,
      caseReports: form.consentCaseReports === "yes",
    },
  };
}

/** "Date of birth: must not be in the future" — the field in words, then the problem. */
export function describeError(field: string, message: string): string {
  const flag = RED_FLAG_QUESTIONS.find((q) => `flag_${q.code}` === field);
  if (flag) return `${flag.question} ${message[0]?.toUpperCase()}${message.slice(1)}.`;
  const injury = /^injury(\d)(When)?$/.exec(field);
  if (injury) return `Injury ${injury[1]}${injury[2] ? " date" : ""}: ${message}`;
  const tried = /^tried_(\w+)$/.exec(field);
  if (tried) return `${SELF_CARE_METHODS.find((m) => m.method === tried[1])?.label ?? "What you tried"}: ${message}`;
  return `${FIELD_LABELS[field] ?? "The form"}: ${message}`;
}
