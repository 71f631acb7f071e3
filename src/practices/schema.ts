import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "../auth/auth.js";
import { emailAddress, requiredText, timeZone } from "../shared/validators.js";

export const roles = ["owner", "therapist", "assistant"] as const;
export const roleSchema = z.enum(roles, { message: `must be one of ${roles.join(", ")}` });

export const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256, "must be at most 256 characters");

export const setupRequest = z.strictObject({
  practiceName: requiredText(120),
  timeZone: timeZone.optional(),
  name: requiredText(120),
  email: emailAddress,
  password,
});
export type SetupRequest = z.infer<typeof setupRequest>;

export const addPractitionerRequest = z.strictObject({
  name: requiredText(120),
  email: emailAddress,
  role: roleSchema,
});
export type AddPractitionerRequest = z.infer<typeof addPractitionerRequest>;

/** An owner changes a member's role, or (for an assistant) whether they may read clinical notes. */
export const changeRoleRequest = z
  .strictObject({ role: roleSchema.optional(), clinicalNotesGranted: z.boolean().optional() })
  .refine((body) => body.role !== undefined || body.clinicalNotesGranted !== undefined, {
    message: "give a role or clinicalNotesGranted",
    path: ["role"],
  });

export interface PractitionerView {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: (typeof roles)[number];
  twoFactorEnabled: boolean;
  createdAt: string;
  /** Only meaningful for assistants: the owner lets them read clinical notes. */
  clinicalNotesGranted: boolean;
}

/** Response shapes built in other files of this module, named here so the web app imports types only from schema.ts. */
export type { InvitationResult, InvitationView } from "./invitations.js";
