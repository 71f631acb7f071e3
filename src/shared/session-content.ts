/** The parts of a session note that count as content, in the shape the server and the web app share. */
export interface NoteContent {
  measures: { pre: { pain: number | null; tightness: number | null }; post: { pain: number | null; tightness: number | null } };
  findings: readonly unknown[];
  steps: readonly unknown[];
  soap: { s: string | null; o: string | null; a: string | null; p: string | null };
}

/** Why a note cannot be signed yet, in the words both sides show. */
export const EMPTY_NOTE_MESSAGE = "There is nothing to sign yet: add at least one finding, technique step, measure or SOAP line first";

/** True when a note records something: a finding, a step, a measure or a line of SOAP. Only such a note may be signed. */
export function hasClinicalContent(note: NoteContent): boolean {
  const { pre, post } = note.measures;
  const anyMeasure = [pre.pain, pre.tightness, post.pain, post.tightness].some((value) => value !== null);
  const anySoap = [note.soap.s, note.soap.o, note.soap.a, note.soap.p].some((line) => (line ?? "").trim() !== "");
  return note.findings.length > 0 || note.steps.length > 0 || anyMeasure || anySoap;
}
