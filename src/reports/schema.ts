import { z } from "zod";
import { requiredText } from "../shared/validators.js";
import type { ChartFile } from "./charts.js";
import type { ReportDocument } from "./document.js";
import type { IdentifierFinding } from "./identifiers.js";
import { PAPERS } from "./print.js";

export const NARRATIVE_MAX_LENGTH = 20_000;

export const createCaseReportRequest = z.strictObject({
  experimentId: z.string({ message: "must be an experiment id" }).min(1, "must be an experiment id").max(100).optional(),
  complaintId: z.string({ message: "must be a complaint id" }).min(1, "must be a complaint id").max(100).optional(),
});
export type CreateCaseReportRequest = z.infer<typeof createCaseReportRequest>;

export const updateCaseReportRequest = z.strictObject({
  title: requiredText(200),
  narrative: z.string({ message: "must be text" }).max(NARRATIVE_MAX_LENGTH, `must be at most ${NARRATIVE_MAX_LENGTH} characters`),
});
export type UpdateCaseReportRequest = z.infer<typeof updateCaseReportRequest>;

export const printQuery = z.strictObject({
  paper: z.enum(PAPERS, { message: `must be one of ${PAPERS.join(", ")}` }).default("a4"),
});

export interface CaseReportSummaryView {
  id: string;
  title: string;
  source: "experiment" | "episode";
  createdAt: string;
  updatedAt: string;
}

export interface ConsentStatusView {
  /** The latest consent event for anonymised case reports decides. */
  granted: boolean;
  /** The day of that event; null when the client was never asked. */
  on: string | null;
}

export interface CaseReportView {
  id: string;
  clientId: string;
  experimentId: string | null;
  complaintId: string | null;
  title: string;
  narrative: string;
  consent: ConsentStatusView;
  /** Identifying details found in the therapist's own text, by field; export is refused while any remain. */
  problems: { title: IdentifierFinding[]; narrative: IdentifierFinding[] };
  /** Why print and download are refused, in a sentence; null when the report can be exported. */
  blockedReason: string | null;
  document: ReportDocument;
  charts: ChartFile[];
  createdAt: string;
  updatedAt: string;
  /** The version an edit must name; +1 with every change. */
  version: number;
}

/** Response shapes built in other files of this module, named here so the web app imports types only from schema.ts. */
export type { ChartFile } from "./charts.js";
export type { Block, ReportDocument } from "./document.js";
