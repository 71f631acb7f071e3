import { useState, type ReactNode } from "react";
import { RunningOutcomes } from "./RunningOutcomes";
import { ScheduleCheckins } from "../checkins/ScheduleCheckins";
import { api, isNotFound } from "../api";
import { ErrorMessage, Loading, SuccessMessage } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { useTitle } from "../components/useTitle";
import { fullName } from "../format";
import { NotFoundPage } from "../pages/NotFoundPage";
import { Link, navigate } from "../router";
import { useCan, useMe } from "../session";
import { clinicalApi } from "./api";
import { SessionForm, type SubmitKind } from "./SessionForm";
import { SessionRecord, SessionHistory } from "./SessionRecord";
import { blankDraft, changedFields, draftFromSession, toInput, type SessionDraft } from "./sessionModel";
import type { Session } from "./types";
import { useVocabulary } from "./vocabulary";

async function loadContext(clientId: string, sessionId: string | null) {
  const [{ client }, { complaints }, { protocols }, session, { sessions }] = await Promise.all([
    api.client(clientId),
    clinicalApi.complaints(clientId),
    clinicalApi.protocols(),
    sessionId ? clinicalApi.session(sessionId).then((r) => r.session) : Promise.resolve(null),
    clinicalApi.sessions(clientId),
  ]);
  // The latest other session with something to copy forward.
  const previous =
    sessions
      .filter((other) => other.id !== sessionId && (other.findings.length > 0 || other.steps.length > 0))
      .sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1))[0] ?? null;
  return { client, complaints, protocols, session, previous };
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
  const [notice, setNotice] = useState<string | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  const data = state.data;
  useTitle(data ? `${fullName(data.client)} · ${sessionId ? "Session" : "New session"}` : "Session");

  if (state.status === "error" && !data) {
    if (isNotFound(state.error)) return <NotFoundPage what="There is no session at this address." />;
    return <ErrorMessage message={state.message} onRetry={reload} />;
  }
  if (vocab.state.status === "error") return <ErrorMessage message={vocab.state.message} onRetry={vocab.retry} />;
  if (!data || vocab.state.status === "loading") return <Loading label="Loading session…" />;
  const vocabulary = vocab.state.vocabulary;
  const { client, complaints, protocols, session, previous } = data;
  const clientBase = `/clients/${encodeURIComponent(client.id)}`;
  const setSession = (next: Session): void => setData({ ...data, session: next });

  async function save(draft: SessionDraft, kind: SubmitKind, reason: string): Promise<void> {
    const input = toInput(draft);
    if (kind === "amend") {
      if (!session) return;
      const result = await clinicalApi.amendSession(session.id, reason, changedFields(toInput(draftFromSession(session)), input));
      setSession(result.session);
      setAmending(false);
      setHistoryKey((n) => n + 1);
      setNotice("Amendment saved. The original note is kept in the history.");
      return;
    }
    let saved = session
      ? (await clinicalApi.updateSession(session.id, input)).session
      : (await clinicalApi.createSession(client.id, input)).session;
    if (kind === "sign") {
      // Only the author signs a draft; an owner signing a colleague's draft says why, and the history keeps it.
      const onBehalf = saved.practitioner.id !== me.practitioner.id;
      const signReason = onBehalf ? window.prompt(`Why are you signing ${saved.practitioner.name}'s draft?`)?.trim() : undefined;
      if (onBehalf && !signReason) {
        setSession(saved);
        setNotice("Draft saved. Not signed: signing another practitioner's draft needs a reason.");
        return;
      }
      saved = (await clinicalApi.signSession(saved.id, signReason)).session;
    }
    setNotice(kind === "sign" ? "Session signed." : "Draft saved.");
    if (!session) navigate(sessionPath(client.id, saved.id), { replace: true });
    setSession(saved);
    setHistoryKey((n) => n + 1);
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
              <span className={`badge badge--heading ${signed ? "badge--ok" : "badge--warn"}`}>{signed ? "Signed" : "Draft"}</span>
            ) : null}
          </h1>
          <p className="muted">{fullName(client)}</p>
        </div>
        {signed && !amending && allowed("session.amend") ? (
          <div className="page-header__actions">
            <button type="button" className="button button--secondary" onClick={() => setAmending(true)}>
              Add amendment
            </button>
          </div>
        ) : null}
      </div>
      <SuccessMessage message={notice} />
      {session && readOnly && !amending ? (
        <SessionRecord session={session} vocabulary={vocabulary} complaints={complaints} />
      ) : (
        <SessionForm
          key={`${session?.id ?? "new"}-${amending ? "amend" : "edit"}`}
          vocabulary={vocabulary}
          complaints={complaints}
          protocols={protocols}
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
