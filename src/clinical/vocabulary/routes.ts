import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../../platform/context.js";
import { parseJsonBody } from "../../platform/validation.js";
import { createTechniqueRequest } from "./schema.js";
import * as service from "./service.js";

/** The clinical vocabulary (code, versioned) and the practice's own techniques. */
export function vocabularyRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/vocabulary", async (c) => c.json(await service.getVocabulary(deps, c.get("actor"))));
  app.post("/techniques", async (c) => {
    const { name } = await parseJsonBody(c, createTechniqueRequest);
    return c.json({ technique: await service.createTechnique(deps, c.get("actor"), name) }, 201);
  });
  return app;
}
