import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../platform/context.js";
import { complaintRoutes } from "./complaints/routes.js";
import { protocolRoutes } from "./protocols/routes.js";
import { sessionRoutes } from "./sessions/routes.js";
import { timelineRoutes } from "./timeline/routes.js";
import { vocabularyRoutes } from "./vocabulary/routes.js";

/** Every route of the clinical record; mounted behind requirePractitioner. */
export function clinicalRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route("/", vocabularyRoutes(deps));
  app.route("/", complaintRoutes(deps));
  app.route("/", protocolRoutes(deps));
  app.route("/", sessionRoutes(deps));
  app.route("/", timelineRoutes(deps));
  return app;
}
