import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { Action } from "../shared/policy.js";
import { assertCan } from "./authorize.js";
import type { AppEnv } from "./context.js";
import { AppError } from "./errors.js";

/** Open to every signed-in practitioner: their own account, the vocabulary, static styles. */
export const SIGNED_IN = "signed_in";

/**
 * The action every signed-in API route performs ("METHOD /api/path" → action in
 * `shared/policy.ts`). Adding a route means adding its line here; a route missing from this table
 * is refused, and the route × role test fails until it is listed. Rules that depend on the record
 * (whose draft, which client's therapist) are checked again by the service with the record in hand.
 */
export const ROUTE_ACTIONS: Readonly<Record<string, Action | typeof SIGNED_IN>> = {
  "GET /api/me": SIGNED_IN,
  "GET /api/vocabulary": SIGNED_IN,
  "GET /api/case-report-print.css": SIGNED_IN,
  "PATCH /api/practice": "practice.settings",
  "GET /api/team": "team.read",
  "POST /api/team": "team.manage",
  "PATCH /api/team/:id": "team.manage",

  "GET /api/clients": "schedule.read",
  "POST /api/clients": "schedule.write",
  "GET /api/clients/:id": "schedule.read",
  "PATCH /api/clients/:id": "schedule.write",
  "POST /api/clients/:id/archive": "schedule.write",
  "POST /api/clients/:id/restore": "schedule.write",
  "POST /api/clients/:id/erase": "client.erase",
  "PUT /api/clients/:id/consents/:kind": "consent.record",

  "POST /api/clients/:id/training/uploads": "schedule.write",
  "GET /api/clients/:id/activities": "schedule.read",
  "GET /api/clients/:id/training/weeks": "schedule.read",
  "GET /api/activities/:id": "schedule.read",
  "PUT /api/activities/:id/sport": "schedule.write",
  "GET /api/clients/:id/runs-link": "schedule.read",
  "POST /api/clients/:id/runs-link": "schedule.write",
  "DELETE /api/clients/:id/runs-link": "schedule.write",
  "GET /api/clients/:id/outcomes": "clinical.read",
  "GET /api/consent-text": "schedule.read",
  "PUT /api/consent-text": "practice.consent_text",
  "GET /api/clients/:id/intake-link": "schedule.read",
  "POST /api/clients/:id/intake-link": "schedule.write",
  "DELETE /api/clients/:id/intake-link": "schedule.write",
  "GET /api/clients/:id/intakes": "clinical.read",
  "POST /api/intakes/:id/flags-review": "clinical.create",
  "POST /api/intakes/:id/accept": "clinical.create",
  "GET /api/clients/:id/signed-consents": "schedule.read",
  "GET /api/clients/:id/profile-history": "schedule.read",

  "GET /api/clients/:id/complaints": "clinical.read",
  "POST /api/clients/:id/complaints": "clinical.create",
  "PATCH /api/complaints/:id": "clinical.create",
  "GET /api/protocols": "clinical.read",
  "POST /api/protocols": "clinical.create",
  "GET /api/protocols/:id": "clinical.read",
  "PUT /api/protocols/:id": "clinical.create",
  "POST /api/techniques": "clinical.create",
  "GET /api/clients/:id/sessions": "clinical.read",
  "POST /api/clients/:id/sessions": "clinical.create",
  "GET /api/sessions/:id": "clinical.read",
  "PATCH /api/sessions/:id": "session.edit_draft",
  "POST /api/sessions/:id/sign": "session.sign",
  "POST /api/sessions/:id/amendments": "session.amend",
  "POST /api/sessions/:id/entered-in-error": "session.amend",
  "GET /api/sessions/:id/history": "clinical.read",
  "GET /api/recent-steps": "clinical.read",
  "GET /api/clients/:id/timeline": "clinical.read",

  "GET /api/checkin-plans": "schedule.read",
  "POST /api/checkin-plans": "clinical.create",
  "GET /api/checkin-plans/:id": "schedule.read",
  "PUT /api/checkin-plans/:id": "clinical.create",
  "POST /api/sessions/:id/checkins": "clinical.create",
  "GET /api/clients/:id/checkins": "schedule.read",
  "GET /api/checkins/due": "schedule.read",
  "POST /api/checkins/:id/link": "schedule.write",
  "POST /api/checkins/:id/send": "schedule.write",
  "POST /api/checkins/:id/cancel": "schedule.write",
  "POST /api/checkins/:id/reschedule": "schedule.write",
  "GET /api/outbox": "schedule.read",
  // The practice's own questionnaires and its UWRI wording: read with the plans that use them.
  "GET /api/questionnaires": "schedule.read",
  "POST /api/questionnaires": "clinical.create",
  "GET /api/questionnaires/:id": "schedule.read",
  "PUT /api/questionnaires/:id": "clinical.create",
  "PUT /api/uwri-wording": "clinical.create",

  "GET /api/clients/:id/export/fhir": "client.export",
  "GET /api/clients/:id/export": "client.export",
  // One client's CSV (?clientId=) or the whole practice's: the service decides which rule applies.
  "GET /api/exports/sessions.csv": "client.export",
  "GET /api/exports/measures.csv": "client.export",
  "GET /api/exports/checkins.csv": "client.export",
  "GET /api/exports/activities.csv": "client.export",

  "GET /api/clients/:id/case-reports": "clinical.read",
  "POST /api/clients/:id/case-reports": "clinical.create",
  "GET /api/case-reports/:id": "clinical.read",
  "PUT /api/case-reports/:id": "clinical.create",
  "GET /api/case-reports/:id/export.zip": "clinical.create",
  "GET /api/case-reports/:id/print": "clinical.create",
  "GET /api/drafts": "clinical.create",
  "PUT /api/drafts": "clinical.create",
  "DELETE /api/drafts": "clinical.create",
  // Clients for everyone who sees the schedule; the service adds clinical records for clinical.read.
  "GET /api/search": "schedule.read",

  "GET /api/patterns": "experiment.read",
  "GET /api/experiments": "experiment.read",
  "POST /api/experiments": "experiment.manage",
  "GET /api/experiments/:id": "experiment.read",
  "PUT /api/experiments/:id": "experiment.manage",
  "POST /api/experiments/:id/start": "experiment.manage",
  "POST /api/experiments/:id/amendments": "experiment.manage",
  "POST /api/experiments/:id/finish": "experiment.manage",
  "GET /api/experiments/:id/eligibility": "experiment.read",
  "GET /api/experiments/:id/enrolments": "experiment.read",
  "POST /api/experiments/:id/enrolments": "experiment.manage",
  "POST /api/experiments/:id/enrolments/:clientId/withdraw": "experiment.manage",
  "GET /api/experiments/:id/results": "experiment.read",

  "GET /api/audit": "audit.read",
};

