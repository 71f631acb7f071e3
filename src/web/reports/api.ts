import type { CaseReportSummaryView, CaseReportView } from "../../reports/schema.js";
import { request } from "../api";

const enc = encodeURIComponent;

/** The case-report endpoints; print and zip are plain addresses the browser opens with its cookie. */
export const reportsApi = {
  list: (clientId: string) => request<{ reports: CaseReportSummaryView[] }>("GET", `/api/clients/${enc(clientId)}/case-reports`),
  create: (clientId: string, input: { experimentId?: string; complaintId?: string }) =>
    request<{ report: CaseReportView }>("POST", `/api/clients/${enc(clientId)}/case-reports`, input),
  get: (id: string) => request<{ report: CaseReportView }>("GET", `/api/case-reports/${enc(id)}`),
  update: (id: string, version: number, input: { title: string; narrative: string }) =>
    request<{ report: CaseReportView }>("PUT", `/api/case-reports/${enc(id)}`, { ...input, version }),
};

export function printUrl(id: string, paper: "a4" | "letter"): string {
  return `/api/case-reports/${enc(id)}/print?paper=${paper}`;
}

export function zipUrl(id: string): string {
  return `/api/case-reports/${enc(id)}/export.zip`;
}

/** A chart's SVG as an image address; an <img> never runs anything inside the SVG. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
