import { useState, type FormEvent, type ReactNode } from "react";
import { api, errorMessage } from "../api";
import { SelectField, TextField } from "../components/Field";
import { ErrorMessage, Loading } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { useTitle } from "../components/useTitle";
import { formatTimestamp } from "../format";
import { Link, navigate, useLocation } from "../router";
import { useCan, useMe } from "../session";
import { AUDIT_FILTER_KEYS, auditApi, type AuditEvent, type AuditFilters } from "./api";
import "./audit.css";

const ACTIONS: { value: string; label: string }[] = [
  { value: "", label: "Any action" },
  { value: "read", label: "Read" },
  { value: "create", label: "Create" },
  { value: "update", label: "Update" },
  { value: "export", label: "Export" },
  { value: "erase", label: "Erase" },
  { value: "sign_in", label: "Sign-in" },
  { value: "sign_out", label: "Sign-out" },
  { value: "submit_checkin", label: "Check-in answered" },
  { value: "unsubscribe", label: "Unsubscribed" },
  { value: "sign", label: "Session signed" },
  { value: "amend", label: "Session amended" },
  { value: "archive", label: "Archive" },
  { value: "restore", label: "Restore" },
  { value: "import", label: "Training import" },
  { value: "send", label: "Check-in sent" },
  { value: "submit_intake", label: "Intake sent by the client" },
  { value: "review", label: "Red flags reviewed" },
  { value: "accept", label: "Intake accepted" },
  { value: "withdraw", label: "Withdrawn" },
];

const OUTCOME_LABELS: Record<string, string> = {
  success: "",
  denied: "refused",
  not_found: "not found",
  rejected: "rejected",
  failure: "failed",
  second_factor_required: "awaiting second factor",
};

