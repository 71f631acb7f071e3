import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../../server/context.js";
import { parseQuery } from "../../server/validation.js";
import { patternsQuery } from "./schema.js";
import { listPatterns } from "./service.js";

/** The practice's training × findings patterns. Takes no id: it reads only the signed-in practice. */
export function patternRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const patterns = { database: deps.database, clock: deps.clock };

  app.get("/patterns", async (c) => {
    const { weeks } = parseQuery(c, patternsQuery);
    return c.json(await listPatterns(patterns, c.get("actor"), { weeks }));
  });

  return app;
}
