import { useState, type ReactNode } from "react";
import { errorMessage } from "../api";
import { clinicalApi } from "../clinical/api";
import { SelectField } from "../components/Field";
import { ErrorMessage, Loading } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { experimentsApi } from "../experiments/api";
import { formatTimestamp } from "../format";
import { Link, navigate } from "../router";
import { useMe } from "../session";
import type { Client } from "../types";
import { reportsApi } from "./api";
import "./reports.css";

const SINGLE_CASE = new Set(["single-case-ab", "single-case-abab"]);

/** What a new report writes up: `complaint:<id>`, `experiment:<id>` or every session. */
function sourceBody(source: string): { complaintId?: string; experimentId?: string } {
  if (source.startsWith("complaint:")) return { complaintId: source.slice("complaint:".length) };
  if (source.startsWith("experiment:")) return { experimentId: source.slice("experiment:".length) };
  return {};
}

/** The client's "Case reports" tab: consent status, the reports so far and a new one. */
export function ClientCaseReports({ client }: { client: Client }): ReactNode {
  const me = useMe();
  const { state, reload } = useAsync(
    () =>
      Promise.all([reportsApi.list(client.id), clinicalApi.complaints(client.id), experimentsApi.list()]).then(
        ([reports, complaints, experiments]) => ({
          reports: reports.reports,
          complaints: complaints.complaints,
          experiments: experiments.experiments.filter((e) => SINGLE_CASE.has(e.design) && e.status !== "draft"),
        }),
      ),
    client.id,
  );
  const [source, setSource] = useState("all");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const consent = client.consents.anonymisedCaseReports;

  if (state.status === "error" && !state.data) return <ErrorMessage message={state.message} onRetry={reload} />;
  if (!state.data) return <Loading label="Loading case reports…" />;
  const { reports, complaints, experiments } = state.data;
  const options = [
    { value: "all", label: "All of the client's sessions" },
    ...complaints.map((c) => ({ value: `complaint:${c.id}`, label: `Episode: ${c.title}` })),
    ...experiments.map((e) => ({ value: `experiment:${e.id}`, label: `Single-case experiment: ${e.title}` })),
  ];

  function create(): void {
    setBusy(true);
    setError(null);
    reportsApi
      .create(client.id, sourceBody(source))
      .then(({ report }) => navigate(`/case-reports/${encodeURIComponent(report.id)}`))
      .catch((err: unknown) => {
        setError(errorMessage(err));
        setBusy(false);
      });
  }

  return (
    <>
      <div className={`report-consent ${consent.granted ? "report-consent--ok" : "report-consent--missing"}`} role="status">
        <strong>{consent.granted ? "Consent given" : "No consent"}</strong>
        <span>
          {consent.granted
            ? "The client consented to anonymised use of their data in case reports."
            : "The client has not consented to anonymised use of their data. You can draft a report, but not print or download it until consent is recorded on the Profile tab."}
        </span>
      </div>
      <section className="card" aria-labelledby="new-report-heading">
        <h2 id="new-report-heading">New case report</h2>
        <p className="muted">
          An anonymised write-up for a blog post, a talk or a journal: no name, contact details or dates, only the structured record and
          your own text.
        </p>
        <div className="report-create">
          <SelectField label="Write up" value={source} options={options} onChange={(event) => setSource(event.target.value)} />
          <button type="button" className="button button--primary" disabled={busy} onClick={create}>
            {busy ? "Creating…" : "Create report"}
          </button>
        </div>
        <ErrorMessage message={error} />
      </section>
      <section className="card" aria-labelledby="reports-heading">
        <h2 id="reports-heading">Case reports</h2>
        {reports.length === 0 ? (
          <p className="muted">No case reports yet.</p>
        ) : (
          <ul className="report-list">
            {reports.map((report) => (
              <li key={report.id}>
                <Link to={`/case-reports/${encodeURIComponent(report.id)}`}>{report.title}</Link>
                <span className="muted">
                  {report.source === "experiment" ? "Experiment" : "Episode"} · updated{" "}
                  {formatTimestamp(report.updatedAt, me.practice.timeZone)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
