import { z } from "zod";

/** The largest form state kept (a session note with every finding and step is a few KB). */
export const DRAFT_MAX_BYTES = 200_000;

/** "session:new:<client id>", "session:<session id>", "complaint:new:<client id>", "protocol:new", "experiment:<id>"… */
export const draftKey = z
  .string({ message: "is required: which form the draft belongs to" })
  .regex(
    /^(session|complaint|protocol|experiment):[A-Za-z0-9_-]{1,100}(:[A-Za-z0-9_-]{1,100})?$/,
    "must name a form, e.g. session:new:<client id>",
  );

export const draftQuery = z.strictObject({ key: draftKey });

export const saveDraftRequest = z.strictObject({
  key: draftKey,
  /** The client the form is about, if any: erasing the client erases the draft. */
  clientId: z.string().min(1).max(100).nullable().default(null),
  body: z.unknown().refine((body) => body !== undefined, "is required: the form's state"),
});
export type SaveDraftRequest = z.output<typeof saveDraftRequest>;

export interface DraftView {
  key: string;
  body: unknown;
  updatedAt: string;
}
