import { Readable } from "node:stream";
import { Hono } from "hono";
import { audit } from "../audit/declare.js";
import type { AppDeps, AppEnv } from "../platform/context.js";
import { parseQuery } from "../platform/validation.js";
import { clientArchive } from "./archive.js";
import { csvExportQuery } from "./schema.js";
import { csvExport, fhirExport } from "./service.js";
import { CSV_KINDS } from "./tables.js";

/**
 * Exports: one client's FHIR bundle and whole-record zip, and the practice's CSVs. The CSV routes
 * are spelled out (`/exports/sessions.csv`, …) rather than `/exports/:kind.csv`, so an unknown
 * kind is simply an unknown route. Each download declares what it holds; the audit middleware
 * writes that event before the body is sent and refuses the download if it cannot.
 */
export function exportRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const exportDeps = { database: deps.database, clock: deps.clock, blobs: deps.blobs };

  app.get("/clients/:id/export/fhir", async (c) => {
    const download = await fhirExport(exportDeps, c.get("actor"), c.req.param("id"));
    audit(c, download.audit);
    c.header("Content-Disposition", download.contentDisposition);
    c.header("Content-Type", download.contentType);
    return c.body(JSON.stringify(download.body, null, 2));
  });

  app.get("/clients/:id/export", async (c) => {
    const download = await clientArchive(exportDeps, c.get("actor"), c.req.param("id"));
    audit(c, download.audit);
    c.header("Content-Disposition", download.contentDisposition);
    c.header("Content-Type", download.contentType);
    return c.body(Readable.toWeb(download.body) as ReadableStream<Uint8Array>);
  });

  for (const kind of CSV_KINDS) {
    app.get(`/exports/${kind}.csv`, async (c) => {
      const { clientId } = parseQuery(c, csvExportQuery);
      const download = await csvExport(exportDeps, c.get("actor"), kind, clientId);
      audit(c, download.audit);
      c.header("Content-Disposition", download.contentDisposition);
      c.header("Content-Type", download.contentType);
      return c.body(download.body);
    });
  }

  return app;
}
