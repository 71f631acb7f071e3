import { z } from "zod";
import { calendarDate, optionalText, recordVersion, requiredText, trimmedText } from "../../shared/validators.js";
import { regionCode, sideOrBoth } from "../vocabulary/validators.js";

export const complaintStatuses = ["active", "improving", "resolved"] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

const complaintFields = {
  title: requiredText(200),
  side: sideOrBoth.nullable().optional(),
  regions: z.array(regionCode).max(30, "must list at most 30 regions").optional(),
  onsetOn: calendarDate.nullable().optional(),
  triggers: z.array(trimmedText(100).min(1, "is required")).max(20, "must list at most 20 triggers").optional(),
  status: z.enum(complaintStatuses, { message: `must be one of ${complaintStatuses.join(", ")}` }).optional(),
  notes: optionalText(5000),
};

export const createComplaintRequest = z.strictObject(complaintFields);
export type CreateComplaintRequest = z.infer<typeof createComplaintRequest>;

/** An edit names the version of the complaint it was based on; a stale one is refused with 409. */
export const updateComplaintRequest = z.strictObject({
  ...complaintFields,
  title: complaintFields.title.optional(),
  version: recordVersion,
});
export type UpdateComplaintRequest = z.infer<typeof updateComplaintRequest>;

export interface ComplaintView {
  id: string;
  clientId: string;
  title: string;
  side: "left" | "right" | "both" | null;
  regions: string[];
  onsetOn: string | null;
  triggers: string[];
  status: ComplaintStatus;
  notes: string | null;
  sessionIds: string[];
  createdAt: string;
  updatedAt: string;
  /** The version an edit must name; +1 with every change. */
  version: number;
}
