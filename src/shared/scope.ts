/**
 * The tenant a request acts for. Every repository function takes one, so there is no way to read
 * or write a practice's rows without saying which practice.
 */
export interface PracticeScope {
  readonly practiceId: string;
}

/** The signed-in practitioner, resolved from the session cookie. */
export interface Actor extends PracticeScope {
  readonly userId: string;
  readonly practitionerId: string;
  readonly role: "owner" | "therapist" | "assistant";
  /** An assistant the owner lets read clinical notes (see shared/policy.ts); absent means no. */
  readonly clinicalNotesGranted?: boolean;
}
