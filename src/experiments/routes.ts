import { Hono } from "hono";
import { audit } from "../audit/declare.js";
import type { AppDeps, AppEnv } from "../platform/context.js";
import { heavyJsonResponse, type HeavyReads } from "./heavy-pages.js";
import { parseJsonBody, parseQuery, parseVersionedJsonBody } from "../platform/validation.js";
import { amendmentRequest, eligibilityQuery, enrolmentsQuery, enrolRequest, experimentPlan, withdrawRequest } from "./schema.js";
import { listEnrolmentPage } from "./enrolments.js";
import { enrolClient, withdrawClient } from "./enrol.js";
import * as service from "./service.js";
import { getExperiment, listExperiments } from "./views.js";

/** Experiments: plan, pre-register, amend, enrol, withdraw, finish, and their results. */
export function experimentRoutes(deps: AppDeps, heavyReads?: HeavyReads): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/experiments", async (c) => c.json({ experiments: await listExperiments(deps, c.get("actor")) }));

  app.post("/experiments", async (c) => {
    const body = await parseJsonBody(c, experimentPlan);
    const experiment = await service.createExperiment(deps, c.get("actor"), body);
    audit(c, { resourceId: experiment.id, clientId: null });
    return c.json({ experiment }, 201);
  });

  app.get("/experiments/:id", async (c) => {
    audit(c, { resourceId: c.req.param("id"), clientId: null });
    return c.json({ experiment: await getExperiment(deps, c.get("actor"), c.req.param("id")) });
  });

  app.put("/experiments/:id", async (c) => {
    const { version, body } = await parseVersionedJsonBody(c, experimentPlan);
    audit(c, { resourceId: c.req.param("id"), clientId: null });
    return c.json({ experiment: await service.updateExperiment(deps, c.get("actor"), c.req.param("id"), body, version) });
  });

  app.post("/experiments/:id/start", async (c) => {
    audit(c, { resourceId: c.req.param("id"), clientId: null });
    return c.json({ experiment: await service.startExperiment(deps, c.get("actor"), c.req.param("id")) });
  });

  app.post("/experiments/:id/amendments", async (c) => {
    const body = await parseJsonBody(c, amendmentRequest);
    audit(c, { resourceId: c.req.param("id"), clientId: null });
    return c.json({ experiment: await service.amendExperiment(deps, c.get("actor"), c.req.param("id"), body) }, 201);
  });

  app.post("/experiments/:id/finish", async (c) => {
    audit(c, { resourceId: c.req.param("id"), clientId: null });
    return c.json({ experiment: await service.finishExperiment(deps, c.get("actor"), c.req.param("id")) });
  });

  app.get("/experiments/:id/eligibility", async (c) => {
    const query = parseQuery(c, eligibilityQuery);
    audit(c, { resourceId: c.req.param("id"), clientId: null });
    // A page of every active client's check: read and checked off the server's thread, like results.
    return heavyJsonResponse(deps, heavyReads, c, { kind: "experiment-eligibility", experimentId: c.req.param("id"), query });
  });

  app.get("/experiments/:id/enrolments", async (c) => {
    const query = parseQuery(c, enrolmentsQuery);
    audit(c, { resourceId: c.req.param("id"), clientId: null });
    return c.json(await listEnrolmentPage(deps, c.get("actor"), c.req.param("id"), query));
  });

  app.post("/experiments/:id/enrolments", async (c) => {
    const body = await parseJsonBody(c, enrolRequest);
    const experiment = await enrolClient(deps, c.get("actor"), c.req.param("id"), body);
    audit(c, { resourceId: c.req.param("id"), clientId: body.clientId });
    return c.json({ experiment }, 201);
  });

  app.post("/experiments/:id/enrolments/:clientId/withdraw", async (c) => {
    const body = await parseJsonBody(c, withdrawRequest);
    audit(c, { resourceId: c.req.param("id"), clientId: c.req.param("clientId") });
    return c.json({
      experiment: await withdrawClient(deps, c.get("actor"), c.req.param("id"), c.req.param("clientId"), body.reason),
    });
  });

  app.get("/experiments/:id/results", (c) => {
    audit(c, { resourceId: c.req.param("id"), clientId: null });
    return heavyJsonResponse(deps, heavyReads, c, { kind: "experiment-results", experimentId: c.req.param("id") });
  });

  return app;
}
