import { Hono } from "hono";
import { isSetupNeeded } from "../practices/service.js";
import type { AppDeps, AppEnv } from "../platform/context.js";
import { resolveActor } from "./session.js";

/**
 * GET /api/session: whether anyone is signed in, answered 200 either way. The web app asks this
 * first on every page load, so a signed-out visitor's browser never logs a failed (401) request;
 * `/api/me` keeps answering 401 to a request without a session.
 */
export function sessionStatusRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/session", async (c) => {
    const actor = await resolveActor(deps, c.req.raw.headers);
    if (actor) return c.json({ signedIn: true, setupNeeded: false });
    return c.json({ signedIn: false, setupNeeded: await isSetupNeeded(deps.database) });
  });
  return app;
}
