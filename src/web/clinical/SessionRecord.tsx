import type { ReactNode } from "react";
import { ErrorMessage, Loading } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { formatTimestamp } from "../format";
import { useMe } from "../session";
import { clinicalApi } from "./api";
import { BodyMap } from "./BodyMap";
import { describeStep } from "./StepList";
import type { Complaint, FindingInput, MeasurePair, Session, Vocabulary } from "./types";
import { QUALITY_CODES } from "./types";
import { gradesByRegion, nameOf, regionLabel } from "./vocabulary";

function measure(value: number | null): string {
  return value === null ? "—" : String(value);
}

/** "pain 6 → 2, tightness 8 → 3" */
export function describeMeasures(measures: { pre: MeasurePair; post: MeasurePair }): string {
  const parts: string[] = [];
  for (const key of ["pain", "tightness"] as const) {
    const { [key]: pre } = measures.pre;
    const { [key]: post } = measures.post;
    if (pre !== null || post !== null) parts.push(`${key} ${measure(pre)} → ${measure(post)}`);
  }
  return parts.join(", ");
}

/** "Right rectus femoris, distal third: tension marked, texture marked (crunchy)" */
export function describeFinding(finding: FindingInput, vocabulary: Vocabulary): string {
  const region = vocabulary.regions.find((r) => r.code === finding.regionCode) ?? { name: finding.regionCode };
  const graded = QUALITY_CODES.filter((code) => finding.qualities[code] !== null).map((code) => {
    const grade = finding.qualities[code] ?? 0;
    const qualityName = nameOf(vocabulary.qualities, code).toLowerCase();
    const descriptor = code === "texture" && finding.textureDescriptor ? ` (${finding.textureDescriptor})` : "";
    return `${qualityName} ${vocabulary.grades[grade] ?? grade}${descriptor}`;
  });
  if (finding.textureDescriptor && finding.qualities.texture === null) graded.push(`feels ${finding.textureDescriptor}`);
  return `${regionLabel(region, finding.side)}${graded.length ? `: ${graded.join(", ")}` : ""}${finding.note ? ` — ${finding.note}` : ""}`;
}

/** A signed session, read-only. */
export function SessionRecord({
  session,
  vocabulary,
  complaints,
}: {
  session: Session;
  vocabulary: Vocabulary;
  complaints: Complaint[];
}): ReactNode {
  const me = useMe();
  const titles = session.complaintIds.map((id) => complaints.find((c) => c.id === id)?.title ?? "Complaint");
  return (
    <div className="session-record">
      <section className="card">
        <dl className="dl">
          <div className="dl__row">
            <dt>When</dt>
            <dd>{formatTimestamp(session.startedAt, me.practice.timeZone)}</dd>
          </div>
          <div className="dl__row">
            <dt>Practitioner</dt>
            <dd>{session.practitioner.name}</dd>
          </div>
          <div className="dl__row">
            <dt>Complaints</dt>
            <dd>{titles.length ? titles.join(", ") : "—"}</dd>
          </div>
          <div className="dl__row">
            <dt>Measures</dt>
            <dd>{describeMeasures(session.measures) || "—"}</dd>
          </div>
          <div className="dl__row">
            <dt>Written by</dt>
            <dd>{session.practitioner.name}</dd>
          </div>
          <div className="dl__row">
            <dt>Signed</dt>
            <dd>
              {session.signedAt ? formatTimestamp(session.signedAt, me.practice.timeZone) : "—"}
              {session.signedBy ? ` by ${session.signedBy.name}` : ""}
              {session.signedBy?.reason ? ` on behalf of ${session.practitioner.name} (${session.signedBy.reason})` : ""}
              {session.amendments > 0 ? ` · ${session.amendments} amendment${session.amendments === 1 ? "" : "s"}` : ""}
            </dd>
          </div>
        </dl>
      </section>
      <section className="card session-record__findings">
        <h2>Findings</h2>
        <div className="session-record__split">
          <BodyMap
            regions={vocabulary.regions}
            mode="show"
            grades={gradesByRegion(session.findings)}
            label="Findings of this session"
            gradeNames={vocabulary.grades}
          />
          <ul className="plain-list">
            {session.findings.length === 0 ? <li className="muted">No findings recorded.</li> : null}
            {session.findings.map((finding) => (
              <li key={finding.id}>{describeFinding(finding, vocabulary)}</li>
            ))}
          </ul>
        </div>
      </section>
      <section className="card">
        <h2>Treatment</h2>
        {session.protocol ? (
          <p>
            Protocol: <strong>{session.protocol.name}</strong> v{session.protocol.version}
          </p>
        ) : (
          <p className="muted">No protocol.</p>
        )}
        {session.deviation.length > 0 ? (
          <div className="deviation" role="note" aria-label="Deviation from the protocol">
            <strong>Differs from the protocol:</strong>
            <ul>
              {session.deviation.map((sentence) => (
                <li key={sentence}>{sentence}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <ol>
          {session.steps.map((step) => (
            <li key={step.id}>{describeStep(step, vocabulary)}</li>
          ))}
        </ol>
      </section>
      {session.soap.s || session.soap.o || session.soap.a || session.soap.p || session.advice ? (
        <section className="card">
          <h2>Notes</h2>
          <dl className="dl">
            {(
              [
                ["Subjective", session.soap.s],
                ["Objective", session.soap.o],
                ["Assessment", session.soap.a],
                ["Plan", session.soap.p],
                ["Advice", session.advice],
              ] as const
            )
              .filter(([, text]) => text)
              .map(([label, text]) => (
                <div className="dl__row" key={label}>
                  <dt>{label}</dt>
                  <dd className="prewrap">{text}</dd>
                </div>
              ))}
          </dl>
        </section>
      ) : null}
    </div>
  );
}

const KIND_LABEL = { created: "Created", edited: "Edited", signed: "Signed", amended: "Amended" } as const;

/** Who created, edited, signed and amended the note, and why. */
export function SessionHistory({ sessionId }: { sessionId: string }): ReactNode {
  const me = useMe();
  const { state, reload } = useAsync(() => clinicalApi.sessionHistory(sessionId), sessionId);
  return (
    <section className="card" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {state.status === "error" ? <ErrorMessage message={state.message} onRetry={reload} /> : null}
      {!state.data ? (
        state.status === "loading" ? (
          <Loading label="Loading history…" />
        ) : null
      ) : (
        <ol className="history">
          {state.data.revisions.map((revision) => (
            <li key={revision.revision}>
              <strong>{KIND_LABEL[revision.kind]}</strong> {formatTimestamp(revision.at, me.practice.timeZone)} by {revision.by}
              {revision.reason ? <> — “{revision.reason}”</> : null}
              {revision.changedFields.length ? <span className="muted"> ({revision.changedFields.join(", ")})</span> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
