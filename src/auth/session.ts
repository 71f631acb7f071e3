import type { MiddlewareHandler } from "hono";
import { findPractitionerForSessionUser } from "../practices/repository.js";
import type { AppDeps, AppEnv } from "../server/context.js";
import { unauthenticated } from "../server/errors.js";
import { SESSION_ABSOLUTE_SECONDS } from "./auth.js";

/**
 * Resolves the session cookie to the signed-in practitioner and their practice (the scope every
 * handler after this uses). better-auth handles the sliding idle expiry; the absolute lifetime
 * is enforced here, and an expired session is deleted on the server, not just forgotten.
 */
export function requirePractitioner(deps: Pick<AppDeps, "auth" | "database" | "clock">): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const result = await deps.auth.api.getSession({ headers: c.req.raw.headers });
    if (!result) throw unauthenticated();
    const ageSeconds = (deps.clock.now().getTime() - new Date(result.session.createdAt).getTime()) / 1000;
    if (ageSeconds > SESSION_ABSOLUTE_SECONDS) {
      const context = await deps.auth.$context;
      await context.internalAdapter.deleteSession(result.session.token);
      throw unauthenticated();
    }
    const practitioner = await findPractitionerForSessionUser(deps.database.db, result.user.id);
    if (!practitioner) throw unauthenticated();
    c.set("actor", {
      userId: practitioner.userId,
      practitionerId: practitioner.id,
      practiceId: practitioner.practiceId,
      role: practitioner.role,
      clinicalNotesGranted: practitioner.clinicalNotesGranted,
    });
    await next();
  };
}
