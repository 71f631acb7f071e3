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
