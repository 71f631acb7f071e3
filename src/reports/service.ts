import yazl from "yazl";
import type { AuditTouched } from "../audit/declare.js";
import { findClient } from "../clients/repository.js";
import { findComplaint } from "../clinical/complaints/repository.js";
import { findEnrolment } from "../experiments/enrolments.js";
import { getExperiment } from "../experiments/views.js";
import { claimVersion, currentVersion } from "../db/concurrency.js";
import { AppError, conflict, notFound, staleVersion, validationFailed, type FieldErrors } from "../platform/errors.js";
import { newId } from "../shared/ids.js";
import type { Actor, PracticeScope } from "../shared/scope.js";
import { anonymise } from "./anonymise.js";
import { buildDocument, defaultNarrative, defaultTitle } from "./document.js";
import { describeFindings, findIdentifiers, type ClientIdentifiers } from "./identifiers.js";
import { toMarkdown } from "./markdown.js";
import { printPage, type Paper } from "./print.js";
import { loadCaseRecord, type ReportDeps } from "./record.js";
import * as repo from "./repository.js";
import type { CaseReportRow } from "./repository.js";
import type { CaseReportSummaryView, CaseReportView, CreateCaseReportRequest, UpdateCaseReportRequest } from "./schema.js";

const CONSENT_MISSING =
  "The client has not consented to anonymised use of their data in case reports. Record their consent on the client's profile before printing or downloading.";

export async function listCaseReports(deps: ReportDeps, scope: PracticeScope, clientId: string): Promise<CaseReportSummaryView[]> {
  const db = deps.database.db;
  if (!(await findClient(db, scope, clientId))) throw notFound("Client");
  return (await repo.listClientCaseReports(db, scope, clientId)).map(toSummary);
}

/**
 * Creates a report of a client's episode (a complaint, or all their sessions) or of their
 * single-case experiment, with a first title and narrative written from structured data only.
 */
export async function createCaseReport(
  deps: ReportDeps,
  actor: Actor,
  clientId: string,
  input: CreateCaseReportRequest,
): Promise<CaseReportView> {
  const db = deps.database.db;
  if (!(await findClient(db, actor, clientId))) throw notFound("Client");
  const fields: FieldErrors = {};
  if (input.complaintId !== undefined) {
    const complaint = await findComplaint(db, actor, input.complaintId);
    if (!complaint || complaint.client_id !== clientId) fields.complaintId = "is not a complaint of this client";
  }
  if (input.experimentId !== undefined) {
    const experiment = await getExperiment(deps, actor, input.experimentId).catch((error: unknown) => {
      if (error instanceof AppError && error.status === 404) return null;
      throw error;
    });
    if (!experiment) fields.experimentId = "is not an experiment of this practice";
    else if (!(await findEnrolment(deps, actor, experiment, clientId))) fields.experimentId = "does not include this client";
    else if (experiment.plan.design !== "single-case-ab" && experiment.plan.design !== "single-case-abab") {
      fields.experimentId = "is not a single-case experiment; a case report writes up one client";
    }
  }
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  const source = { clientId, complaintId: input.complaintId ?? null, experimentId: input.experimentId ?? null };
  const { record } = await loadCaseRecord(deps, actor, source);
  const anonymised = anonymise(record);
  const now = deps.clock.now().toISOString();
  const id = newId();
  await repo.insertCaseReport(db, actor, {
    id,
    client_id: clientId,
    experiment_id: source.experimentId,
    complaint_id: source.complaintId,
    title: defaultTitle(anonymised),
    narrative: defaultNarrative(anonymised),
    created_by: actor.practitionerId,
    created_at: now,
    updated_at: now,
    updated_by: actor.practitionerId,
  });
  return getCaseReport(deps, actor, id);
}

/** Saves the title and narrative, only if the report is still at the version the edit was based on (409 stale_version otherwise). */
export async function updateCaseReport(
  deps: ReportDeps,
  actor: Actor,
  id: string,
  input: UpdateCaseReportRequest,
  version: number,
): Promise<CaseReportView> {
  const db = deps.database.db;
  await db.transaction().execute(async (tx) => {
    if (!(await claimVersion(tx, "case_report", actor, id, version, actor.practitionerId, deps.clock.now().toISOString()))) {
      const current = await currentVersion(tx, "case_report", actor, id);
      if (!current) throw notFound("Case report");
      const row = await repo.findCaseReport(tx, actor, id);
      throw staleVersion(
        "case report",
        current,
        row && { id: row.id, title: row.title, narrative: row.narrative, version: Number(row.version) },
      );
    }
    await repo.updateCaseReport(tx, actor, id, { title: input.title, narrative: input.narrative });
  });
  return getCaseReport(deps, actor, id);
}

/** The report as the app shows it: the anonymised document, the charts, consent and any identifying text. */
export async function getCaseReport(deps: ReportDeps, scope: PracticeScope, id: string): Promise<CaseReportView> {
  return (await buildReport(deps, scope, id)).view;
}

