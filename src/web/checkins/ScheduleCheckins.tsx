import { useState, type ReactNode } from "react";
import type { AutomaticCheckinsView } from "../../checkins/schema";
import { ApiError, errorMessage } from "../api";
import { ErrorMessage, Loading } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { formatTimestamp } from "../format";
import { Link } from "../router";
import { useMe } from "../session";
import { checkinApi, type Checkin } from "./api";
import { usePracticeCatalogue } from "../questionnaires/catalogue";
import { measureName } from "./model";

/**
 * "Schedule check-ins" on the session page: choose a plan; the server creates one check-in per
 * offset. When the session's protocol carries a plan, signing scheduled it (or said why not).
 */
export function ScheduleCheckins({
  sessionId,
  clientId,
  automatic = null,
}: {
  sessionId: string;
  clientId: string;
  automatic?: AutomaticCheckinsView | null;
}): ReactNode {
  const me = useMe();
  usePracticeCatalogue();
  const plans = useAsync(() => checkinApi.plans(), "plans");
  const [planId, setPlanId] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ReactNode>(null);
  const [scheduled, setScheduled] = useState<{ checkins: Checkin[]; alreadyScheduled: boolean; message: string } | null>(null);
  const clientBase = `/clients/${encodeURIComponent(clientId)}`;

  async function schedule(chosen: string): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      setScheduled(await checkinApi.schedule(sessionId, chosen));
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === "checkin_consent_missing") {
        setError(
          <>
            This client has not agreed to receive check-in messages, so none were scheduled. Record their consent on the{" "}
            <Link to={clientBase}>profile</Link> first.
          </>,
        );
      } else {
        setError(errorMessage(caught));
      }
    } finally {
      setBusy(false);
    }
  }

  let body: ReactNode;
  if (plans.state.status === "error" && !plans.state.data) body = <ErrorMessage message={plans.state.message} onRetry={plans.reload} />;
  else if (!plans.state.data) body = <Loading label="Loading check-in plans…" />;
  else if (plans.state.data.plans.length === 0)
    body = (
      <p className="muted">
        No check-in plans yet. <Link to="/checkin-plans">Create one</Link>.
      </p>
    );
  else {
    const list = plans.state.data.plans;
    const chosen = planId || list[0]?.id || "";
    const plan = list.find((p) => p.id === chosen);
    body = (
      <form
        className="schedule-checkins"
        onSubmit={(event) => {
          event.preventDefault();
          void schedule(chosen);
        }}
      >
        <label>
          <span>Plan</span>
          <select value={chosen} onChange={(e) => setPlanId(e.target.value)}>
            {list.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        {plan ? (
          <p className="muted">
            {plan.measureCodes.map(measureName).join(", ")} · days {plan.offsetsDays.join(", ")} at {plan.localHour}:00
          </p>
        ) : null}
        <button type="submit" className="button button--primary" disabled={busy || !chosen}>
          Schedule check-ins
        </button>
      </form>
    );
  }

  return (
    <section className="card" aria-labelledby="schedule-checkins-heading">
      <h2 id="schedule-checkins-heading">Check-ins after this session</h2>
      {error ? (
        <div className="alert alert--error" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      {automatic && !scheduled ? (
        <div className={`alert ${automatic.outcome === "scheduled" ? "alert--success" : "alert--notice"}`} role="note">
          <p>
            {automatic.message}{" "}
            {automatic.outcome === "scheduled" ? (
              <>
                They are on the <Link to={`${clientBase}/timeline`}>timeline</Link>.
              </>
            ) : (
              <>
                Record their consent on the <Link to={clientBase}>profile</Link>, then schedule below.
              </>
            )}
          </p>
        </div>
      ) : null}
      {scheduled ? (
        <div className={`alert ${scheduled.alreadyScheduled ? "alert--notice" : "alert--success"}`} role="status">
          <p>
            {scheduled.message} First due {scheduled.checkins[0] ? formatTimestamp(scheduled.checkins[0].dueAt, me.practice.timeZone) : "—"}
            . {scheduled.alreadyScheduled ? "They are" : "Send them from"} the <Link to={`${clientBase}/timeline`}>timeline</Link>
            {scheduled.alreadyScheduled ? " already." : "."}
          </p>
        </div>
      ) : null}
      {body}
    </section>
  );
}
