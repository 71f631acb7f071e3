import type { ReactNode } from "react";
import { ACTIVITY_LIST_LIMIT, api } from "../api";
import { ErrorMessage, Loading } from "../components/Status";
import { useAsync } from "../components/useAsync";
import type { Client } from "../types";
import { ActivityList } from "./ActivityList";
import { TrainingLoad } from "./TrainingLoad";
import { RunsLinkPanel } from "./RunsLinkPanel";
import { UploadPanel } from "./UploadPanel";

async function loadTraining(clientId: string) {
  const [{ activities }, { weeks }] = await Promise.all([api.activities(clientId), api.trainingWeeks(clientId)]);
  return { activities, weeks };
}

/** A client's training: uploads, weekly load and the activity list. */
export function TrainingTab({ client }: { client: Client }): ReactNode {
  const { state, reload } = useAsync(() => loadTraining(client.id), client.id);
  const data = state.data;
  const empty = data !== undefined && data.activities.length === 0;

  return (
    <>
      <UploadPanel clientId={client.id} onImported={reload} prominent={empty} />
      <RunsLinkPanel clientId={client.id} />
      {state.status === "error" ? <ErrorMessage message={state.message} onRetry={reload} /> : null}
      {!data ? (
        state.status === "loading" ? (
          <Loading label="Loading training…" />
        ) : null
      ) : empty ? (
        <div className="empty">
          <p>
            <strong>No training uploaded yet.</strong>
          </p>
          <p>
            Upload FIT, GPX or TCX files from a watch, or a whole Strava/Garmin export zip. Runs are summarised, labelled (hill repeats,
            intervals, downhill, long run…) and added up week by week.
          </p>
        </div>
      ) : (
        <>
          {data.weeks.some((week) => week.activities > 0) ? (
            <TrainingLoad weeks={data.weeks} />
          ) : (
            <p className="card muted">None of these activities is a run, so there is no weekly running load to show.</p>
          )}
          <section aria-labelledby="activities-heading" className={state.status === "loading" ? "is-busy" : undefined}>
            <h2 id="activities-heading">Activities</h2>
            <p className="muted table-count">
              {data.activities.length === ACTIVITY_LIST_LIMIT
                ? `The latest ${ACTIVITY_LIST_LIMIT} activities.`
                : `${data.activities.length} activit${data.activities.length === 1 ? "y" : "ies"}.`}{" "}
              Times are the watch's local time, or the client's time zone ({client.timeZone}) when the file does not say.
            </p>
            <ActivityList clientId={client.id} activities={data.activities} timeZone={client.timeZone} />
          </section>
        </>
      )}
    </>
  );
}
