import { useState, type ReactNode } from "react";
import { checkinApi, type Checkin } from "../checkins/api";
import { CheckinSchedule, CheckinTimelineEntry } from "../checkins/ClientCheckins";
import { ScoreCharts } from "../checkins/ScoreCharts";
import { ErrorMessage, Loading } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { formatCalendarDate, formatDateOf, formatTimestamp } from "../format";
import { Link, navigate, useLocation } from "../router";
import { labelName } from "../../shared/labels";
import { useMe } from "../session";
import type { Client } from "../types";
import { clinicalApi } from "./api";
import { BodyMap, GradeLegend } from "./BodyMap";
import { ComplaintsPanel } from "./ComplaintsPanel";
import { describeFinding, describeMeasures } from "./SessionRecord";
import { describeStep } from "./StepList";
import type { Session, TimelineItem, Vocabulary } from "./types";
import { gradesByRegion, useVocabulary } from "./vocabulary";

async function loadTimeline(clientId: string, complaintId: string) {
  const [{ complaints }, { items }, { checkins }] = await Promise.all([
    clinicalApi.complaints(clientId),
    clinicalApi.timeline(clientId, complaintId || undefined),
    checkinApi.forClient(clientId),
  ]);
  return { complaints, items, checkins };
}

type Entry = { kind: "item"; at: string; item: TimelineItem } | { kind: "checkin"; at: string; checkin: Checkin };

/** Timeline items and answered check-ins (of the sessions shown), newest first. */
function mergeEntries(items: TimelineItem[], checkins: Checkin[], sessionIds: ReadonlySet<string>): Entry[] {
  const entries: Entry[] = items.map((item) => ({ kind: "item", at: item.at, item }));
  for (const checkin of checkins) {
    if (checkin.answeredAt && sessionIds.has(checkin.sessionId)) entries.push({ kind: "checkin", at: checkin.answeredAt, checkin });
  }
  return entries.sort((a, b) => b.at.localeCompare(a.at));
}

/** A client's sessions, complaint onsets and training weeks on one axis, newest first. */
export function TimelineTab({ client }: { client: Client }): ReactNode {
  const { search } = useLocation();
  const complaintId = search.get("complaint") ?? "";
  const { state, reload } = useAsync(() => loadTimeline(client.id, complaintId), `${client.id}/${complaintId}`);
  const vocab = useVocabulary();
  const base = `/clients/${encodeURIComponent(client.id)}`;

  if (vocab.state.status === "error") return <ErrorMessage message={vocab.state.message} onRetry={vocab.retry} />;
  if (state.status === "error" && !state.data) return <ErrorMessage message={state.message} onRetry={reload} />;
  if (!state.data || vocab.state.status === "loading") return <Loading label="Loading timeline…" />;
  const vocabulary = vocab.state.vocabulary;
  const { complaints, items, checkins } = state.data;
  const sessions = items.flatMap((item) => (item.kind === "session" ? [item.session] : []));
  const sessionById = new Map(sessions.map((session) => [session.id, session]));
  const entries = mergeEntries(items, checkins, new Set(sessionById.keys()));

  return (
    <div className={state.status === "loading" ? "timeline-tab is-busy" : "timeline-tab"}>
      <ComplaintsPanel clientId={client.id} complaints={complaints} vocabulary={vocabulary} onChange={reload} />
      <CheckinSchedule checkins={checkins} onChange={reload} />
      <ScoreCharts checkins={checkins} />
      <FindingsMap sessions={sessions} vocabulary={vocabulary} />
      <section aria-labelledby="timeline-heading">
        <div className="timeline-filter">
          <h2 id="timeline-heading">Timeline</h2>
          <label>
            <span>Show complaint</span>
            <select
              value={complaintId}
              onChange={(e) =>
                navigate(`${base}/timeline${e.target.value ? `?complaint=${encodeURIComponent(e.target.value)}` : ""}`, { replace: true })
              }
            >
              <option value="">All (with training)</option>
              {complaints.map((complaint) => (
                <option key={complaint.id} value={complaint.id}>
                  {complaint.title}
                </option>
              ))}
            </select>
          </label>
        </div>
        {items.length === 0 ? <p className="empty">Nothing recorded yet. Start with “New session”.</p> : null}
        <ol className="timeline">
          {entries.map((entry) =>
            entry.kind === "item" ? (
              <TimelineEntry key={itemKey(entry.item)} item={entry.item} vocabulary={vocabulary} base={base} />
            ) : (
              <CheckinTimelineEntry
                key={`k-${entry.checkin.id}`}
                checkin={entry.checkin}
                pre={sessionById.get(entry.checkin.sessionId)?.measures.pre ?? null}
              />
            ),
          )}
        </ol>
      </section>
    </div>
  );
}

function itemKey(item: TimelineItem): string {
  switch (item.kind) {
    case "session":
      return `s-${item.session.id}`;
    case "complaint_onset":
      return `c-${item.complaint.id}`;
    case "training_week":
      return `w-${item.week.weekStart}`;
  }
}

