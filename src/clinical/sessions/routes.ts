import { Hono } from "hono";
import { audit } from "../../audit/declare.js";
import type { AppDeps, AppEnv } from "../../platform/context.js";
import { parseJsonBody } from "../../platform/validation.js";
import { amendSessionRequest, createSessionRequest, enteredInErrorRequest, signSessionRequest, updateSessionRequest } from "./schema.js";
import { listRecentSteps } from "./recent-steps.js";
import * as service from "./service.js";

/** Treatment sessions: draft → signed, then amendments only, every change kept as a revision. */
export function sessionRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/clients/:id/sessions", async (c) => {
    audit(c, { clientId: c.req.param("id") });
    return c.json({ sessions: await service.listSessions(deps, c.get("actor"), c.req.param("id")) });
  });

  app.post("/clients/:id/sessions", async (c) => {
    const body = await parseJsonBody(c, createSessionRequest);
    const session = await service.createSession(deps, c.get("actor"), c.req.param("id"), body);
    audit(c, { resourceId: session.id, clientId: session.clientId });
    return c.json({ session }, 201);
  });

  // The practice's recent technique steps, each to add again in one tap.
  app.get("/recent-steps", async (c) => c.json({ steps: await listRecentSteps(deps, c.get("actor")) }));

  app.get("/sessions/:id", async (c) => {
    const session = await service.getSession(deps, c.get("actor"), c.req.param("id"));
    audit(c, { resourceId: session.id, clientId: session.clientId });
    return c.json({ session });
  });

  app.patch("/sessions/:id", async (c) => {
    const body = await parseJsonBody(c, updateSessionRequest);
    const session = await service.updateSession(deps, c.get("actor"), c.req.param("id"), body);
    audit(c, { resourceId: session.id, clientId: session.clientId });
    return c.json({ session });
  });

  app.post("/sessions/:id/sign", async (c) => {
    // The body is optional: only an owner signing someone else's draft needs to give a reason.
    const body = c.req.header("content-type") ? await parseJsonBody(c, signSessionRequest) : {};
    const session = await service.signSession(deps, c.get("actor"), c.req.param("id"), body);
    audit(c, { resourceId: session.id, clientId: session.clientId });
    return c.json({ session });
  });

  app.post("/sessions/:id/amendments", async (c) => {
    const body = await parseJsonBody(c, amendSessionRequest);
    const session = await service.amendSession(deps, c.get("actor"), c.req.param("id"), body);
    audit(c, { resourceId: session.id, clientId: session.clientId });
    return c.json({ session });
  });

  app.post("/sessions/:id/entered-in-error", async (c) => {
    const body = await parseJsonBody(c, enteredInErrorRequest);
    const session = await service.markEnteredInError(deps, c.get("actor"), c.req.param("id"), body);
    audit(c, { resourceId: session.id, clientId: session.clientId });
    return c.json({ session });
  });

  app.get("/sessions/:id/history", async (c) => {
    const history = await service.getHistory(deps, c.get("actor"), c.req.param("id"));
    audit(c, { resourceId: c.req.param("id"), clientId: history.clientId });
    return c.json({ revisions: history.revisions });
  });

  return app;
}
