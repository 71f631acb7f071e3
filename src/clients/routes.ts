import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../platform/context.js";
import { parseJsonBody, parseQuery } from "../platform/validation.js";
import { consentKindParam, createClientRequest, listClientsQuery, recordConsentRequest, updateClientRequest } from "./schema.js";
import * as service from "./service.js";
import { notFound } from "../platform/errors.js";
import { requestOrigin } from "../audit/capture.js";
import { audit, auditRecordedByService } from "../audit/declare.js";
import { eraseClient, eraseClientRequest } from "./erase.js";

export function clientRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/clients", async (c) => {
    audit(c, { clientId: null });
    return c.json(await service.listClients(deps, c.get("actor"), parseQuery(c, listClientsQuery)));
  });

  app.post("/clients", async (c) => {
    const body = await parseJsonBody(c, createClientRequest);
    const client = await service.createClient(deps, c.get("actor"), body);
    audit(c, { resourceId: client.id, clientId: client.id });
    return c.json({ client }, 201);
  });

  app.get("/clients/:id", async (c) => {
    audit(c, { resourceId: c.req.param("id"), clientId: c.req.param("id") });
    return c.json({ client: await service.getClient(deps, c.get("actor"), c.req.param("id")) });
  });

  app.patch("/clients/:id", async (c) => {
    const body = await parseJsonBody(c, updateClientRequest);
    audit(c, { resourceId: c.req.param("id"), clientId: c.req.param("id") });
    return c.json({ client: await service.updateClient(deps, c.get("actor"), c.req.param("id"), body) });
  });

  app.post("/clients/:id/archive", async (c) => {
    audit(c, { resourceId: c.req.param("id"), clientId: c.req.param("id") });
    return c.json({ client: await service.setArchived(deps, c.get("actor"), c.req.param("id"), true) });
  });

  app.post("/clients/:id/restore", async (c) => {
    audit(c, { resourceId: c.req.param("id"), clientId: c.req.param("id") });
    return c.json({ client: await service.setArchived(deps, c.get("actor"), c.req.param("id"), false) });
  });

  app.put("/clients/:id/consents/:kind", async (c) => {
    const kind = consentKindParam.safeParse(c.req.param("kind"));
    if (!kind.success) throw notFound("Consent kind");
    const body = await parseJsonBody(c, recordConsentRequest);
    audit(c, { clientId: c.req.param("id"), detail: { kind: kind.data } });
    return c.json({ client: await service.recordConsent(deps, c.get("actor"), c.req.param("id"), kind.data, body) });
  });

  app.post("/clients/:id/erase", async (c) => {
    const body = await parseJsonBody(c, eraseClientRequest);
    const erased = await eraseClient(deps, c.get("actor"), c.req.param("id"), body.confirm, requestOrigin(c));
    auditRecordedByService(c);
    return c.json({ erased });
  });

  return app;
}
