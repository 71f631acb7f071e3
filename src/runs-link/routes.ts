import { Hono } from "hono";
import { audit } from "../audit/declare.js";
import type { AppDeps, AppEnv } from "../platform/context.js";
import { RUNS_LINK_LIMITS } from "./limits.js";
import { issueRunsLink, revokeRunsLinks, runsLinkStatus, type RunsLinkDeps } from "./service.js";

/** The practice's side of the client's "send your runs" link: make one, revoke them, see what came. */
export function runsLinkApiRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const runs: RunsLinkDeps = {
    database: deps.database,
    clock: deps.clock,
    blobs: deps.blobs,
    baseUrl: deps.config.baseUrl,
    limits: deps.config.runsLinkLimits ?? RUNS_LINK_LIMITS,
  };

  app.get("/clients/:id/runs-link", async (c) => {
    audit(c, { clientId: c.req.param("id") });
    return c.json(await runsLinkStatus(runs, c.get("actor"), c.req.param("id")));
  });

  /** A new link; its token is in this answer only (the database keeps its hash). */
  app.post("/clients/:id/runs-link", async (c) => {
    const actor = c.get("actor");
    audit(c, { clientId: c.req.param("id") });
    return c.json(await issueRunsLink(runs, actor, c.req.param("id"), actor.practitionerId), 201);
  });

  app.delete("/clients/:id/runs-link", async (c) => {
    audit(c, { clientId: c.req.param("id") });
    return c.json(await revokeRunsLinks(runs, c.get("actor"), c.req.param("id")));
  });

  return app;
}
