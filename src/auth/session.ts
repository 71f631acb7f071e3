import type { MiddlewareHandler } from "hono";
import { findPractitionerForSessionUser } from "../practices/repository.js";
import type { AppDeps, AppEnv } from "../platform/context.js";
import type { Actor } from "../shared/scope.js";
import { unauthenticated } from "../platform/errors.js";
import { SESSION_ABSOLUTE_SECONDS } from "./auth.js";

/**
 * Resolves the session cookie to the signed-in practitioner and their practice, or null when there
 * is no valid session. better-auth handles the sliding idle expiry; the absolute lifetime is
 * enforced here, and an expired session is deleted on the server, not just forgotten.
 */
export async function resolveActor(deps: Pick<AppDeps, "auth" | "database" | "clock">, headers: Headers): Promise<Actor | null> {
  const result = await deps.auth.api.getSession({ headers });
  if (!result) return null;
  const ageSeconds = (deps.clock.now().getTime() - new Date(result.session.createdAt).getTime()) / 1000;
  if (ageSeconds > SESSION_ABSOLUTE_SECONDS) {
    const context = await deps.auth.$context;
    await context.internalAdapter.deleteSession(result.session.token);
    return null;
  }
  const practitioner = await findPractitionerForSessionUser(deps.database.db, result.user.id);
  if (!practitioner) return null;
  return {
    userId: practitioner.userId,
    practitionerId: practitioner.id,
    practiceId: practitioner.practiceId,
    role: practitioner.role,
    clinicalNotesGranted: practitioner.clinicalNotesGranted,
  };
}

/** Puts the signed-in practitioner's `Actor` (the scope every handler after this uses) on the context; 401 without one. */
export function requirePractitioner(deps: Pick<AppDeps, "auth" | "database" | "clock">): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = await resolveActor(deps, c.req.raw.headers);
    if (!actor) throw unauthenticated();
    c.set("actor", actor);
    await next();
  };
}
