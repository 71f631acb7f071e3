import { Hono } from "hono";
import { audit } from "../audit/declare.js";
import type { AppDeps, AppEnv } from "../platform/context.js";
import { parseJsonBody, parseVersionedJsonBody, parseQuery } from "../platform/validation.js";
import { experimentResultsFor, type HeavyReads } from "../experiments/heavy-pages.js";
import { printStylesheet } from "./print.js";
import type { ReportDeps } from "./record.js";
import { createCaseReportRequest, printQuery, updateCaseReportRequest } from "./schema.js";
import { createCaseReport, exportCaseReportZip, getCaseReport, listCaseReports, printCaseReport, updateCaseReport } from "./service.js";

/**
 * Anonymised case reports: a client's list, create, read, edit, the Markdown zip and the print
 * page. Print and download are refused without the client's consent (409) or while the title or
 * narrative identifies them (422).
 */
export function caseReportRoutes(deps: AppDeps, heavyReads?: HeavyReads): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const reportDeps: ReportDeps = {
    database: deps.database,
    clock: deps.clock,
    blobs: deps.blobs,
    // A single-case experiment's results come from the heavy-read workers, as on its own page.
    experimentResults: (scope, experimentId) => experimentResultsFor(deps, heavyReads, scope, experimentId),
  };

  app.get("/clients/:id/case-reports", async (c) => {
    audit(c, { clientId: c.req.param("id") });
    return c.json({ reports: await listCaseReports(reportDeps, c.get("actor"), c.req.param("id")) });
  });

  app.post("/clients/:id/case-reports", async (c) => {
    const input = await parseJsonBody(c, createCaseReportRequest);
    const report = await createCaseReport(reportDeps, c.get("actor"), c.req.param("id"), input);
    audit(c, { resourceId: report.id, clientId: report.clientId });
    return c.json({ report }, 201);
  });

  // The print page's stylesheet: the CSP allows only same-origin styles, never inline ones.
  app.get("/case-report-print.css", (c) => {
    const { paper } = parseQuery(c, printQuery);
    c.header("Content-Type", "text/css; charset=utf-8");
    return c.body(printStylesheet(paper));
  });

  app.get("/case-reports/:id", async (c) => {
    const report = await getCaseReport(reportDeps, c.get("actor"), c.req.param("id"));
    audit(c, { resourceId: report.id, clientId: report.clientId });
    return c.json({ report });
  });

  app.put("/case-reports/:id", async (c) => {
    const { version, body } = await parseVersionedJsonBody(c, updateCaseReportRequest);
    const report = await updateCaseReport(reportDeps, c.get("actor"), c.req.param("id"), body, version);
    audit(c, { resourceId: report.id, clientId: report.clientId });
    return c.json({ report });
  });

  app.get("/case-reports/:id/export.zip", async (c) => {
    const download = await exportCaseReportZip(reportDeps, c.get("actor"), c.req.param("id"));
    audit(c, download.audit);
    c.header("Content-Type", "application/zip");
    c.header("Content-Disposition", `attachment; filename="${download.fileName}"`);
    return c.body(download.body);
  });

  app.get("/case-reports/:id/print", async (c) => {
    const { paper } = parseQuery(c, printQuery);
    const printed = await printCaseReport(reportDeps, c.get("actor"), c.req.param("id"), paper);
    audit(c, printed.audit);
    return c.html(printed.html);
  });

  return app;
}