function filtersFrom(search: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const value = search.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

function urlOf(filters: AuditFilters): string {
  const params = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `/audit?${query}` : "/audit";
}

/** The practice's audit log: who read, changed, exported or erased what, when and from where. Owners only. */
export function AuditPage(): ReactNode {
  useTitle("Audit log");
  const me = useMe();
  const allowed = useCan();
  if (!allowed("audit.read")) {
    return (
      <>
        <div className="page-header">
          <h1>Audit log</h1>
        </div>
        <p className="muted">Only an owner of the practice can read the audit log.</p>
      </>
    );
  }
  return <OwnerAuditLog timeZone={me.practice.timeZone} />;
}

function OwnerAuditLog({ timeZone }: { timeZone: string }): ReactNode {
  const { search } = useLocation();
  const filters = filtersFrom(search);
  const key = urlOf(filters);
  const team = useAsync(() => api.team(), "team");
  const { state, reload } = useAsync(() => auditApi.events(filters), key);
  const [older, setOlder] = useState<{ key: string; events: AuditEvent[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  const extra = older?.key === key ? older : null;
  const events = [...(state.data?.events ?? []), ...(extra?.events ?? [])];
  const cursor = extra ? extra.cursor : (state.data?.nextCursor ?? null);

  async function loadOlder(): Promise<void> {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await auditApi.events(filters, cursor);
      setOlder({ key, events: [...(extra?.events ?? []), ...page.events], cursor: page.nextCursor });
    } catch (error) {
      setMoreError(errorMessage(error));
    } finally {
      setLoadingMore(false);
    }
  }

  const practitioners = [
    { value: "", label: "Anyone" },
    ...(team.state.data?.members ?? []).map((member) => ({ value: member.id, label: member.name })),
  ];

  return (
    <>
      <div className="page-header">
        <h1>Audit log</h1>
      </div>
      <p className="muted">
        Who read, changed, exported or erased what, when and from where. Entries hold no health details and cannot be changed.
      </p>
      <AuditFilterForm key={key} filters={filters} practitioners={practitioners} />
      {state.status === "error" ? <ErrorMessage message={state.message} onRetry={reload} /> : null}
      {state.data ? (
        events.length === 0 ? (
          <div className="empty">
            <p>No entries match these filters.</p>
          </div>
        ) : (
          <div className={`table-wrap${state.status === "loading" ? " is-busy" : ""}`} aria-busy={state.status === "loading"}>
            <table className="table table--audit">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Resource</th>
                  <th scope="col">Client</th>
                  <th scope="col">From</th>
                </tr>
              </thead>
              <tbody>
                {events.map((event) => (
                  <AuditRow key={event.id} event={event} timeZone={timeZone} />
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : state.status === "loading" ? (
        <Loading label="Loading the audit log…" />
      ) : null}
      <ErrorMessage message={moreError} />
      {cursor && state.status === "ready" ? (
        <button type="button" className="button button--secondary" disabled={loadingMore} onClick={() => void loadOlder()}>
          {loadingMore ? "Loading…" : "Show older entries"}
        </button>
      ) : null}
    </>
  );
}

function AuditFilterForm({
  filters,
  practitioners,
}: {
  filters: AuditFilters;
  practitioners: { value: string; label: string }[];
}): ReactNode {
  const [draft, setDraft] = useState<AuditFilters>(filters);
  const set = (name: keyof AuditFilters, value: string) => setDraft((old) => ({ ...old, [name]: value }));

  function apply(event: FormEvent): void {
    event.preventDefault();
    navigate(urlOf(draft), { replace: true });
  }

  return (
    <form className="toolbar audit-filters" role="search" aria-label="Filter the audit log" onSubmit={apply}>
      <TextField label="From" type="date" value={draft.from ?? ""} onChange={(e) => set("from", e.target.value)} />
      <TextField label="To" type="date" value={draft.to ?? ""} onChange={(e) => set("to", e.target.value)} />
      <SelectField label="Who" value={draft.actor ?? ""} options={practitioners} onChange={(e) => set("actor", e.target.value)} />
      <SelectField label="Action" value={draft.action ?? ""} options={ACTIONS} onChange={(e) => set("action", e.target.value)} />
      <TextField
        label="Resource type"
        value={draft.resourceType ?? ""}
        placeholder="e.g. client, session"
        onChange={(e) => set("resourceType", e.target.value.trim())}
      />
      <TextField label="Client id" value={draft.client ?? ""} onChange={(e) => set("client", e.target.value.trim())} />
      <div className="audit-filters__actions">
        <button type="submit" className="button button--primary">
          Apply
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => {
            setDraft({});
            navigate("/audit", { replace: true });
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}

function actorLabel(event: AuditEvent): string {
  switch (event.actor.kind) {
    case "practitioner":
      return event.actor.name ?? `Former practitioner ${event.actor.id ?? ""}`.trim();
    case "client":
      return "The client, by check-in link";
    case "unknown":
      return "Unknown";
  }
}

function AuditRow({ event, timeZone }: { event: AuditEvent; timeZone: string }): ReactNode {
  const outcome = OUTCOME_LABELS[event.outcome] ?? event.outcome;
  return (
    <tr>
      <td>{formatTimestamp(event.occurredAt, timeZone)}</td>
      <td>{actorLabel(event)}</td>
      <td>
        {event.action.replace(/_/g, " ")}
        {outcome ? <span className="badge badge--danger audit__outcome">{outcome}</span> : null}
      </td>
      <td>
        {event.resource.type.replace(/_/g, " ")}
        {event.resource.id && event.resource.id !== event.client?.id ? <span className="muted audit__id"> {event.resource.id}</span> : null}
      </td>
      <td>
        {event.client === null ? (
          <span className="muted">—</span>
        ) : event.client.name !== null ? (
          <Link to={`/clients/${encodeURIComponent(event.client.id)}`}>{event.client.name}</Link>
        ) : (
          <span className="muted" title="This client has been erased">
            Erased client {event.client.id}
          </span>
        )}
      </td>
      <td>
        {event.ip ?? "—"}
        {event.userAgent ? (
          <span className="muted audit__agent" title={event.userAgent}>
            {" "}
            {browserName(event.userAgent)}
          </span>
        ) : null}
      </td>
    </tr>
  );
}

/**
 * A short name for a user agent, e.g. "Chrome 131 on Windows"; the full string stays in the
 * tooltip. Order matters: Edge and Opera also say "Chrome", and Chrome also says "Safari".
 */
export function browserName(userAgent: string): string {
  const browsers: [RegExp, string][] = [
    [/Edg\/(\d+)/, "Edge"],
    [/OPR\/(\d+)/, "Opera"],
    [/Firefox\/(\d+)/, "Firefox"],
    [/(?:Headless)?Chrome\/(\d+)/, "Chrome"],
    [/Version\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari/, "Safari"],
  ];
  const systems: [RegExp, string][] = [
    [/iPhone|iPad/, "iOS"],
    [/Android/, "Android"],
    [/Windows/, "Windows"],
    [/Mac OS X/, "macOS"],
    [/Linux/, "Linux"],
  ];
  const browser = browsers.map(([pattern, name]) => [pattern.exec(userAgent), name] as const).find(([match]) => match !== null);
  const system = systems.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (!browser) return userAgent.length > 40 ? `${userAgent.slice(0, 40)}…` : userAgent;
  const [match, name] = browser;
  return `${name} ${match?.[1] ?? ""}${system ? ` on ${system}` : ""}`.replace(/ +/g, " ").trim();
}
