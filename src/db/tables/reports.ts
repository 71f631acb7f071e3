import type { Generated } from "kysely";

/** Anonymised case reports (src/reports). */

export interface CaseReportTable {
  id: string;
  practice_id: string;
  client_id: string;
  /** The single-case experiment the report writes up; null for an episode report. */
  experiment_id: string | null;
  /** The complaint (episode) the report is about; null when it covers all of the client's sessions. */
  complaint_id: string | null;
  title: string;
  /** The therapist's own text (Markdown paragraphs); checked for identifying details before export. */
  narrative: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
  updated_by: string | null;
}
