import { useState, type ReactNode } from "react";
import type { CaseReportView } from "../../reports/schema.js";
import { isNotFound } from "../api";
import { TextAreaField, TextField } from "../components/Field";
import { ErrorMessage, Loading, SuccessMessage } from "../components/Status";
import { useAsync } from "../components/useAsync";
import { useFormSubmit } from "../components/useFormSubmit";
import { useTitle } from "../components/useTitle";
import { NotFoundPage } from "../pages/NotFoundPage";
import { Link } from "../router";
import { printUrl, reportsApi, zipUrl } from "./api";
import { CollapsibleSection, SectionIndex } from "../components/Sections";
import { ReportDocumentView, reportSectionId } from "./ReportDocumentView";
import "./reports.css";

/** `/case-reports/:id`: edit the title and narrative, check consent, preview, print and download. */
export function CaseReportPage({ id }: { id: string }): ReactNode {
  const { state, reload, setData } = useAsync(() => reportsApi.get(id), id);
  const report = state.data?.report;
  useTitle(report ? `Case report · ${report.title}` : "Case report");
  if (state.status === "error" && !report) {
    if (isNotFound(state.error)) return <NotFoundPage what="There is no case report at this address." />;
    return <ErrorMessage message={state.message} onRetry={reload} />;
  }
  if (!report) return <Loading label="Loading case report…" />;
  return <CaseReport key={report.id} report={report} onSaved={(updated) => setData({ report: updated })} />;
}

function ConsentBanner({ report }: { report: CaseReportView }): ReactNode {
  if (report.consent.granted) {
    return (
      <div className="report-consent report-consent--ok" role="status">
        <strong>Consent given</strong>
        {/* No date here: the page shows nothing that could date the client's episode. */}
        <span>The client consented to anonymised use of their data in case reports (recorded on their profile).</span>
      </div>
    );
  }
  return (
    <div className="report-consent report-consent--missing" role="alert">
      <strong>No consent</strong>
      <span>
        The client has not consented to anonymised use of their data in case reports, so this report cannot be printed or downloaded. Record
        their consent on the <Link to={`/clients/${encodeURIComponent(report.clientId)}`}>client&apos;s profile</Link> first.
      </span>
    </div>
  );
}

function ExportActions({ report, dirty }: { report: CaseReportView; dirty: boolean }): ReactNode {
  const reason = dirty ? "Save your changes first: exports use the saved text." : report.blockedReason;
  const actions = [
    { label: "Print (A4)", href: printUrl(report.id, "a4"), download: false },
    { label: "Print (Letter)", href: printUrl(report.id, "letter"), download: false },
    { label: "Download Markdown (zip)", href: zipUrl(report.id), download: true },
  ];
  return (
    <section className="card report-actions" aria-labelledby="report-actions-heading">
      <h2 id="report-actions-heading">Print and download</h2>
      <div className="report-actions__buttons">
        {actions.map((action) =>
          reason ? (
            <button key={action.label} type="button" className="button button--secondary" disabled aria-describedby="report-blocked">
              {action.label}
            </button>
          ) : (
            <a
              key={action.label}
              className="button button--secondary"
              href={action.href}
              {...(action.download ? { download: "" } : { target: "_blank", rel: "noopener" })}
            >
              {action.label}
            </a>
          ),
        )}
      </div>
      {reason ? (
        <p className="report-actions__reason" id="report-blocked">
          {reason}
        </p>
      ) : (
        <p className="muted">Each print and download is recorded in the practice&apos;s audit log.</p>
      )}
    </section>
  );
}

function problemText(findings: CaseReportView["problems"]["title"]): string | undefined {
  if (findings.length === 0) return undefined;
  return `Remove before exporting: ${findings.map((f) => `“${f.text}” (${f.kind === "name" ? "the client's name" : f.kind === "date" ? "a calendar date" : f.kind === "email" ? "an e-mail address" : "a phone number"})`).join(", ")}`;
}

function CaseReport({ report, onSaved }: { report: CaseReportView; onSaved: (report: CaseReportView) => void }): ReactNode {
  const [title, setTitle] = useState(report.title);
  const [narrative, setNarrative] = useState(report.narrative);
  const [notice, setNotice] = useState<string | null>(null);
  const form = useFormSubmit();
  const dirty = title !== report.title || narrative !== report.narrative;

  function save(): void {
    setNotice(null);
    form.submit(async () => {
      const { report: updated } = await reportsApi.update(report.id, report.version, { title, narrative });
      onSaved(updated);
      setNotice("Saved.");
    });
  }

  return (
    <>
      <Link to={`/clients/${encodeURIComponent(report.clientId)}/case-reports`} className="back-link">
        ← Case reports
      </Link>
      <div className="page-header">
        <div>
          <h1>{report.title}</h1>
          <p className="muted">Anonymised case report{report.experimentId ? " of a single-case experiment" : " of an episode"}</p>
        </div>
      </div>
      <ConsentBanner report={report} />
      <SectionIndex
        sections={[
          { id: "report-actions-heading", title: "Print and download" },
          { id: "report-text-heading", title: "Your text" },
          { id: "report-preview-heading", title: "Preview" },
          ...report.document.sections.map((section, index) => ({ id: reportSectionId(index), title: section.heading })),
        ]}
      />
      <ExportActions report={report} dirty={dirty} />
      <CollapsibleSection id="report-text-heading" title="Your text">
        <p className="muted">
          Write about what you noticed and why you changed the treatment. Leave out names, contact details and dates: count days from the
          first session instead (&ldquo;on day 16&rdquo;).
        </p>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          <TextField
            label="Title"
            value={title}
            required
            maxLength={200}
            onChange={(event) => setTitle(event.target.value)}
            error={form.errors.title ?? (dirty ? undefined : problemText(report.problems.title))}
          />
          <TextAreaField
            label="Narrative"
            value={narrative}
            rows={12}
            onChange={(event) => setNarrative(event.target.value)}
            hint="Paragraphs are separated by a blank line."
            error={form.errors.narrative ?? (dirty ? undefined : problemText(report.problems.narrative))}
          />
          <ErrorMessage message={form.error} />
          <SuccessMessage message={notice} />
          <div className="form-actions form-actions--start">
            <button type="submit" className="button button--primary" disabled={form.busy || !dirty}>
              {form.busy ? "Saving…" : "Save"}
            </button>
          </div>
        </form>
      </CollapsibleSection>
      <CollapsibleSection id="report-preview-heading" title="Preview">
        <p className="muted">Exactly what is printed and exported (from the saved text). Only structured data from the record appears.</p>
        <ReportDocumentView document={report.document} charts={report.charts} />
      </CollapsibleSection>
    </>
  );
}
