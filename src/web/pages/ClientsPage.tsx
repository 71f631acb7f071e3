import { useEffect, useState, type ReactNode } from "react";
import { api, CLIENT_PAGE_SIZE, errorMessage } from "../api";
import { SelectField } from "../components/Field";
import { ErrorMessage, Loading } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { useTitle } from "../components/useTitle";
import { formatCalendarDate, formatDateOf, fullName } from "../format";
import { useCan, useMe } from "../session";
import { Link, navigate, useLocation } from "../router";
import type { ClientStatus, ClientSummary } from "../types";

const SEARCH_DEBOUNCE_MS = 250;

const STATUS_OPTIONS: { value: ClientStatus; label: string }[] = [
  { value: "active", label: "Active" },
  { value: "archived", label: "Archived" },
  { value: "all", label: "All" },
];

function readStatus(value: string | null): ClientStatus {
  return value === "archived" || value === "all" ? value : "active";
}

function listUrl(q: string, status: ClientStatus): string {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (status !== "active") params.set("status", status);
  const query = params.toString();
  return query ? `/clients?${query}` : "/clients";
}

export function ClientsPage(): ReactNode {
  useTitle("Clients");
  const { search } = useLocation();
  const q = search.get("q") ?? "";
  const status = readStatus(search.get("status"));
  const [typed, setTyped] = useState(q);
  const [lastUrlQuery, setLastUrlQuery] = useState(q);

  // Follow the URL when it changes from outside the box (the Clients nav link, back/forward).
  if (q !== lastUrlQuery) {
    setLastUrlQuery(q);
    if (typed.trim() !== q) setTyped(q);
  }

  // The URL holds the search, so a reload or a shared link shows the same list.
  useEffect(() => {
    if (typed.trim() === q) return;
    const timer = window.setTimeout(() => navigate(listUrl(typed.trim(), status), { replace: true }), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [typed, q, status]);

  const listKey = `${status}\n${q}`;
  const { state, reload } = useAsync(() => api.clients({ q, status }), listKey);
  // Pages after the first, kept for the search and status they were asked for.
  const [more, setMore] = useState<{ key: string; clients: ClientSummary[] }>({ key: listKey, clients: [] });
  const [moreState, setMoreState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const firstPage = state.data?.clients ?? [];
  const extra = more.key === listKey ? more.clients : [];
  const seen = new Set(firstPage.map((client) => client.id));
  // A client added while paging moves the others down a place: leave out the one seen twice.
  const clients = [...firstPage, ...extra.filter((client) => !seen.has(client.id))];

  async function showMore(): Promise<void> {
    setMoreState({ busy: true, error: null });
    try {
      const next = await api.clients({ q, status }, { limit: CLIENT_PAGE_SIZE, offset: firstPage.length + extra.length });
      setMore({ key: listKey, clients: [...extra, ...next.clients] });
      setMoreState({ busy: false, error: null });
    } catch (err) {
      setMoreState({ busy: false, error: errorMessage(err) });
    }
  }

  return (
    <>
      <div className="page-header">
        <h1>Clients</h1>
        <Link to="/clients/new" className="button button--primary">
          New client
        </Link>
      </div>
      <div className="toolbar" role="search">
        <div className="field toolbar__search">
          <label htmlFor="client-search">Search clients</label>
          <input
            id="client-search"
            type="search"
            value={typed}
            placeholder="Name or email"
            autoComplete="off"
            onChange={(event) => setTyped(event.target.value)}
          />
        </div>
        <SelectField
          label="Status"
          fieldClassName="toolbar__status"
          value={status}
          options={STATUS_OPTIONS}
          onChange={(event) => navigate(listUrl(typed.trim(), readStatus(event.target.value)), { replace: true })}
        />
      </div>
      {state.status === "error" ? <ErrorMessage message={state.message} onRetry={reload} /> : null}
      {state.data ? (
        <>
          <ClientTable clients={clients} total={state.data.total} q={q} status={status} busy={state.status === "loading"} />
          <ErrorMessage message={moreState.error} />
          {clients.length < state.data.total ? (
            <p className="form-actions">
              <button type="button" className="button button--secondary" disabled={moreState.busy} onClick={() => void showMore()}>
                {moreState.busy ? "Loading…" : `Show ${Math.min(CLIENT_PAGE_SIZE, state.data.total - clients.length)} more`}
              </button>
            </p>
          ) : null}
        </>
      ) : state.status === "loading" ? (
        <Loading label="Loading clients…" />
      ) : null}
    </>
  );
}

interface TableProps {
  clients: ClientSummary[];
  total: number;
  q: string;
  status: ClientStatus;
  busy: boolean;
}

function ClientTable({ clients, total, q, status, busy }: TableProps): ReactNode {
  const me = useMe();
  const allowed = useCan();
  const showComplaints = allowed("clinical.read");
  const timeZone = me.practice.timeZone;
  if (clients.length === 0) {
    return (
      <div className="empty" aria-live="polite">
        {q ? (
          <p>No clients match “{q}”.</p>
        ) : status === "archived" ? (
          <p>No archived clients.</p>
        ) : (
          <>
            <p>No clients yet.</p>
            <Link to="/clients/new" className="button button--secondary">
              Add your first client
            </Link>
          </>
        )}
      </div>
    );
  }
  return (
    <div className={`table-wrap${busy ? " is-busy" : ""}`} aria-busy={busy}>
      <p className="muted table-count" aria-live="polite">
        {total === 1 ? "1 client" : `${total} clients`}
        {clients.length < total ? ` (showing ${clients.length})` : ""}
      </p>
      <table className="table table--clients">
        <thead>
          <tr>
            <th scope="col">Name</th>
            {showComplaints ? <th scope="col">Active complaint</th> : null}
            <th scope="col">Last visit</th>
            <th scope="col">Next check-in</th>
            <th scope="col" className="num">
              Open check-ins
            </th>
            <th scope="col">Goal event</th>
          </tr>
        </thead>
        <tbody>
          {clients.map((client) => (
            <ClientRow key={client.id} client={client} showComplaints={showComplaints} timeZone={timeZone} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

const NONE = <span className="muted">—</span>;

function ClientRow({ client, showComplaints, timeZone }: { client: ClientSummary; showComplaints: boolean; timeZone: string }): ReactNode {
  const base = `/clients/${encodeURIComponent(client.id)}`;
  return (
    <tr>
      <td>
        <Link to={base} className="table__primary">
          {fullName(client)}
        </Link>
        {client.archivedAt ? <span className="badge badge--muted">Archived</span> : null}
        <div className="stack-tight table__contact">
          {client.email ? <span>{client.email}</span> : null}
          {client.phone ? <span className="muted">{client.phone}</span> : null}
        </div>
      </td>
      {showComplaints ? (
        <td data-label="Active complaint">
          {client.activeComplaint ? (
            <>
              <Link to={`${base}/timeline`}>{client.activeComplaint.title}</Link>
              {client.activeComplaint.status === "improving" ? <span className="badge badge--ok">Improving</span> : null}
            </>
          ) : (
            NONE
          )}
        </td>
      ) : null}
      <td data-label="Last visit" className="table__date">
        {client.lastVisitAt ? formatDateOf(client.lastVisitAt, timeZone) : NONE}
      </td>
      <td data-label="Next check-in" className="table__date">
        {client.nextCheckinDueAt ? formatDateOf(client.nextCheckinDueAt, timeZone) : NONE}
      </td>
      <td data-label="Open check-ins" className="num">
        {client.openCheckins > 0 ? <span className="badge badge--warn">{client.openCheckins}</span> : <span className="muted">0</span>}
      </td>
      <td data-label="Goal event">
        {client.goalEvent ? (
          <div className="stack-tight">
            <span>{client.goalEvent.name}</span>
            {client.goalEvent.date ? <span className="muted">{formatCalendarDate(client.goalEvent.date)}</span> : null}
          </div>
        ) : (
          NONE
        )}
      </td>
    </tr>
  );
}
