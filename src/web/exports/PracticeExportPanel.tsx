import type { ReactNode } from "react";
import { useCan } from "../session";
import { CSV_EXPORTS, csvUrl } from "./links";
import "./exports.css";

/** The practice's records as spreadsheets: every client, one file per kind of record. */
export function PracticeExportPanel({ practiceName }: { practiceName: string }): ReactNode {
  const allowed = useCan();
  // The server refuses these downloads to assistants (403 naming the action).
  if (!allowed("practice.export")) {
    return (
      <section className="card" aria-labelledby="practice-export-heading">
        <h2 id="practice-export-heading">Export</h2>
        <p className="muted">Exports of the whole practice are for owners and therapists.</p>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="practice-export-heading">
      <h2 id="practice-export-heading">Export</h2>
      <p className="muted">
        All of {practiceName}'s records as CSV files that open in a spreadsheet. Each download is recorded in the audit log.
      </p>
      <ul className="export-links">
        {CSV_EXPORTS.map((item) => (
          <li key={item.kind}>
            <a className="button button--secondary" href={csvUrl(item.kind)} download>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
