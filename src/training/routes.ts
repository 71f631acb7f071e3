import fs from "node:fs";
import path from "node:path";
import { Hono } from "hono";
import { audit } from "../audit/declare.js";
import type { AppDeps, AppEnv } from "../platform/context.js";
import { parseJsonBody, parseQuery } from "../platform/validation.js";
import { clientOutcomes } from "./outcomes-view.js";
import { correctSportBody, listActivitiesQuery, outcomesQuery, uploadQuery, weeksQuery } from "./schema.js";
import { importUpload } from "./import-upload.js";
import { correctActivitySport } from "./service.js";
import { getActivity, listClientActivities, listClientWeeks, requireClient } from "./views.js";
import { receiveUpload } from "./upload.js";

/** Training files and activities. Uploads are raw bytes (one file or a zip) streamed to disk. */
export function trainingRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const training = { database: deps.database, clock: deps.clock, blobs: deps.blobs };

  app.post("/clients/:id/training/uploads", async (c) => {
    const { name } = parseQuery(c, uploadQuery);
    // Refuse before reading the body: an unknown client should not cost a multi-gigabyte upload.
    await requireClient(training, c.get("actor"), c.req.param("id"));
    const upload = await receiveUpload(c.req.raw.body, path.join(deps.config.dataDir, "tmp"));
    try {
      const report = await importUpload(training, c.get("actor"), c.req.param("id"), { path: upload.path, name: path.basename(name) });
      audit(c, { clientId: c.req.param("id") });
      return c.json(report);
    } finally {
      await fs.promises.rm(upload.path, { force: true });
    }
  });

  app.get("/clients/:id/activities", async (c) => {
    const { limit } = parseQuery(c, listActivitiesQuery);
    audit(c, { clientId: c.req.param("id") });
    return c.json({ activities: await listClientActivities(training, c.get("actor"), c.req.param("id"), limit) });
  });

  app.get("/clients/:id/training/weeks", async (c) => {
    const { weeks } = parseQuery(c, weeksQuery);
    audit(c, { clientId: c.req.param("id") });
    return c.json(await listClientWeeks(training, c.get("actor"), c.req.param("id"), weeks));
  });

  app.get("/clients/:id/outcomes", async (c) => {
    const { at, windowDays } = parseQuery(c, outcomesQuery);
    audit(c, { clientId: c.req.param("id") });
    return c.json({ outcomes: await clientOutcomes(training, c.get("actor"), c.req.param("id"), Date.parse(at), windowDays) });
  });

  app.get("/activities/:id", async (c) => {
    const activity = await getActivity(training, c.get("actor"), c.req.param("id"));
    audit(c, { resourceId: activity.id, clientId: activity.clientId });
    return c.json({ activity });
  });

  app.put("/activities/:id/sport", async (c) => {
    const { sport } = await parseJsonBody(c, correctSportBody);
    await correctActivitySport(training, c.get("actor"), c.req.param("id"), sport);
    const activity = await getActivity(training, c.get("actor"), c.req.param("id"));
    audit(c, { resourceId: activity.id, clientId: activity.clientId });
    return c.json({ activity });
  });

  return app;
}
