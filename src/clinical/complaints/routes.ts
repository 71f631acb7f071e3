import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../../platform/context.js";
import { parseJsonBody } from "../../platform/validation.js";
import { createComplaintRequest, updateComplaintRequest } from "./schema.js";
import * as service from "./service.js";

/** Complaints (episodes) of a client. */
export function complaintRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/clients/:id/complaints", async (c) =>
    c.json({ complaints: await service.listComplaints(deps, c.get("actor"), c.req.param("id")) }),
  );

  app.post("/clients/:id/complaints", async (c) => {
    const body = await parseJsonBody(c, createComplaintRequest);
    return c.json({ complaint: await service.createComplaint(deps, c.get("actor"), c.req.param("id"), body) }, 201);
  });

  app.patch("/complaints/:id", async (c) => {
    const body = await parseJsonBody(c, updateComplaintRequest);
    return c.json({ complaint: await service.updateComplaint(deps, c.get("actor"), c.req.param("id"), body) });
  });

  return app;
}
