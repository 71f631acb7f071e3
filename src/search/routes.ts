import { Hono } from "hono";
import { audit } from "../audit/declare.js";
import type { AppDeps, AppEnv } from "../platform/context.js";
import { parseQuery } from "../platform/validation.js";
import { searchQuery } from "./schema.js";
import * as service from "./service.js";

/** GET /api/search?q=: the practice's clients, complaints, session notes and protocols. */
export function searchRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/search", async (c) => {
    audit(c, { clientId: null });
    return c.json(await service.search(deps, c.get("actor"), parseQuery(c, searchQuery)));
  });
  return app;
}
