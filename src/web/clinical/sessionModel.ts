import type { FindingInput, Session, SessionInput, Step } from "./types";

/** A Date as the value of an `<input type="datetime-local">` in the browser's time zone. */
export function toLocalInput(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The form's state: the session input, with the start time as the local input's text. */
export interface SessionDraft extends Omit<SessionInput, "startedAt"> {
  startedLocal: string;
}

export function blankDraft(now: Date, complaintIds: string[]): SessionDraft {
  return {
    startedLocal: toLocalInput(now),
    complaintIds,
    protocolVersionId: null,
    measures: { pre: { pain: null, tightness: null }, post: { pain: null, tightness: null } },
    findings: [],
    steps: [],
    soap: { s: null, o: null, a: null, p: null },
    advice: null,
  };
}

function stripId<T extends { id: string }>({ id: _id, ...rest }: T): Omit<T, "id"> {
  return rest;
}

export function draftFromSession(session: Session): SessionDraft {
  return {
    startedLocal: toLocalInput(new Date(session.startedAt)),
    complaintIds: session.complaintIds,
    protocolVersionId: session.protocolVersionId,
    measures: session.measures,
    findings: session.findings.map((finding): FindingInput => stripId(finding)),
    steps: session.steps.map((step): Step => stripId(step)),
    soap: session.soap,
    advice: session.advice,
  };
}

export function toInput(draft: SessionDraft): SessionInput {
  const { startedLocal, ...rest } = draft;
  const started = new Date(startedLocal);
  return { ...rest, startedAt: Number.isNaN(started.getTime()) ? startedLocal : started.toISOString() };
}

/** The top-level fields of `next` that differ from `previous`: what an amendment changes. */
export function changedFields(previous: SessionInput, next: SessionInput): Partial<SessionInput> {
  const changes: Partial<Record<keyof SessionInput, unknown>> = {};
  for (const key of Object.keys(next) as (keyof SessionInput)[]) {
    if (JSON.stringify(previous[key]) !== JSON.stringify(next[key])) changes[key] = next[key];
  }
  return changes as Partial<SessionInput>;
}

export type SessionField = keyof SessionInput;
export type MergeChoice = "mine" | "theirs";

/** The form's fields in the order the form shows them, with the words the merge panel uses. */
export const SESSION_FIELD_LABELS: Record<SessionField, string> = {
  startedAt: "Date and time",
  complaintIds: "Complaints",
  protocolVersionId: "Protocol",
  measures: "Pain and tightness",
  findings: "Findings",
  steps: "Techniques",
  soap: "SOAP notes",
  advice: "Advice",
};

export interface FieldConflict {
  field: SessionField;
  /** What the merge starts with: mine where I changed the field since I opened the note, theirs otherwise. */
  suggested: MergeChoice;
  /** True when both of us changed the field: the practitioner has to choose. */
  bothChanged: boolean;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields where my edit and the saved note (changed by someone else since I opened it) differ.
 * `base` is the note as I opened it, `mine` what I tried to save, `theirs` the note as it is now.
 */
export function conflictingFields(base: SessionInput, mine: SessionInput, theirs: SessionInput): FieldConflict[] {
  return (Object.keys(SESSION_FIELD_LABELS) as SessionField[])
    .filter((field) => !same(mine[field], theirs[field]))
    .map((field) => {
      const iChanged = !same(base[field], mine[field]);
      const theyChanged = !same(base[field], theirs[field]);
      return { field, suggested: iChanged ? "mine" : "theirs", bothChanged: iChanged && theyChanged };
    });
}

/** The note to save after a conflict: theirs, with my value for each field where I chose mine. */
export function mergeSessionInputs(
  mine: SessionInput,
  theirs: SessionInput,
  choices: Partial<Record<SessionField, MergeChoice>>,
): SessionInput {
  const merged: Record<string, unknown> = { ...theirs };
  for (const field of Object.keys(SESSION_FIELD_LABELS) as SessionField[]) {
    if (choices[field] === "mine") merged[field] = mine[field];
  }
  return merged as unknown as SessionInput;
}

/**
 * A protocol's steps for this session: each keeps its own side; a step the protocol leaves without
 * a side (a recipe written for either leg) takes the side of the session's complaint.
 */
export function stepsFromProtocol(steps: readonly Step[], complaintSides: readonly (Step["side"] | undefined)[]): Step[] {
  const sides = new Set(complaintSides.filter((side): side is NonNullable<Step["side"]> => side !== null && side !== undefined));
  const complaintSide = sides.size === 1 ? [...sides][0] : null;
  return steps.map((step) => ({ ...step, side: step.side ?? (step.regionCode ? (complaintSide ?? null) : null) }));
}

/** "Copy forward": the last session's findings and steps as the start of this one (measures stay empty). */
export function copyForward(draft: SessionDraft, last: Session): SessionDraft {
  const previous = draftFromSession(last);
  return { ...draft, findings: previous.findings, steps: previous.steps, protocolVersionId: previous.protocolVersionId };
}
