import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../../platform/context.js";
import { parseJsonBody, parseVersionedJsonBody } from "../../platform/validation.js";
import { protocolRequest } from "./schema.js";
import * as service from "./service.js";

/** Protocols: named, versioned recipes of technique steps. */
export function protocolRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/protocols", async (c) => c.json({ protocols: await service.listProtocols(deps, c.get("actor")) }));

  app.post("/protocols", async (c) => {
    const body = await parseJsonBody(c, protocolRequest);
    return c.json({ protocol: await service.createProtocol(deps, c.get("actor"), body) }, 201);
  });

  app.get("/protocols/:id", async (c) => c.json(await service.getProtocol(deps, c.get("actor"), c.req.param("id"))));

  app.put("/protocols/:id", async (c) => {
    // `version`: the protocol version the edit started from (`current.version`); a stale one is 409.
    const { version, body } = await parseVersionedJsonBody(c, protocolRequest);
    return c.json({ protocol: await service.reviseProtocol(deps, c.get("actor"), c.req.param("id"), body, version) });
  });

  return app;
}
