import { z } from "zod";
import { isQuestionnaireCode, measureByCode, UWRI } from "../shared/measures/index.js";

/**
 * Measures a link page can show: a measure whose client wording is still a placeholder (UWRI until
 * its published items are entered) must never reach a client.
 */
export function isCheckinMeasure(code: string): boolean {
  const measure = measureByCode(code);
  if (measure === undefined) return false;
  return !("items" in measure) || measure.items.every((item) => !item.placeholder);
}

/**
 * Codes a plan may name before the practice's own measures are checked (by the service): the
 * library's askable measures, the practice's questionnaires and the UWRI (askable once the
 * practice has entered its wording).
 */
export function isPlanMeasureCode(code: string): boolean {
  return isCheckinMeasure(code) || isQuestionnaireCode(code) || code === UWRI.code;
}

export const DEFAULT_OFFSETS_DAYS = [1, 3, 7, 14];
export const DEFAULT_LOCAL_HOUR = 18;
export const DEFAULT_EXPIRES_AFTER_DAYS = 7;

export const checkinPlanRequest = z.object({
  name: z.string().trim().min(1).max(120),
  measureCodes: z
    .array(z.string().refine(isPlanMeasureCode, { message: "is not a measure that a check-in link can ask" }))
    .min(1)
    .max(10)
    .refine((codes) => new Set(codes).size === codes.length, { message: "lists a measure twice" }),
  offsetsDays: z
    .array(z.number().int().min(0).max(365))
    .min(1)
    .max(20)
    .refine((days) => new Set(days).size === days.length, { message: "lists a day twice" })
    .default(DEFAULT_OFFSETS_DAYS),
  localHour: z.number().int().min(0).max(23).default(DEFAULT_LOCAL_HOUR),
  expiresAfterDays: z.number().int().min(1).max(60).default(DEFAULT_EXPIRES_AFTER_DAYS),
});
export type CheckinPlanRequest = z.output<typeof checkinPlanRequest>;

export const scheduleCheckinsRequest = z.object({ planId: z.string().min(1) });

export interface CheckinPlanView {
  id: string;
  name: string;
  measureCodes: string[];
  offsetsDays: number[];
  localHour: number;
  expiresAfterDays: number;
  createdAt: string;
  updatedAt: string;
  /** The version an edit must name; +1 with every change. */
  version: number;
}

export type CheckinState = "scheduled" | "sent" | "opened" | "answered" | "expired" | "cancelled";

export const rescheduleCheckinRequest = z.strictObject({
  dueAt: z.iso.datetime({ offset: true, message: "must be an ISO-8601 instant, e.g. 2026-12-01T18:00:00Z" }),
});

export interface CheckinAnswerVersionView {
  version: number;
  submittedAt: string;
  answers: Record<string, unknown>;
}

export interface CheckinView {
  id: string;
  clientId: string;
  sessionId: string;
  planId: string;
  measureCodes: string[];
  offsetDays: number;
  state: CheckinState;
  dueAt: string;
  expiresAt: string;
  sentAt: string | null;
  openedAt: string | null;
  answeredAt: string | null;
  cancelledAt: string | null;
  /** When it was rescheduled: the check-in that took its place. */
  rescheduledToId: string | null;
  /** Latest answers first in `versions`; empty until answered. */
  versions: CheckinAnswerVersionView[];
  /** Present only in the response that created the token; the raw token is never stored. */
  linkUrl?: string;
}

/** `GET /api/checkins/due`: a page of the check-ins waiting for an answer. */
export const listDueQuery = z.strictObject({
  limit: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(200, "must be at most 200")
    .default(50),
  cursor: z
    .string()
    .max(300, "is not a cursor from a previous page")
    .regex(/^[A-Za-z0-9_-]+$/, "is not a cursor from a previous page")
    .optional(),
});

export interface DueCheckinsView {
  /** Waiting for an answer (due and still open), oldest first, with the client's name. */
  checkins: (CheckinView & { clientName: string })[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /**
   * The check-ins that came due in the last `windowDays` days (cancelled ones aside), and how many
   * were answered: the practice's recent habit, at a cost bounded by the window, not its history.
   */
  responseRate: { due: number; answered: number; rate: number | null; windowDays: number };
}

export interface OutboxMessageView {
  id: string;
  checkinId: string;
  to: string | null;
  subject: string;
  text: string;
  linkRedacted: boolean;
  createdAt: string;
}

/** Response shapes built in other files of this module, named here so the web app imports types only from schema.ts. */
export type { StoredAnswer } from "./answers.js";
export type { AutomaticCheckinsView } from "./auto-schedule.js";