/**
 * The API route pattern that answers (or would have answered) this request: the first matched
 * handler that is not middleware. Unlike `c.req.routePath`, it is right even when a middleware
 * refused the request before the handler ran.
 */
export function handlerRoutePath(c: Context): string | undefined {
  // Middleware is registered for ALL methods; the web app's fallback (GET *) is not an API route.
  return matchedRoutes(c).find((r) => r.method !== "ALL" && r.path.startsWith("/api/"))?.path;
}

/** The handler route's `:name` parameters, read from the URL (also when a middleware refused the request). */
export function handlerRouteParams(c: Context): Record<string, string> {
  const pattern = handlerRoutePath(c);
  if (pattern === undefined) return {};
  const names = pattern.split("/");
  const values = new URL(c.req.url).pathname.split("/");
  const params: Record<string, string> = {};
  for (const [index, name] of names.entries()) {
    const value = values[index];
    if (!name.startsWith(":") || value === undefined) continue;
    try {
      params[name.slice(1)] = decodeURIComponent(value);
    } catch {
      params[name.slice(1)] = value;
    }
  }
  return params;
}

function handlerRoute(c: Context): string | undefined {
  const path = handlerRoutePath(c);
  return path === undefined ? undefined : `${c.req.method.toUpperCase()} ${path}`;
}

/**
 * Gates every signed-in API route by its action in `ROUTE_ACTIONS`, before the handler runs.
 * Unknown routes fall through to the 404 handler; a known route missing from the table is refused.
 */
export function enforceRoutePolicy(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const route = handlerRoute(c);
    if (route === undefined) return next();
    const action = ROUTE_ACTIONS[route];
    if (action === undefined) throw new AppError(403, "forbidden", `No access rule is defined for ${route}`);
    if (action !== SIGNED_IN) assertCan(c.get("actor"), action);
    await next();
  };
}
