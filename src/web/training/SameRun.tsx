import type { ReactNode } from "react";
import { Link } from "../router";
import type { ActivityListItem } from "./types";

type Recording = ActivityListItem["alsoRecordedBy"][number];

/** A device's name when the file says it, else the file's. */
export function recordingName(recording: Recording): string {
  return recording.device?.trim() ? `${recording.device.trim()} (${recording.fileName})` : recording.fileName;
}

/**
 * The same run recorded by other devices: "Also recorded by …" with links, and for a second
 * recording that it is not counted in the weekly load (its richer recording is).
 */
export function SameRunNote({ clientId, activity }: { clientId: string; activity: ActivityListItem }): ReactNode {
  if (activity.alsoRecordedBy.length === 0) return null;
  const base = `/clients/${encodeURIComponent(clientId)}/activities`;
  return (
    <span className="same-run">
      {activity.duplicateOf !== null ? <span className="badge badge--muted">not counted in load</span> : null}
      <span className="muted">
        Also recorded by{" "}
        {activity.alsoRecordedBy.map((other, i) => (
          <span key={other.activityId}>
            {i > 0 ? ", " : null}
            <Link to={`${base}/${encodeURIComponent(other.activityId)}`}>{recordingName(other)}</Link>
            {other.counted ? " (counted)" : null}
          </span>
        ))}
      </span>
    </span>
  );
}
