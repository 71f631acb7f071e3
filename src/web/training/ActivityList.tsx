import type { ReactNode } from "react";
import { Link } from "../router";
import {
  activityTitle,
  formatActivityDate,
  formatActivityWeekdayTime,
  formatDuration,
  formatGainLoss,
  formatKmValue,
  formatPace,
  formatWhole,
} from "./format";
import { LabelChips } from "./LabelChips";
import { SameRunNote } from "./SameRun";
import type { ActivityListItem } from "./types";

interface ActivityListProps {
  clientId: string;
  activities: readonly ActivityListItem[];
  /** For activities whose file does not say its local time. */
  timeZone: string;
}

/** The client's activities, newest first, each linking to its page. */
export function ActivityList({ clientId, activities, timeZone }: ActivityListProps): ReactNode {
  const base = `/clients/${encodeURIComponent(clientId)}/activities`;
  return (
    <div className="table-wrap">
      <table className="table table--compact table--activities">
        <caption className="visually-hidden">Activities, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Activity</th>
            <th scope="col" className="num">
              Distance <span className="th-unit">km</span>
            </th>
            <th scope="col" className="num">
              Time <span className="th-unit">moving</span>
            </th>
            <th scope="col" className="num">
              Pace <span className="th-unit">min/km</span>
            </th>
            <th scope="col" className="num">
              Elevation <span className="th-unit">m</span>
            </th>
            <th scope="col" className="num">
              Cadence <span className="th-unit">spm</span>
            </th>
            <th scope="col" className="num">
              HR <span className="th-unit">bpm</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {activities.map((activity) => (
            <tr key={activity.id}>
              <td className="nowrap">
                <span className="stack-tight">
                  <span>{formatActivityDate(activity.startTime, activity.localOffsetMinutes, timeZone)}</span>
                  <span className="muted">{formatActivityWeekdayTime(activity.startTime, activity.localOffsetMinutes, timeZone)}</span>
                </span>
              </td>
              <td>
                <Link to={`${base}/${encodeURIComponent(activity.id)}`} className="table__primary">
                  {activityTitle(activity)}
                </Link>
                {activity.sentByClient ? <span className="badge badge--muted">sent by the client</span> : null}
                <LabelChips labels={activity.labels} />
                <SameRunNote clientId={clientId} activity={activity} />
              </td>
              <td className="num">{activity.distanceM > 0 ? formatKmValue(activity.distanceM) : "–"}</td>
              <td className="num" title={`Elapsed ${formatDuration(activity.elapsedS)}`}>
                {formatDuration(activity.movingS > 0 ? activity.movingS : activity.elapsedS)}
              </td>
              <td className="num">{formatPace(activity.avgPaceSPerKm)}</td>
              <td className="num">{formatGainLoss(activity.elevationGainM, activity.elevationLossM, false)}</td>
              <td className="num">{formatWhole(activity.avgCadenceSpm)}</td>
              <td className="num">{formatWhole(activity.avgHeartRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
