import { z } from "zod";
import { calendarDate, optionalEmail, optionalText, partialDate, recordVersion, requiredText, timeZone } from "../shared/validators.js";

const sides = ["left", "right", "both"] as const;
export const selfCareMethods = ["rolling", "stretching", "percussion", "other"] as const;
export const selfCareEffects = ["helped", "no_change", "worse", "unsure"] as const;
export const consentKinds = ["checkin_messages", "anonymised_case_reports"] as const;

const nullableNumber = (min: number, max: number, unit: string) =>
  z
    .number({ message: "must be a number" })
    .min(min, `must be at least ${min} ${unit}`)
    .max(max, `must be at most ${max} ${unit}`)
    .nullable()
    .optional();

export const injuryInput = z.strictObject({
  description: requiredText(500),
  region: optionalText(120),
  side: z.enum(sides, { message: "must be left, right or both" }).nullable().optional(),
  occurredOn: partialDate.nullable().optional(),
  resolved: z.boolean({ message: "must be true or false" }).optional(),
  notes: optionalText(2000),
});

export const selfCareInput = z.strictObject({
  method: z.enum(selfCareMethods, { message: `must be one of ${selfCareMethods.join(", ")}` }),
  detail: optionalText(200),
  effect: z.enum(selfCareEffects, { message: `must be one of ${selfCareEffects.join(", ")}` }),
  notes: optionalText(2000),
});

export const goalEventInput = z.strictObject({
  name: requiredText(200),
  date: calendarDate.nullable().optional(),
  distanceKm: z
    .number({ message: "must be a number" })
    .positive("must be more than 0")
    .max(1000, "must be at most 1000 km")
    .nullable()
    .optional(),
});

/**
 * A date of birth is a past date after 1900. "Today" is taken at the earliest time zone (UTC+14),
 * so a client born today anywhere on Earth is accepted.
 */
export const dateOfBirth = calendarDate
  .refine((date) => date <= new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10), "must not be in the future")
  .refine((date) => date >= "1900-01-01", "must be after 1900");

const profileFields = {
  email: optionalEmail,
  phone: optionalText(40),
  dateOfBirth: dateOfBirth.nullable().optional(),
  timeZone: timeZone.optional(),
  notes: optionalText(5000),
  running: z
    .strictObject({
      yearsRunning: nullableNumber(0, 90, "years"),
      weeklyKm: nullableNumber(0, 500, "km"),
      goalEvent: goalEventInput.nullable().optional(),
    })
    .optional(),
  injuries: z.array(injuryInput).max(100, "must list at most 100 injuries").optional(),
  selfCare: z.array(selfCareInput).max(50, "must list at most 50 entries").optional(),
};

export const createClientRequest = z.strictObject({
  firstName: requiredText(100),
  lastName: requiredText(100),
  ...profileFields,
});
export type CreateClientRequest = z.infer<typeof createClientRequest>;

/** An edit names the version of the client it was based on; a stale one is refused with 409. */
export const updateClientRequest = z.strictObject({
  version: recordVersion,
  firstName: requiredText(100).optional(),
  lastName: requiredText(100).optional(),
  ...profileFields,
});
export type UpdateClientRequest = z.infer<typeof updateClientRequest>;

export const listClientsQuery = z.strictObject({
  q: z.string().trim().max(200, "must be at most 200 characters").optional(),
  status: z.enum(["active", "archived", "all"], { message: "must be active, archived or all" }).default("active"),
  limit: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(500, "must be at most 500").default(200),
  offset: z.coerce.number().int("must be a whole number").min(0, "must be at least 0").default(0),
});
export type ListClientsQuery = z.infer<typeof listClientsQuery>;

export const consentKindParam = z.enum(consentKinds, { message: `must be one of ${consentKinds.join(", ")}` });

export const recordConsentRequest = z.strictObject({
  granted: z.boolean({ message: "must be true or false" }),
  on: calendarDate.optional(),
});

export interface ConsentView {
  granted: boolean;
  on: string | null;
  history: { granted: boolean; on: string; recordedAt: string; recordedBy: string }[];
}

export interface ClientView {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  dateOfBirth: string | null;
  timeZone: string;
  notes: string | null;
  running: {
    yearsRunning: number | null;
    weeklyKm: number | null;
    goalEvent: { name: string; date: string | null; distanceKm: number | null } | null;
  };
  injuries: {
    id: string;
    description: string;
    region: string | null;
    side: (typeof sides)[number] | null;
    occurredOn: string | null;
    resolved: boolean;
    notes: string | null;
  }[];
  selfCare: {
    id: string;
    method: (typeof selfCareMethods)[number];
    detail: string | null;
    effect: (typeof selfCareEffects)[number];
    notes: string | null;
  }[];
  consents: { checkinMessages: ConsentView; anonymisedCaseReports: ConsentView };
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The version an edit must name; +1 with every change. */
  version: number;
  /** Who made the latest change. */
  updatedBy: { id: string; name: string } | null;
}

export interface ClientSummaryView {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  weeklyKm: number | null;
  goalEvent: ClientView["running"]["goalEvent"];
  archivedAt: string | null;
  updatedAt: string;
  version: number;
  /** The latest session that has started (not one entered in error). */
  lastVisitAt: string | null;
  /** The earliest check-in still to come. */
  nextCheckinDueAt: string | null;
  /** Check-ins due and waiting for an answer. */
  openCheckins: number;
  /** The most recently changed complaint that is not resolved; null also when the reader may not read clinical notes. */
  activeComplaint: { id: string; title: string; status: "active" | "improving" } | null;
}
