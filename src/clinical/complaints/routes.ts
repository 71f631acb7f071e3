import { Hono } from "hono";
import { audit } from "../../audit/declare.js";
import type { AppDeps, AppEnv } from "../../platform/context.js";
import { parseJsonBody } from "../../platform/validation.js";
import { createComplaintRequest, updateComplaintRequest } from "./schema.js";
import * as service from "./service.js";

/** Complaints (episodes) of a client. */
export function complaintRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/clients/:id/complaints", async (c) => {
    audit(c, { clientId: c.req.param("id") });
    return c.json({ complaints: await service.listComplaints(deps, c.get("actor"), c.req.param("id")) });
  });

  app.post("/clients/:id/complaints", async (c) => {
    const body = await parseJsonBody(c, createComplaintRequest);
    const complaint = await service.createComplaint(deps, c.get("actor"), c.req.param("id"), body);
    audit(c, { resourceId: complaint.id, clientId: complaint.clientId });
    return c.json({ complaint }, 201);
  });

  app.patch("/complaints/:id", async (c) => {
    const body = await parseJsonBody(c, updateComplaintRequest);
    const complaint = await service.updateComplaint(deps, c.get("actor"), c.req.param("id"), body);
    audit(c, { resourceId: complaint.id, clientId: complaint.clientId });
    return c.json({ complaint });
  });

  return app;
}
