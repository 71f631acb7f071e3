import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "../platform/password-strength.js";
import { emailAddress, locale, requiredText, timeZone } from "../shared/validators.js";

export const roles = ["owner", "therapist", "assistant"] as const;
export const roleSchema = z.enum(roles, { message: `must be one of ${roles.join(", ")}` });

export const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256, "must be at most 256 characters");

export const setupRequest = z.strictObject({
  practiceName: requiredText(120),
  timeZone: timeZone.optional(),
  /** How dates are written; the setup page sends the browser's closest supported locale. */
  locale: locale.optional(),
  name: requiredText(120),
  email: emailAddress,
  password,
});
export type SetupRequest = z.infer<typeof setupRequest>;

/** The owner changes how the practice writes dates, its time zone or its name. */
export const practiceSettingsRequest = z
  .strictObject({ name: requiredText(120).optional(), timeZone: timeZone.optional(), locale: locale.optional() })
  .refine((v) => Object.keys(v).length > 0, { message: "must change at least one setting: name, timeZone or locale" });
export type PracticeSettingsRequest = z.infer<typeof practiceSettingsRequest>;

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
