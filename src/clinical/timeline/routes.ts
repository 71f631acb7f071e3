import { Hono } from "hono";
import { audit } from "../../audit/declare.js";
import type { AppDeps, AppEnv } from "../../platform/context.js";
import { parseQuery } from "../../platform/validation.js";
import { timelineQuery } from "./schema.js";
import { clientTimeline } from "./service.js";

export function timelineRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/clients/:id/timeline", async (c) => {
    const query = parseQuery(c, timelineQuery);
    audit(c, { clientId: c.req.param("id") });
    return c.json(await clientTimeline(deps, c.get("actor"), c.req.param("id"), query));
  });
  return app;
}
