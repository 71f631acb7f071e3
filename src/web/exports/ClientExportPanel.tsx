import type { ReactNode } from "react";
import type { Client } from "../types";
import { clientArchiveUrl, clientFhirUrl } from "./links";
import "./exports.css";

/** Downloads of one client's record: the FHIR bundle for another system, or everything as a zip. */
export function ClientExportPanel({ client }: { client: Client }): ReactNode {
  return (
    <section className="card" aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <p className="muted">
        Each download is recorded in the practice's audit log. The zip holds the FHIR bundle, this client's CSV files and their training
        files as uploaded.
      </p>
      <ul className="export-links">
        <li>
          <a className="button button--secondary" href={clientFhirUrl(client.id)} download>
            FHIR bundle (JSON)
          </a>
        </li>
        <li>
          <a className="button button--secondary" href={clientArchiveUrl(client.id)} download>
            Everything (zip)
          </a>
        </li>
      </ul>
    </section>
  );
}
