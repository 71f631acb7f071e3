import { z } from "zod";
import type { WeekLoad } from "../../training/analysis/types.js";
import type { ComplaintView } from "../complaints/schema.js";
import type { SessionView } from "../sessions/schema.js";

export const timelineQuery = z.strictObject({
  complaintId: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters").optional(),
});

export type TimelineItem =
  | { kind: "session"; at: string; session: SessionView }
  | { kind: "complaint_onset"; at: string; complaint: ComplaintView }
  | { kind: "training_week"; at: string; week: WeekLoad };
