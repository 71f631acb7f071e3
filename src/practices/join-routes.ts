import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppDeps, AppEnv } from "../platform/context.js";
import { acceptInvitation, openInvitation } from "./invitations.js";
import { addressTakenPage, joinedPage, joinPage, unusableInvitationPage } from "./join-pages.js";
import { REQUEST_LIMITS } from "../shared/limits.js";

/** `/join/:token`: the invited person chooses their password. The token is the only credential. */
export function joinRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("*", async (c, next) => {
    // Before the handler: compression replaces the finished response (see checkins/link-routes.ts).
    c.header("Cache-Control", "no-store");
    await next();
  });

  app.get("/:token", async (c) => {
    const token = c.req.param("token");
    const opened = await openInvitation(deps, token);
    if (!opened) return c.html(unusableInvitationPage(), 404);
    return c.html(joinPage({ practiceName: opened.practiceName, email: opened.row.email, name: opened.row.name, token, errors: {} }));
  });

  app.post(
    "/:token",
    bodyLimit({ maxSize: REQUEST_LIMITS.joinFormBytes, onError: (c) => c.text("The form is too large.", 413) }),
    async (c) => {
      const token = c.req.param("token");
      if (!/^application\/x-www-form-urlencoded\b/i.test(c.req.header("content-type") ?? "")) return c.html(unusableInvitationPage(), 404);
      const form = Object.fromEntries(new URLSearchParams(await c.req.text()));
      const result = await acceptInvitation(deps, token, form);
      switch (result.kind) {
        case "unusable":
          return c.html(unusableInvitationPage(), 404);
        case "invalid": {
          const opened = await openInvitation(deps, token);
          return c.html(
            joinPage({
              practiceName: result.practiceName,
              email: opened?.row.email ?? "",
              name: result.name,
              token,
              errors: result.errors,
            }),
            422,
          );
        }
        case "address_taken":
          return c.html(addressTakenPage(result.practiceName), 409);
        case "joined":
          return c.html(joinedPage(result.practiceName, result.email));
      }
    },
  );
  return app;
}
