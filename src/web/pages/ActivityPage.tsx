import type { ReactNode } from "react";
import { api, ApiError, isNotFound } from "../api";
import { ErrorMessage, Loading } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { useTitle } from "../components/useTitle";
import { fullName } from "../format";
import { Link } from "../router";
import { ActivityCharts } from "../training/ActivityCharts";
import { ActivityFigures, RunningDynamicsList } from "../training/ActivityFigures";
import { activityTitle, formatActivityDay, formatActivityTime } from "../training/format";
import { LabelEvidence } from "../training/LabelChips";
import { SameRunNote } from "../training/SameRun";
import { SportPanel } from "../training/SportPanel";
import type { ActivityDetail } from "../training/types";
import type { Client } from "../types";
import { NotFoundPage } from "./NotFoundPage";

async function loadActivity(clientId: string, activityId: string): Promise<{ activity: ActivityDetail; client: Client }> {
  const [{ activity }, { client }] = await Promise.all([api.activity(activityId), api.client(clientId)]);
  // An activity under another client's address is not at this address.
  if (activity.clientId !== client.id) throw new ApiError(404, "not_found", "Activity not found");
  return { activity, client };
}

/** One activity: its figures, its labels with their evidence, and its profile over distance. */
export function ActivityPage({ clientId, activityId }: { clientId: string; activityId: string }): ReactNode {
  const { state, reload, setData } = useAsync(() => loadActivity(clientId, activityId), `${clientId}/${activityId}`);
  const data = state.data;
  useTitle(data ? `${activityTitle(data.activity)} · ${fullName(data.client)}` : "Activity");

  if (state.status === "error" && !data) {
    if (isNotFound(state.error)) return <NotFoundPage what="There is no activity at this address." />;
    return <ErrorMessage message={state.message} onRetry={reload} />;
  }
  if (!data) return <Loading label="Loading activity…" />;
  const { activity, client } = data;
  const when = `${formatActivityDay(activity.startTime, activity.localOffsetMinutes, client.timeZone)}, ${formatActivityTime(
    activity.startTime,
    activity.localOffsetMinutes,
    client.timeZone,
  )}`;
  const sport = activity.name && activity.sportLabel ? activity.sportLabel : null;

  return (
    <>
      <Link to={`/clients/${encodeURIComponent(client.id)}/training`} className="back-link">
        ← {fullName(client)} · Training
      </Link>
      <div className="page-header">
        <div>
          <h1>{activityTitle(activity)}</h1>
          <p className="muted">
            {[when, sport, `${activity.file.name} (${activity.file.format.toUpperCase()})`].filter(Boolean).join(" · ")}
          </p>
        </div>
      </div>
      {activity.alsoRecordedBy.length > 0 ? (
        <p className="same-run-line">
          <SameRunNote clientId={client.id} activity={activity} />
          {activity.duplicateOf !== null ? (
            <span className="muted"> The same run&apos;s richer recording is the one counted in the weekly load.</span>
          ) : null}
        </p>
      ) : null}
      <section className="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading" className="visually-hidden">
          Summary
        </h2>
        <ActivityFigures summary={activity.summary} />
      </section>
      <SportPanel key={activity.id} activity={activity} onCorrected={(next) => setData({ activity: next, client })} />
      <section className="card" aria-labelledby="labels-heading">
        <h2 id="labels-heading">What this run was</h2>
        <LabelEvidence labels={activity.labels} />
      </section>
      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Over the run</h2>
        <ActivityCharts stream={activity.stream} labels={activity.labels} />
      </section>
      <RunningDynamicsList dynamics={activity.summary.dynamics} />
      {activity.summary.notes.length > 0 ? (
        <section className="card" aria-labelledby="notes-heading">
          <h2 id="notes-heading">Notes on the data</h2>
          <ul className="notes">
            {activity.summary.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
