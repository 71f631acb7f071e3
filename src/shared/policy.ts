/**
 * Who may do what: the one place the practice's roles are decided. The server enforces it (a
 * route table gates every API route by its action; services check the rules that depend on the
 * record, such as who wrote a draft) and the web app uses the same function to hide what a role
 * cannot do. No imports, so both sides can share it.
 */

export type Role = "owner" | "therapist" | "assistant";
export const ROLES: readonly Role[] = ["owner", "therapist", "assistant"];

/** The signed-in practitioner as the policy sees them. */
export interface PolicyActor {
  readonly role: Role;
  readonly practitionerId: string;
  /** An assistant the owner has allowed to read clinical notes. Ignored for other roles. */
  readonly clinicalNotesGranted?: boolean | undefined;
}

/**
 * How a role stands towards an action:
 * - `yes` / `no`;
 * - `if_granted`: only an assistant the owner granted clinical notes to;
 * - `if_author`: only on a record this practitioner wrote;
 * - `if_author_or_reason`: on their own record, or on anyone's with a recorded reason;
 * - `if_treating`: only for a client this practitioner has treated (wrote a session for).
 */
export type Rule = "yes" | "no" | "if_granted" | "if_author" | "if_author_or_reason" | "if_treating";

export interface ActionRule {
  /** Said in a refusal: "Your role does not allow you to <label>". */
  readonly label: string;
  readonly owner: Rule;
  readonly therapist: Rule;
  readonly assistant: Rule;
}

/**
 * The role table (docs/ARCHITECTURE.md shows it, and a test checks the two agree and drives
 * every API route with every role against it). Assistants work the front desk: clients' contact
 * details, check-in status and uploads, but no clinical notes unless the owner grants them.
 */
export const POLICY = {
  "schedule.read": { label: "see clients' contact details, check-in status and uploads", owner: "yes", therapist: "yes", assistant: "yes" },
  "schedule.write": {
    label: "edit clients' contact details, send check-ins and upload files",
    owner: "yes",
    therapist: "yes",
    assistant: "yes",
  },
  "clinical.read": { label: "read clinical notes", owner: "yes", therapist: "yes", assistant: "if_granted" },
  "clinical.create": {
    label: "create clinical records (sessions, complaints, protocols, plans)",
    owner: "yes",
    therapist: "yes",
    assistant: "no",
  },
  "session.edit_draft": { label: "edit this draft note", owner: "yes", therapist: "if_author", assistant: "no" },
  "session.sign": { label: "sign this note", owner: "if_author_or_reason", therapist: "if_author", assistant: "no" },
  "session.amend": { label: "amend a signed note", owner: "yes", therapist: "yes", assistant: "no" },
  "client.export": { label: "export this client's record", owner: "yes", therapist: "if_treating", assistant: "no" },
  "practice.export": { label: "export the whole practice's records", owner: "yes", therapist: "yes", assistant: "no" },
  "client.erase": { label: "erase a client", owner: "yes", therapist: "no", assistant: "no" },
  "consent.record": { label: "record a client's consent", owner: "yes", therapist: "yes", assistant: "no" },
  "practice.consent_text": { label: "edit the practice's consent text", owner: "yes", therapist: "no", assistant: "no" },
  "experiment.read": { label: "see experiments and patterns", owner: "yes", therapist: "yes", assistant: "if_granted" },
  "experiment.manage": { label: "plan, start or change experiments", owner: "yes", therapist: "yes", assistant: "no" },
  "team.read": { label: "see the team", owner: "yes", therapist: "yes", assistant: "yes" },
  "team.manage": { label: "add practitioners or change roles and grants", owner: "yes", therapist: "no", assistant: "no" },
  "audit.read": { label: "read the audit log", owner: "yes", therapist: "no", assistant: "no" },
} as const satisfies Record<string, ActionRule>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

/** What the record says about itself, for the rules that depend on it. */
export interface PolicyResource {
  /** The practitioner who wrote the record (a session's author). */
  readonly authorId?: string | undefined;
  /** Practitioners who have treated the client (wrote a session for them). */
  readonly treatingPractitionerIds?: readonly string[] | undefined;
  /** A reason the actor gives for acting on someone else's record. */
  readonly reason?: string | null | undefined;
}

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly message: string };

export function ruleFor(role: Role, action: Action): Rule {
  return POLICY[action][role];
}

/**
 * May the actor do this? Without a resource, rules that depend on the record answer "yes, if the
 * record allows it" (what the route gate and the web app's menus need); with one, the answer is final.
 */
export function decide(actor: PolicyActor, action: Action, resource?: PolicyResource): Decision {
  const rule = ruleFor(actor.role, action);
  const refuse = (why?: string): Decision => ({
    allowed: false,
    message: `Your role (${actor.role}) does not allow you to ${POLICY[action].label}${why ? `: ${why}` : ""}`,
  });
  switch (rule) {
    case "yes":
      return { allowed: true };
    case "no":
      return refuse();
    case "if_granted":
      return actor.clinicalNotesGranted === true ? { allowed: true } : refuse("the practice owner has not granted it");
    case "if_author":
      if (!resource) return { allowed: true };
      return resource.authorId === actor.practitionerId ? { allowed: true } : refuse("only its author may");
    case "if_author_or_reason":
      if (!resource || resource.authorId === actor.practitionerId) return { allowed: true };
      return resource.reason?.trim()
        ? { allowed: true }
        : refuse("it was written by another practitioner; give a reason to act on their behalf");
    case "if_treating":
      if (!resource) return { allowed: true };
      return resource.treatingPractitionerIds?.includes(actor.practitionerId) === true
        ? { allowed: true }
        : refuse("only a practitioner who treats the client may");
  }
}

export function can(actor: PolicyActor, action: Action, resource?: PolicyResource): boolean {
  return decide(actor, action, resource).allowed;
}
