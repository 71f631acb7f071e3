import { z } from "zod";

export const uploadQuery = z.strictObject({
  name: z.string().trim().min(1, "is required: the file's name").max(300, "must be at most 300 characters"),
});

export const listActivitiesQuery = z.strictObject({
  limit: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(5000, "must be at most 5000").default(500),
});

/** `weeks=N` for the last N weeks, `weeks=all` for every week from the client's first run to now. */
export const weeksQuery = z.strictObject({
  weeks: z
    .union([z.literal("all"), z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(520, "must be at most 520")])
    .default(26),
});

export const outcomesQuery = z.strictObject({
  at: z.iso.datetime({ message: "must be an ISO date-time, e.g. 2026-11-02T09:00:00Z", offset: true }),
  windowDays: z.coerce.number().int("must be a whole number").min(3, "must be at least 3").max(60, "must be at most 60").default(14),
});

export const SPORTS = [
  "running",
  "trail_running",
  "treadmill_running",
  "track_running",
  "walking",
  "hiking",
  "cycling",
  "swimming",
  "other",
] as const;

/** A practitioner's correction of an activity's sport. */
export const correctSportBody = z.strictObject({
  sport: z.enum(SPORTS, { message: `must be one of ${SPORTS.join(", ")}` }),
});

/** Response shapes built in other files of this module, named here so the web app imports types only from schema.ts. */
export type { ActivityLabel, ChartStream, LabelKind, LabelSegment, RunningDynamics, WeekLoad } from "./analysis/types.js";
export type { ActivityDetailView, ActivityListItem } from "./views.js";
export type { FileOutcome, ImportReport } from "./import-upload.js";
export type { RejectionReason } from "./import/rejection.js";
export type { Sport } from "./activity.js";
export type { OutcomeComparison, OutcomeMetric } from "./outcomes/index.js";