function TimelineEntry({ item, vocabulary, base }: { item: TimelineItem; vocabulary: Vocabulary; base: string }): ReactNode {
  const me = useMe();
  switch (item.kind) {
    case "session": {
      const { session } = item;
      const measures = describeMeasures(session.measures);
      return (
        <li className="timeline__item timeline__item--session">
          <div className="timeline__when">{formatDateOf(session.startedAt, me.practice.timeZone)}</div>
          <div className="timeline__body">
            <div className="timeline__title">
              <Link to={`${base}/sessions/${encodeURIComponent(session.id)}`}>
                Session {formatTimestamp(session.startedAt, me.practice.timeZone)}
              </Link>
              <span className={`badge ${session.status === "signed" ? "badge--ok" : "badge--warn"}`}>
                {session.status === "signed" ? "Signed" : "Draft"}
              </span>
              {session.protocol ? (
                <span className="muted">
                  {" "}
                  · {session.protocol.name} v{session.protocol.version}
                </span>
              ) : null}
            </div>
            {measures ? <p className="timeline__measures">{measures}</p> : null}
            {session.findings.length ? (
              <ul className="plain-list">
                {session.findings.map((finding) => (
                  <li key={finding.id}>{describeFinding(finding, vocabulary)}</li>
                ))}
              </ul>
            ) : null}
            {session.steps.length ? (
              <ol className="plain-list timeline__steps" aria-label="Treatment">
                {session.steps.map((step) => (
                  <li key={step.id}>{describeStep(step, vocabulary)}</li>
                ))}
              </ol>
            ) : null}
          </div>
        </li>
      );
    }
    case "complaint_onset":
      return (
        <li className="timeline__item timeline__item--onset">
          <div className="timeline__when">{formatCalendarDate(item.at.slice(0, 10))}</div>
          <div className="timeline__body">
            <strong>Onset: {item.complaint.title}</strong>
            {item.complaint.triggers.length ? <span className="muted"> · triggers: {item.complaint.triggers.join(", ")}</span> : null}
          </div>
        </li>
      );
    case "training_week": {
      const { week } = item;
      const labels = Object.entries(week.labelCounts)
        .filter(([, count]) => count > 0)
        .map(([label, count]) => `${count}× ${labelName(label).toLowerCase()}`);
      return (
        <li className="timeline__item timeline__item--week">
          <div className="timeline__when">Week of {formatCalendarDate(week.weekStart)}</div>
          <div className="timeline__body muted">
            {(week.distanceM / 1000).toFixed(1)} km in {week.activities} run{week.activities === 1 ? "" : "s"}
            {week.rampPct !== null ? ` · ramp ${week.rampPct > 0 ? "+" : ""}${Math.round(week.rampPct)}%` : ""}
            {labels.length ? ` · ${labels.join(", ")}` : ""}
          </div>
        </li>
      );
    }
  }
}

/** The latest session's findings on the body map, optionally beside an earlier session's. */
function FindingsMap({ sessions, vocabulary }: { sessions: Session[]; vocabulary: Vocabulary }): ReactNode {
  const me = useMe();
  const withFindings = sessions.filter((session) => session.findings.length > 0);
  const [shownId, setShownId] = useState<string>("");
  const [compareId, setCompareId] = useState<string>("");
  if (withFindings.length === 0) return null;
  const shown = withFindings.find((s) => s.id === shownId) ?? withFindings[0];
  const compared = withFindings.find((s) => s.id === compareId && s.id !== shown?.id);
  if (!shown) return null;
  const dateOf = (session: Session): string => formatDateOf(session.startedAt, me.practice.timeZone);
  const options = withFindings.map((session) => (
    <option key={session.id} value={session.id}>
      {dateOf(session)}
    </option>
  ));
  return (
    <section className="card" aria-labelledby="findings-map-heading">
      <div className="card__head">
        <h2 id="findings-map-heading">Findings on the body</h2>
        <div className="compare-controls">
          <label>
            <span>Show</span>
            <select value={shown.id} onChange={(e) => setShownId(e.target.value)}>
              {options}
            </select>
          </label>
          <label>
            <span>Compare with</span>
            <select value={compared?.id ?? ""} onChange={(e) => setCompareId(e.target.value)}>
              <option value="">—</option>
              {options}
            </select>
          </label>
        </div>
      </div>
      <div className={compared ? "compare compare--two" : "compare"}>
        {[shown, ...(compared ? [compared] : [])].map((session) => (
          <div key={session.id} className="compare__panel">
            <h3>{dateOf(session)}</h3>
            <BodyMap
              regions={vocabulary.regions}
              mode="show"
              grades={gradesByRegion(session.findings)}
              label={`Findings on ${dateOf(session)}`}
              gradeNames={vocabulary.grades}
              hideLegend
            />
          </div>
        ))}
      </div>
      <GradeLegend gradeNames={vocabulary.grades} />
    </section>
  );
}
