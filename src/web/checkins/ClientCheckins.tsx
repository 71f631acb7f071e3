import type { ReactNode } from "react";
import type { StoredAnswer } from "../../checkins/schema";
import { formatTimestamp } from "../format";
import { useMe } from "../session";
import type { MeasurePair } from "../clinical/types";
import type { Checkin } from "./api";
import { usePracticeCatalogue } from "../questionnaires/catalogue";
import { CheckinActions } from "./CheckinActions";
import { daysAfterLabel, describeAnswer, describeChange, measureName, STATE_LABELS, stateBadgeClass } from "./model";

/** The client's check-in schedule: each check-in's state, due date and its Send / New link / Reschedule / Cancel actions. */
export function CheckinSchedule({ checkins, onChange }: { checkins: Checkin[]; onChange: () => void }): ReactNode {
  const me = useMe();
  // Names of the practice's own questionnaires come from its catalogue.
  usePracticeCatalogue();
  if (checkins.length === 0) return null;
  const byDue = [...checkins].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return (
    <section className="card" aria-labelledby="checkins-heading">
      <div className="card__head">
        <h2 id="checkins-heading">Check-ins</h2>
      </div>
      <ul className="checkin-list">
        {byDue.map((checkin) => (
          <li
            key={checkin.id}
            className="checkin-list__item"
            aria-label={`Check-in due ${formatTimestamp(checkin.dueAt, me.practice.timeZone)}`}
          >
            <div className="checkin-list__summary">
              <span className={stateBadgeClass(checkin.state)}>{STATE_LABELS[checkin.state]}</span>
              <span>
                {daysAfterLabel(checkin.offsetDays)} · due {formatTimestamp(checkin.dueAt, me.practice.timeZone)}
              </span>
              <span className="muted">{checkin.measureCodes.map(measureName).join(", ")}</span>
              {checkin.rescheduledToId ? <span className="muted">· rescheduled</span> : null}
            </div>
            <CheckinActions checkin={checkin} onChange={onChange} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** An answered check-in on the timeline: each answer, and the change against the session's pre-treatment values. */
export function CheckinTimelineEntry({ checkin, pre }: { checkin: Checkin; pre: MeasurePair | null }): ReactNode {
  const me = useMe();
  usePracticeCatalogue();
  const latest = checkin.versions[0];
  if (!latest || !checkin.answeredAt) return null;
  const answers = Object.entries(latest.answers as Record<string, StoredAnswer>);
  return (
    <li className="timeline__item timeline__item--checkin">
      <div className="timeline__when">{formatTimestamp(checkin.answeredAt, me.practice.timeZone)}</div>
      <div className="timeline__body">
        <div className="timeline__title">
          <strong>Check-in answered</strong>{" "}
          <span className="muted">· {checkin.offsetDays === 0 ? "same day as" : daysAfterLabel(checkin.offsetDays)} the session</span>
        </div>
        <ul className="plain-list">
          {answers.map(([code, answer]) => {
            const change = pre ? describeChange(code, answer, pre) : null;
            return (
              <li key={code}>
                {describeAnswer(code, answer)}
                {change ? <div className="checkin-change">{change}</div> : null}
              </li>
            );
          })}
        </ul>
      </div>
    </li>
  );
}
