import { z } from "zod";
import { isSupportedLocale, LOCALE_CODES } from "./dates.js";

/** Shared zod building blocks, so every form names its problems the same way. */

export const trimmedText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
export const requiredText = (max: number) => trimmedText(max).min(1, "is required");

/** Optional free text: empty strings become null. */
export const optionalText = (max: number) =>
  z
    .union([trimmedText(max), z.null()])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "" ? null : v));

export const emailAddress = z
  .string()
  .trim()
  .max(254, "must be at most 254 characters")
  .toLowerCase()
  .pipe(z.email("must be an email address"));

export const optionalEmail = z
  .union([z.literal(""), z.null(), emailAddress])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === "" || v === null ? null : v));

export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD")
  .refine(isRealDate, "is not a real calendar date");

/** "YYYY", "YYYY-MM" or "YYYY-MM-DD": injuries are often remembered only to the year. */
export const partialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "must be YYYY, YYYY-MM or YYYY-MM-DD")
  .refine((v) => v.length < 10 || isRealDate(v), "is not a real calendar date")
  .refine((v) => v.length !== 7 || (Number(v.slice(5)) >= 1 && Number(v.slice(5)) <= 12), "has no such month");

export const timeZone = z.string().trim().min(1, "is required").refine(isTimeZone, "is not a known time zone (e.g. Europe/London)");

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Plain messages for wrong types, e.g. "must be a number" instead of zod's wording. */
z.config({
  customError: (issue) => {
    if (issue.code !== "invalid_type") return undefined;
    if (issue.input === undefined) return "is required";
    if (issue.input === null) return "must not be empty";
    switch (issue.expected) {
      case "string":
        return "must be text";
      case "number":
        return "must be a number";
      case "boolean":
        return "must be true or false";
      case "array":
        return "must be a list";
      case "object":
        return "must be an object";
      default:
        return `must be ${issue.expected}`;
    }
  },
});

/**
 * The version of a record an edit was based on (the `version` its last read showed). Required on
 * every edit, so that a stale one is refused with 409 instead of silently overwriting.
 */
export const recordVersion = z
  .number({ message: "is required: the version of the record this edit is based on" })
  .int("must be a whole number")
  .min(1, "must be at least 1");

/** A locale from the list in shared/dates.ts (how dates are written). */
export const locale = z
  .string({ message: `must be one of ${LOCALE_CODES.join(", ")}` })
  .refine(isSupportedLocale, { message: `must be one of ${LOCALE_CODES.join(", ")}` });
