import { Hono } from "hono";
import { audit } from "../../audit/declare.js";
import type { AppDeps, AppEnv } from "../../platform/context.js";
import { heavyJsonResponse, type HeavyReads } from "../heavy-pages.js";
import { parseQuery } from "../../platform/validation.js";
import { patternsQuery } from "./schema.js";

/** The practice's training × findings patterns. Takes no id: it reads only the signed-in practice. */
export function patternRoutes(deps: AppDeps, heavyReads?: HeavyReads): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/patterns", (c) => {
    const { weeks } = parseQuery(c, patternsQuery);
    audit(c, { clientId: null });
    return heavyJsonResponse(deps, heavyReads, c, { kind: "patterns", weeks });
  });

  return app;
}
