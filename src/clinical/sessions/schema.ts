import { z } from "zod";
import type { AutomaticCheckinsView } from "../../checkins/auto-schedule.js";
import { optionalText, recordVersion, requiredText } from "../../shared/validators.js";
import { TEXTURE_DESCRIPTORS, type QualityCode } from "../../shared/vocabulary/catalogue.js";
import { regionCode, stepInput, type Step } from "../vocabulary/validators.js";

/** A finding quality's grade, from none (0) to marked (3). */
export type Grade = 0 | 1 | 2 | 3;
const isGrade = (n: number): n is Grade => n === 0 || n === 1 || n === 2 || n === 3;

const grade = z
  .number()
  .int("must be a whole number")
  .min(0, "must be a grade from 0 to 3")
  .max(3, "must be a grade from 0 to 3")
  // Only narrows the type: whatever passed the checks above is a grade, so this never adds an issue.
  .refine(isGrade, { message: "must be a grade from 0 to 3", when: (payload) => payload.issues.length === 0 })
  .nullable()
  .optional();
const score = z.number().min(0, "must be from 0 to 10").max(10, "must be from 0 to 10").nullable().optional();
const measurePair = z.strictObject({ pain: score, tightness: score });

export const findingInput = z.strictObject({
  regionCode,
  side: z.enum(["left", "right"], { message: "must be left or right" }).nullable().optional(),
  qualities: z.strictObject({ tension: grade, tenderness: grade, texture: grade, adhesion: grade, temperature: grade }).optional(),
  // Only the vocabulary's words: the descriptor reaches case reports and exports, so it may not be free text.
  textureDescriptor: z
    .enum(TEXTURE_DESCRIPTORS, { message: `must be one of ${TEXTURE_DESCRIPTORS.join(", ")}` })
    .nullable()
    .optional(),
  note: optionalText(2000),
});

/** Every field optional: a create fills the gaps with empty values, an edit leaves them as they were. */
const sessionFields = {
  startedAt: z.iso.datetime({ offset: true, message: "must be an ISO-8601 instant, e.g. 2026-11-28T10:00:00Z" }),
  complaintIds: z.array(z.string().max(100)).max(20, "must list at most 20 complaints"),
  protocolVersionId: z.string().max(100).nullable(),
  measures: z.strictObject({ pre: measurePair.optional(), post: measurePair.optional() }),
  findings: z.array(findingInput).max(60, "must list at most 60 findings"),
  steps: z.array(stepInput).max(30, "must list at most 30 steps"),
  soap: z.strictObject({ s: optionalText(10000), o: optionalText(10000), a: optionalText(10000), p: optionalText(10000) }),
  advice: optionalText(5000),
};

export const createSessionRequest = z.strictObject({
  ...sessionFields,
  complaintIds: sessionFields.complaintIds.optional(),
  protocolVersionId: sessionFields.protocolVersionId.optional(),
  measures: sessionFields.measures.optional(),
  findings: sessionFields.findings.optional(),
  steps: sessionFields.steps.optional(),
  soap: sessionFields.soap.optional(),
});
export type CreateSessionRequest = z.infer<typeof createSessionRequest>;

/** The fields of an edit; absent ones stay as they are. */
export const sessionChanges = createSessionRequest.extend({ startedAt: sessionFields.startedAt.optional() });
export type SessionChanges = z.infer<typeof sessionChanges>;

/** An edit names the version of the session it was based on (optimistic concurrency: a stale one is 409). */
export const updateSessionRequest = sessionChanges.extend({ version: recordVersion });
export type UpdateSessionRequest = z.infer<typeof updateSessionRequest>;

/** An amendment appends to whatever the note is now; with `version` it is refused (409) if the note has moved on. */
export const amendSessionRequest = z.strictObject({
  reason: requiredText(1000),
  changes: sessionChanges,
  version: recordVersion.optional(),
});
export type AmendSessionRequest = z.infer<typeof amendSessionRequest>;

/** Marking a signed note "entered in error" needs the reason, kept with it. */
export const enteredInErrorRequest = z.strictObject({ reason: requiredText(1000) });
export type EnteredInErrorRequest = z.infer<typeof enteredInErrorRequest>;

/**
 * Signing takes no fields, except the reason an owner gives for signing another practitioner's
 * draft and, optionally, the version that was read (refused with 409 if the draft changed since).
 */
export const signSessionRequest = z.object({ reason: requiredText(1000).optional(), version: recordVersion.optional() });
export type SignSessionRequest = z.infer<typeof signSessionRequest>;

export const SESSION_FIELDS = [
  "startedAt",
  "complaintIds",
  "protocolVersionId",
  "measures",
  "findings",
  "steps",
  "soap",
  "advice",
] as const;

export interface MeasurePair {
  pain: number | null;
  tightness: number | null;
}
export interface Measures {
  pre: MeasurePair;
  post: MeasurePair;
}
export type Qualities = Record<QualityCode, Grade | null>;
export interface Finding {
  regionCode: string;
  side: "left" | "right" | null;
  qualities: Qualities;
  textureDescriptor: string | null;
  note: string | null;
}

/** A session's content in full: what a revision snapshots. */
export interface SessionState {
  startedAt: string;
  complaintIds: string[];
  protocolVersionId: string | null;
  measures: Measures;
  findings: Finding[];
  steps: Step[];
  soap: { s: string | null; o: string | null; a: string | null; p: string | null };
  advice: string | null;
}

export interface SessionView extends Omit<SessionState, "findings" | "steps"> {
  id: string;
  clientId: string;
  practitioner: { id: string; name: string };
  status: "draft" | "signed";
  signedAt: string | null;
  /** Who signed the note; `reason` is set when an owner signed another practitioner's draft. */
  signedBy: { id: string; name: string; reason: string | null } | null;
  protocol: { id: string; name: string; version: number; versionId: string } | null;
  deviation: string[];
  findings: (Finding & { id: string })[];
  steps: (Step & { id: string })[];
  amendments: number;
  /** Set when the signed note was marked "entered in error": kept and shown struck through, left out of analyses. */
  enteredInError: { at: string; reason: string } | null;
  /** What signing did with the protocol's check-in plan; null when the protocol had none. */
  automaticCheckins: AutomaticCheckinsView | null;
  createdAt: string;
  updatedAt: string;
  /** The version an edit must name; +1 with every change. */
  version: number;
  /** Who made the latest change. */
  updatedBy: { id: string; name: string } | null;
}

export interface RevisionView {
  revision: number;
  kind: "created" | "edited" | "signed" | "amended";
  at: string;
  by: string;
  reason: string | null;
  changedFields: string[];
}
