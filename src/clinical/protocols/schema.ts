import { z } from "zod";
import { optionalText, requiredText } from "../../shared/validators.js";
import { stepInput, type Step } from "../vocabulary/validators.js";

export const protocolRequest = z.strictObject({
  name: requiredText(200),
  description: optionalText(5000),
  steps: z.array(stepInput).min(1, "must have at least one step").max(30, "must have at most 30 steps"),
  plannedSessions: z.number().int("must be a whole number").min(1, "must be at least 1").max(50, "must be at most 50"),
  spacingDays: z.number().int("must be a whole number").min(0, "must be at least 0").max(90, "must be at most 90"),
  /** The check-in plan scheduled when a session that applied this protocol is signed; null removes it, absent keeps it. */
  checkinPlanId: z.string().max(100).nullable().optional(),
});
export type ProtocolRequest = z.infer<typeof protocolRequest>;

export interface ProtocolVersionView {
  id: string;
  version: number;
  name: string;
  description: string | null;
  steps: Step[];
  plannedSessions: number;
  spacingDays: number;
  checkinPlanId: string | null;
  createdAt: string;
  createdBy: string;
}

export interface ProtocolView {
  id: string;
  name: string;
  current: ProtocolVersionView;
  createdAt: string;
}
