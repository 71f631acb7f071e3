import { z } from "zod";
import type { WeekLoad } from "../../training/analysis/types.js";
import type { ComplaintView } from "../complaints/schema.js";
import type { SessionView } from "../sessions/schema.js";

export const timelineQuery = z.strictObject({
  complaintId: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters").optional(),
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
export type TimelineQuery = z.output<typeof timelineQuery>;

export interface TimelinePage {
  items: TimelineItem[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export type TimelineItem =
  | { kind: "session"; at: string; session: SessionView }
  | { kind: "complaint_onset"; at: string; complaint: ComplaintView }
  | { kind: "training_week"; at: string; week: WeekLoad };
