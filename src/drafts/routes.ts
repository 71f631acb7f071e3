import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../platform/context.js";
import { parseJsonBody, parseQuery } from "../platform/validation.js";
import { draftQuery, saveDraftRequest } from "./schema.js";
import * as service from "./service.js";

/** The signed-in practitioner's form drafts: read, keep (autosave), discard. The key is in the query. */
export function draftRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/drafts", async (c) => {
    const { key } = parseQuery(c, draftQuery);
    return c.json({ draft: await service.getDraft(deps, c.get("actor"), key) });
  });

  app.put("/drafts", async (c) => {
    const body = await parseJsonBody(c, saveDraftRequest);
    return c.json({ draft: await service.saveDraft(deps, c.get("actor"), body) });
  });

  app.delete("/drafts", async (c) => {
    const { key } = parseQuery(c, draftQuery);
    await service.discardDraft(deps, c.get("actor"), key);
    return c.body(null, 204);
  });

  return app;
}
