import { useState, type ReactNode } from "react";
import { RunningOutcomes } from "./RunningOutcomes";
import { ScheduleCheckins } from "../checkins/ScheduleCheckins";
import { api, isNotFound, staleVersionOf } from "../api";
import { ErrorMessage, Loading, SuccessMessage } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { useTitle } from "../components/useTitle";
import { fullName } from "../format";
import { NotFoundPage } from "../pages/NotFoundPage";
import { Link, navigate } from "../router";
import { useCan, useMe } from "../session";
import { EMPTY_NOTE_MESSAGE, hasClinicalContent } from "../../shared/session-content";
import { clinicalApi } from "./api";
import { EnteredInErrorBanner, EnteredInErrorForm } from "./EnteredInError";
import { SessionForm, type SubmitKind } from "./SessionForm";
import { SessionMerge, type SessionConflict } from "./SessionMerge";
import { SignConfirmDialog } from "./SignConfirmDialog";
import { SessionRecord, SessionHistory } from "./SessionRecord";
import { blankDraft, changedFields, draftFromSession, toInput, type SessionDraft } from "./sessionModel";
import type { Session, SessionInput } from "./types";
import { useVocabulary } from "./vocabulary";

async function loadContext(clientId: string, sessionId: string | null) {
  const [{ client }, { complaints }, { protocols }, session, { sessions }, { steps: recentSteps }] = await Promise.all([
    api.client(clientId),
    clinicalApi.complaints(clientId),
    clinicalApi.protocols(),
    sessionId ? clinicalApi.session(sessionId).then((r) => r.session) : Promise.resolve(null),
    clinicalApi.sessions(clientId),
    clinicalApi.recentSteps(),
  ]);
  // The latest other session with something to copy forward.
  const previous =
    sessions
      .filter((other) => other.id !== sessionId && (other.findings.length > 0 || other.steps.length > 0))
      .sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1))[0] ?? null;
  return { client, complaints, protocols, session, previous, recentSteps };
}

function sessionPath(clientId: string, sessionId: string): string {
  return `/clients/${encodeURIComponent(clientId)}/sessions/${encodeURIComponent(sessionId)}`;
}

