import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../platform/context.js";
import { parseQuery } from "../platform/validation.js";
import { listAuditQuery } from "./schema.js";
import * as service from "./service.js";

/** The practice's audit log, for its owners. Mounted behind requirePractitioner. */
export function auditRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/audit", async (c) => c.json(await service.listAuditEvents(deps, c.get("actor"), parseQuery(c, listAuditQuery))));
  return app;
}
