import { useState, type ReactNode } from "react";
import { errorMessage } from "../api";
import { ErrorMessage, Loading } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { useTitle } from "../components/useTitle";
import { formatTimestamp } from "../format";
import { Link } from "../router";
import { useMe } from "../session";
import { checkinApi, type DueCheckin } from "./api";
import { STATE_LABELS, stateBadgeClass } from "./model";

/** `/checkins`: check-ins that are due or overdue across the practice, and how many were answered. */
export function DueCheckinsPage(): ReactNode {
  useTitle("Check-ins");
  const me = useMe();
  const { state, reload } = useAsync(() => checkinApi.due(), "due");
  const [more, setMore] = useState<{ checkins: DueCheckin[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  if (state.status === "error" && !state.data) return <ErrorMessage message={state.message} onRetry={reload} />;
  if (!state.data) return <Loading label="Loading check-ins…" />;
  const { responseRate } = state.data;
  const open = [...state.data.checkins, ...(more?.checkins ?? [])];
  const cursor = more ? more.cursor : state.data.nextCursor;
  const now = new Date().toISOString();

  async function showMore(): Promise<void> {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await checkinApi.due(cursor);
      setMore({ checkins: [...(more?.checkins ?? []), ...page.checkins], cursor: page.nextCursor });
    } catch (error) {
      setMoreError(errorMessage(error));
    } finally {
      setLoadingMore(false);
    }
  }
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Check-ins</h1>
          <p className="muted">Check-ins whose day has come, across all clients.</p>
        </div>
        <div className="page-header__actions">
          <Link to="/checkin-plans" className="button button--secondary">
            Check-in plans
          </Link>
        </div>
      </div>
      <section className="card" aria-labelledby="response-rate-heading">
        <h2 id="response-rate-heading">Response rate</h2>
        <p className="response-rate">
          {responseRate.rate === null
            ? `No check-ins came due in the last ${responseRate.windowDays} days.`
            : `${Math.round(responseRate.rate * 100)}% — ${responseRate.answered} of ${responseRate.due} check-ins due in the last ${responseRate.windowDays} days answered.`}
        </p>
      </section>
      <section className="card" aria-labelledby="due-heading">
        <h2 id="due-heading">Waiting for an answer</h2>
        {open.length === 0 ? (
          <p className="empty">Nothing is waiting.</p>
        ) : (
          <table className="table due-table">
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Due</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {open.map((checkin) => (
                <tr key={checkin.id}>
                  <td>
                    <Link to={`/clients/${encodeURIComponent(checkin.clientId)}/timeline`}>{checkin.clientName || "Client"}</Link>
                  </td>
                  <td>
                    {formatTimestamp(checkin.dueAt, me.practice.timeZone)}
                    {checkin.state !== "expired" && checkin.dueAt < now ? <span className="overdue"> · overdue</span> : null}
                  </td>
                  <td>
                    <span className={stateBadgeClass(checkin.state)}>{STATE_LABELS[checkin.state]}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <ErrorMessage message={moreError} />
        {cursor ? (
          <button type="button" className="button button--secondary" disabled={loadingMore} onClick={() => void showMore()}>
            {loadingMore ? "Loading…" : "Show more"}
          </button>
        ) : null}
      </section>
    </>
  );
}