/** `/clients/:id/sessions/new` and `/clients/:id/sessions/:sessionId` (edit a draft, read a signed one). */
export function SessionPage({ clientId, sessionId }: { clientId: string; sessionId: string | null }): ReactNode {
  const { state, reload, setData } = useAsync(() => loadContext(clientId, sessionId), `${clientId}/${sessionId ?? "new"}`);
  const vocab = useVocabulary();
  const me = useMe();
  const allowed = useCan();
  const [amending, setAmending] = useState(false);
  const [markingInError, setMarkingInError] = useState(false);
  // The saved draft waiting for the practitioner to confirm what the signature will cover.
  const [confirming, setConfirming] = useState<{ session: Session; resolve: (sign: boolean) => void } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  // A save refused because someone else saved the note since it was opened, waiting for a merge.
  const [conflict, setConflict] = useState<(SessionConflict & { kind: "edit" | "amend"; reason: string; current: Session }) | null>(null);
  const [formKey, setFormKey] = useState(0);
  const data = state.data;
  useTitle(data ? `${fullName(data.client)} · ${sessionId ? "Session" : "New session"}` : "Session");

  if (state.status === "error" && !data) {
    if (isNotFound(state.error)) return <NotFoundPage what="There is no session at this address." />;
    return <ErrorMessage message={state.message} onRetry={reload} />;
  }
  if (vocab.state.status === "error") return <ErrorMessage message={vocab.state.message} onRetry={vocab.retry} />;
  if (!data || vocab.state.status === "loading") return <Loading label="Loading session…" />;
  const vocabulary = vocab.state.vocabulary;
  const { client, complaints, protocols, session, previous, recentSteps } = data;
  const clientBase = `/clients/${encodeURIComponent(client.id)}`;
  const setSession = (next: Session): void => setData({ ...data, session: next });

  /** Keeps a refused save for the merge panel when it was refused as stale; false for any other error. */
  function holdForMerge(error: unknown, kind: "edit" | "amend", reason: string, base: Session, mine: SessionInput): boolean {
    const stale = staleVersionOf<Session>(error);
    if (!stale?.record) return false;
    setNotice(null);
    setConflict({
      kind,
      reason,
      base: toInput(draftFromSession(base)),
      mine,
      theirs: toInput(draftFromSession(stale.record)),
      current: stale.record,
      by: stale.updatedBy?.name ?? null,
    });
    return true;
  }

  async function save(draft: SessionDraft, kind: SubmitKind, reason: string): Promise<void> {
    const input = toInput(draft);
    setConflict(null);
    if (kind === "amend") {
      if (!session) return;
      try {
        const result = await clinicalApi.amendSession(
          session.id,
          session.version,
          reason,
          changedFields(toInput(draftFromSession(session)), input),
        );
        setSession(result.session);
      } catch (error) {
        if (holdForMerge(error, "amend", reason, session, input)) return;
        throw error;
      }
      setAmending(false);
      setHistoryKey((n) => n + 1);
      setNotice("Amendment saved. The original note is kept in the history.");
      return;
    }
    // Signing needs content; say so before saving anything (the server refuses it too).
    if (kind === "sign" && !hasClinicalContent(input)) throw new Error(EMPTY_NOTE_MESSAGE);
    let saved: Session;
    try {
      saved = session
        ? (await clinicalApi.updateSession(session.id, session.version, input)).session
        : (await clinicalApi.createSession(client.id, input)).session;
    } catch (error) {
      if (session && holdForMerge(error, "edit", reason, session, input)) return;
      throw error;
    }
    if (kind === "sign") {
      const draftSaved = saved;
      const confirmed = await new Promise<boolean>((resolve) => setConfirming({ session: draftSaved, resolve }));
      setConfirming(null);
      if (!confirmed) {
        setNotice("Draft saved. Not signed.");
        if (!session) navigate(sessionPath(client.id, saved.id), { replace: true });
        setSession(saved);
        setHistoryKey((n) => n + 1);
        return;
      }
      // Only the author signs a draft; an owner signing a colleague's draft says why, and the history keeps it.
      const onBehalf = saved.practitioner.id !== me.practitioner.id;
      const signReason = onBehalf ? window.prompt(`Why are you signing ${saved.practitioner.name}'s draft?`)?.trim() : undefined;
      if (onBehalf && !signReason) {
        setSession(saved);
        setNotice("Draft saved. Not signed: signing another practitioner's draft needs a reason.");
        return;
      }
      saved = (await clinicalApi.signSession(saved.id, saved.version, signReason)).session;
    }
    setNotice(kind === "sign" ? "Session signed." : "Draft saved.");
    if (!session) navigate(sessionPath(client.id, saved.id), { replace: true });
    setSession(saved);
    setHistoryKey((n) => n + 1);
  }

  /** Saves the merge over their version; refused again if yet another save came in between. */
  async function saveMerged(merged: SessionInput): Promise<void> {
    if (!conflict) return;
    const { current, kind, reason } = conflict;
    let saved: Session;
    try {
      saved =
        kind === "amend"
          ? (await clinicalApi.amendSession(current.id, current.version, reason, changedFields(conflict.theirs, merged))).session
          : (await clinicalApi.updateSession(current.id, current.version, merged)).session;
    } catch (error) {
      if (holdForMerge(error, kind, reason, current, merged)) return;
      throw error;
    }
    setConflict(null);
    setSession(saved);
    setAmending(false);
    setFormKey((n) => n + 1);
    setHistoryKey((n) => n + 1);
    setNotice(kind === "amend" ? "Merged and saved as an amendment." : "Merged and saved.");
  }

  function discardMine(): void {
    if (!conflict) return;
    setSession(conflict.current);
    setConflict(null);
    setAmending(false);
    setFormKey((n) => n + 1);
    setNotice(`Showing the note as ${conflict.by ?? "the other practitioner"} saved it.`);
  }

  const activeComplaints = complaints.filter((complaint) => complaint.status === "active");
  const signed = session?.status === "signed";
  // A draft the practitioner may not edit (another therapist's) is shown read-only, like a signed note.
  const readOnly = session !== null && (signed || !allowed("session.edit_draft", { authorId: session.practitioner.id }));
  return (
    <>
      <Link to={`${clientBase}/timeline`} className="back-link">
        ← {fullName(client)}
      </Link>
      <div className="page-header">
        <div>
          <h1>
            {session ? "Session" : "New session"}
            {session ? (
              <span className={`badge badge--heading ${signed && !session.enteredInError ? "badge--ok" : "badge--warn"}`}>
                {session.enteredInError ? "Entered in error" : signed ? "Signed" : "Draft"}
              </span>
            ) : null}
          </h1>
          <p className="muted">{fullName(client)}</p>
        </div>
        {signed && !amending && !markingInError && !session.enteredInError && allowed("session.amend") ? (
          <div className="page-header__actions">
            <button type="button" className="button button--secondary" onClick={() => setAmending(true)}>
              Add amendment
            </button>
            <button type="button" className="button button--quiet" onClick={() => setMarkingInError(true)}>
              Mark entered in error
            </button>
          </div>
        ) : null}
      </div>
      <SuccessMessage message={notice} />
      {conflict ? <SessionMerge key={conflict.current.version} conflict={conflict} onSave={saveMerged} onDiscard={discardMine} /> : null}
      {confirming ? (
        <SignConfirmDialog
          session={confirming.session}
          vocabulary={vocabulary}
          onSign={() => confirming.resolve(true)}
          onCancel={() => confirming.resolve(false)}
        />
      ) : null}
      {session ? <EnteredInErrorBanner session={session} /> : null}
      {session && markingInError ? (
        <EnteredInErrorForm
          session={session}
          onCancel={() => setMarkingInError(false)}
          onMarked={(next) => {
            setSession(next);
            setMarkingInError(false);
            setHistoryKey((n) => n + 1);
            setNotice("Marked entered in error. The note is kept, struck through.");
          }}
        />
      ) : null}
      {session && readOnly && !amending ? (
        <div className={session.enteredInError ? "session-record--in-error" : undefined}>
          <SessionRecord session={session} vocabulary={vocabulary} complaints={complaints} />
        </div>
      ) : (
        <SessionForm
          key={`${session?.id ?? "new"}-${amending ? "amend" : "edit"}-${formKey}`}
          vocabulary={vocabulary}
          complaints={complaints}
          protocols={protocols}
          recentSteps={recentSteps}
          initial={
            session
              ? draftFromSession(session)
              : blankDraft(new Date(), activeComplaints.length === 1 ? activeComplaints.map((c) => c.id) : [])
          }
          mode={amending ? "amend" : "edit"}
          deviation={session?.deviation}
          previous={session ? null : previous}
          draftKey={session ? `session:${session.id}${amending ? ":amend" : ""}` : `session:new:${client.id}`}
          clientId={client.id}
          onSubmit={save}
          onCancel={amending ? () => setAmending(false) : undefined}
        />
      )}
      {session ? <ScheduleCheckins sessionId={session.id} clientId={client.id} automatic={session.automaticCheckins} /> : null}
      {session ? <RunningOutcomes clientId={client.id} at={session.startedAt} /> : null}
      {session ? <SessionHistory key={historyKey} sessionId={session.id} /> : null}
    </>
  );
}
