import { useState, type ReactNode } from "react";
import { api, errorMessage, isNotFound } from "../api";
import { EraseClientCard } from "../audit/EraseClientCard";
import { ClientExportPanel } from "../exports/ClientExportPanel";
import { TimelineTab } from "../clinical/TimelineTab";
import { ContactCard, InjuriesCard, RunningCard, SelfCareCard } from "../components/ClientSections";
import { ConsentPanel } from "../components/ConsentPanel";
import { ErrorMessage, Loading, SuccessMessage } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { useTitle } from "../components/useTitle";
import { formatTimestamp, fullName } from "../format";
import { Link } from "../router";
import { useCan, useMe } from "../session";
import type { Client } from "../types";
import { TrainingTab } from "../training/TrainingTab";
import { RunsSentNotice } from "../training/RunsLinkPanel";
import { IntakePanel, RedFlagNotice } from "../intake/IntakePanel";
import { NotFoundPage } from "./NotFoundPage";
import { ClientCaseReports } from "../reports/ClientCaseReports";

export type ClientTab = "profile" | "timeline" | "training" | "case-reports";

const TABS: { tab: ClientTab; label: string; path: string }[] = [
  { tab: "profile", label: "Profile", path: "" },
  { tab: "timeline", label: "Timeline", path: "/timeline" },
  { tab: "training", label: "Training", path: "/training" },
  { tab: "case-reports", label: "Case reports", path: "/case-reports" },
];

/** A client's page; each tab has its own address, and switching tabs keeps the loaded client. */
export function ClientDetailPage({ id, tab = "profile" }: { id: string; tab?: ClientTab }): ReactNode {
  const { state, reload, setData } = useAsync(() => api.client(id), id);
  const client = state.data?.client;
  const name = client ? fullName(client) : "Client";
  useTitle(tab === "profile" ? name : `${name} · ${TABS.find((t) => t.tab === tab)?.label ?? "Timeline"}`);

  if (state.status === "error" && !client) {
    if (isNotFound(state.error)) return <NotFoundPage what="There is no client at this address." />;
    return <ErrorMessage message={state.message} onRetry={reload} />;
  }
  if (!client) return <Loading label="Loading client…" />;
  return <ClientDetail client={client} tab={tab} onChange={(updated) => setData({ client: updated })} onReload={reload} />;
}

/** Tabs that show clinical notes; hidden from a role that may not read them. */
const CLINICAL_TABS: ReadonlySet<ClientTab> = new Set(["timeline", "case-reports"]);

function ClientTabs({ base, tab }: { base: string; tab: ClientTab }): ReactNode {
  const allowed = useCan();
  return (
    <nav className="tabs" aria-label="Client sections">
      {TABS.filter((item) => !CLINICAL_TABS.has(item.tab) || allowed("clinical.read")).map((item) => (
        <Link key={item.tab} to={`${base}${item.path}`} className="tabs__tab" aria-current={item.tab === tab ? "page" : undefined}>
          {item.label}
        </Link>
      ))}
    </nav>
  );
}

function ClientDetail({
  client,
  tab,
  onChange,
  onReload,
}: {
  client: Client;
  tab: ClientTab;
  onChange: (client: Client) => void;
  onReload: () => void;
}): ReactNode {
  // Bumped when an intake is reviewed or accepted, so the red-flag notice reloads.
  const [intakeTick, setIntakeTick] = useState(0);
  const me = useMe();
  const allowed = useCan();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const archived = client.archivedAt !== null;
  const base = `/clients/${encodeURIComponent(client.id)}`;

  async function toggleArchive(): Promise<void> {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const result = archived ? await api.restoreClient(client.id) : await api.archiveClient(client.id);
      onChange(result.client);
      setNotice(archived ? "Client restored to the active list." : "Client archived. Restore them at any time.");
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Link to="/clients" className="back-link">
        ← Clients
      </Link>
      <div className="page-header">
        <div>
          <h1>
            {fullName(client)}
            {archived ? <span className="badge badge--muted badge--heading">Archived</span> : null}
          </h1>
          <p className="muted">
            {archived && client.archivedAt
              ? `Archived ${formatTimestamp(client.archivedAt, me.practice.timeZone)}`
              : `Updated ${formatTimestamp(client.updatedAt, me.practice.timeZone)}`}
          </p>
        </div>
        <div className="page-header__actions">
          {!archived && allowed("clinical.create") ? (
            <Link to={`${base}/sessions/new`} className="button button--primary">
              New session
            </Link>
          ) : null}
          <Link to={`${base}/edit`} className="button button--secondary">
            Edit
          </Link>
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void toggleArchive()}>
            {busy ? "Saving…" : archived ? "Restore" : "Archive"}
          </button>
        </div>
      </div>
      <ErrorMessage message={error} />
      <SuccessMessage message={notice} />
      <RunsSentNotice clientId={client.id} />
      <RedFlagNotice key={`${client.version}:${intakeTick}`} clientId={client.id} />
      <ClientTabs base={base} tab={tab} />
      {CLINICAL_TABS.has(tab) && !allowed("clinical.read") ? (
        <p className="muted">Clinical notes are for therapists and owners; the practice owner can grant you access on the Team page.</p>
      ) : tab === "case-reports" ? (
        <ClientCaseReports client={client} />
      ) : tab === "training" ? (
        <TrainingTab client={client} />
      ) : tab === "timeline" ? (
        <TimelineTab client={client} />
      ) : (
        <ClientProfile
          client={client}
          onChange={onChange}
          onIntakeChange={() => {
            setIntakeTick((n) => n + 1);
            onReload();
          }}
        />
      )}
    </>
  );
}

function ClientProfile({
  client,
  onChange,
  onIntakeChange,
}: {
  client: Client;
  onChange: (client: Client) => void;
  onIntakeChange: () => void;
}): ReactNode {
  const allowed = useCan();
  return (
    <>
      <IntakePanel client={client} onChange={onIntakeChange} />
      <div className="card-grid">
        <ContactCard client={client} />
        <RunningCard client={client} />
        <InjuriesCard client={client} />
        <SelfCareCard client={client} />
      </div>
      {client.notes ? (
        <section className="card" aria-labelledby="notes-heading">
          <h2 id="notes-heading">Notes</h2>
          <p className="prewrap">{client.notes}</p>
        </section>
      ) : null}
      <section className="card" aria-labelledby="consents-heading">
        <h2 id="consents-heading">Consents</h2>
        <ConsentPanel client={client} onSaved={onChange} />
      </section>
      {allowed("client.export") ? <ClientExportPanel client={client} /> : null}
      <EraseClientCard client={client} />
    </>
  );
}