interface BuiltReport {
  view: CaseReportView;
  row: CaseReportRow;
  identifiers: ClientIdentifiers;
}

async function buildReport(deps: ReportDeps, scope: PracticeScope, id: string): Promise<BuiltReport> {
  const row = await repo.findCaseReport(deps.database.db, scope, id);
  if (!row) throw notFound("Case report");
  const { record, client } = await loadCaseRecord(deps, scope, {
    clientId: row.client_id,
    complaintId: row.complaint_id,
    experimentId: row.experiment_id,
  });
  const { document, charts } = buildDocument(anonymise(record), row.title, row.narrative);
  const consent = client.consents.anonymisedCaseReports;
  const problems = { title: findIdentifiers(row.title, record.client), narrative: findIdentifiers(row.narrative, record.client) };
  const blockedReason = !consent.granted
    ? CONSENT_MISSING
    : problems.title.length > 0 || problems.narrative.length > 0
      ? "The title or narrative still contains identifying details; edit them before printing or downloading."
      : null;
  return {
    row,
    identifiers: record.client,
    view: {
      id: row.id,
      clientId: row.client_id,
      experimentId: row.experiment_id,
      complaintId: row.complaint_id,
      title: row.title,
      narrative: row.narrative,
      consent: { granted: consent.granted, on: consent.on },
      problems,
      blockedReason,
      document,
      charts,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      version: Number(row.version),
    },
  };
}

/**
 * Refuses an export without the client's consent (409) or while the therapist's text names them
 * or gives a date (422, naming the field and what was found). As a last check the whole output
 * is scanned, so nothing identifying leaves even if a derived text slipped through.
 */
function assertExportable(built: BuiltReport, output: readonly string[]): void {
  const { view } = built;
  if (!view.consent.granted) throw conflict("consent_required", CONSENT_MISSING);
  const fields: FieldErrors = {};
  if (view.problems.title.length > 0) fields.title = describeFindings(view.problems.title);
  if (view.problems.narrative.length > 0) fields.narrative = describeFindings(view.problems.narrative);
  if (Object.keys(fields).length === 0) {
    // Names were checked in the therapist's text and replaced in derived text; a vocabulary word that
    // happens to be a surname ("hill repeats") must not make a report impossible to export.
    const leaked = output.flatMap((text) => findIdentifiers(text, built.identifiers)).filter((f) => f.kind !== "name");
    if (leaked.length > 0) fields.report = describeFindings(leaked);
  }
  if (Object.keys(fields).length > 0) {
    const [field, problem] = Object.entries(fields)[0] ?? ["report", ""];
    throw new AppError(422, "identifying_details", `The ${field} ${problem}; edit it before exporting`, fields);
  }
}

/** What an export of the report holds, for the route to declare to the audit log: ids, the format and counts. */
function exportAudit(row: CaseReportRow, detail: { format: "zip" | "print" } & Record<string, number | string>): AuditTouched {
  return { resourceId: row.id, clientId: row.client_id, detail };
}

export interface ReportDownload {
  body: ArrayBuffer;
  fileName: string;
  /** Declared by the route; written before the body is sent, and the export is refused if it cannot be. */
  audit: AuditTouched;
}

/** `report.md` and `charts/*.svg` in one zip, ready to paste into a blog. */
export async function exportCaseReportZip(deps: ReportDeps, actor: Actor, id: string): Promise<ReportDownload> {
  const built = await buildReport(deps, actor, id);
  const markdown = toMarkdown(built.view.document);
  assertExportable(built, [markdown, ...built.view.charts.map((c) => c.svg)]);
  const zip = new yazl.ZipFile();
  const options = { mtime: deps.clock.now(), compress: true };
  zip.addBuffer(Buffer.from(markdown, "utf8"), "report.md", options);
  for (const chart of built.view.charts) zip.addBuffer(Buffer.from(chart.svg, "utf8"), chart.file, options);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  const bytes = Buffer.concat(chunks);
  return {
    body: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    fileName: `case-report-${id.slice(0, 8)}.zip`,
    audit: exportAudit(built.row, { format: "zip", charts: built.view.charts.length }),
  };
}

/** The print-ready page for A4 or US Letter. */
export async function printCaseReport(
  deps: ReportDeps,
  actor: Actor,
  id: string,
  paper: Paper,
): Promise<{ html: string; audit: AuditTouched }> {
  const built = await buildReport(deps, actor, id);
  const html = printPage(built.view.document, built.view.charts, paper);
  assertExportable(built, [html]);
  return { html, audit: exportAudit(built.row, { format: "print", paper }) };
}

function toSummary(row: CaseReportRow): CaseReportSummaryView {
  return {
    id: row.id,
    title: row.title,
    source: row.experiment_id ? "experiment" : "episode",
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
