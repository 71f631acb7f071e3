import type { Context, MiddlewareHandler } from "hono";
import type { AppDeps, AppEnv } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { handlerRouteParams, handlerRoutePath } from "../platform/route-policy.js";
import { diskFull, isDiskFull } from "../platform/storage/disk-full.js";
import type { Actor } from "../shared/scope.js";
import { isIdShaped } from "../shared/ids.js";
import { loggableError } from "../shared/loggable-error.js";
import { declaredAudit, RECORDED_BY_SERVICE, type AuditDetail } from "./declare.js";
import { AUDITED_LINK_ROUTES, auditedRoute, outcomeOfStatus, truncateUserAgent, type AuditedRoute, type RequestOrigin } from "./events.js";
import {
  findPractitionerByEmailAcrossPractices,
  findPractitionerByUserIdAcrossPractices,
  recordAuditEvent,
  type AuditEventInput,
} from "./repository.js";

/*
 * Turning requests into audit events. Events are written after the request's own transaction has
 * committed (see docs/DECISIONS.md): a failed audit write is logged, without any request data,
 * and never turns a saved change into an error answer. What a request touched is what its handler
 * declared (declare.ts); nothing here reads answers or other modules' tables.
 */

type AuditDeps = Pick<AppDeps, "database" | "clock" | "logger">;
/** What the audit log records for a route `:id` that is not shaped like one of our ids. */
export const INVALID_ID = "invalid";
type RemoteAddress = (c: Context<AppEnv>) => string | undefined;

/** Writes one event; a failure is logged (without request data) and returned, never thrown. */
async function writeEvent(deps: AuditDeps, event: AuditEventInput, requestId: string | undefined): Promise<{ error: unknown } | undefined> {
  try {
    await recordAuditEvent(deps.database.db, event);
    return undefined;
  } catch (error) {
    deps.logger.error(
      { requestId, action: event.action, resourceType: event.resourceType, err: loggableError(error) },
      "audit event not recorded",
    );
    return { error };
  }
}

/**
 * A read whose event cannot be written is refused rather than served unaudited (the data has not
 * left yet). A change has already been committed, so it stands and the failure is only logged.
 */
function refuseUnauditedRead(c: Context<AppEnv>, error: unknown): void {
  refuse(
    c,
    isDiskFull(error)
      ? diskFull()
      : new AppError(503, "audit_unavailable", "This could not be recorded in the audit log, so it is not shown; try again shortly"),
  );
}

/** Replaces the handler's answer, whose body has not been sent (nor, for a download, read) yet. */
function refuse(c: Context<AppEnv>, refusal: AppError): void {
  c.res.body?.cancel().catch(() => undefined);
  c.res = new Response(JSON.stringify(refusal.toBody()), {
    status: refusal.status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}

/** Where each /api request came from, for services that record their own events (erasure). */
const origins = new WeakMap<Request, RequestOrigin>();

/**
 * After each signed-in /api request listed in `AUDITED_ROUTES`, records who did what to which
 * resource (and client), from where, and how it went. A successful request records what its
 * handler declared; one that declared nothing is a bug: a read is refused, a change is logged. A
 * refused or failed request records its route and, where `:id` names the resource, that id.
 * Requests without a signed-in practitioner are not recorded here: sign-in attempts are recorded
 * by `auditedAuthRequest`.
 */
export function auditApiRequests(deps: AuditDeps, remoteAddress: RemoteAddress): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    origins.set(c.req.raw, { ip: remoteAddress(c) ?? null, userAgent: truncateUserAgent(c.req.header("user-agent")) });
    await next();
    // The handler's pattern, also when the role gate refused the request before the handler ran.
    const route = handlerRoutePath(c) ?? c.req.routePath;
    const rule = auditedRoute(c.req.method, route);
    const actor: Actor | undefined = c.get("actor");
    if (!rule || !actor) return;
    const status = c.res.status;
    const isRead = c.req.method === "GET" && status < 400;
    const requestId = c.get("requestId");
    const declared = declaredAudit(c);
    if (status < 400 && declared === RECORDED_BY_SERVICE) return;
    if (status < 400 && declared === undefined) {
      deps.logger.error({ requestId, method: c.req.method, route }, "audit declaration missing: the handler did not say what it touched");
      if (isRead) refuse(c, new AppError(500, "internal", "Something went wrong on the server; it has been logged"));
      return;
    }
    const touched = status < 400 && typeof declared === "object" ? declared : refusedTarget(c, rule, status);
    const failed = await writeEvent(
      deps,
      {
        practiceId: actor.practiceId,
        occurredAt: deps.clock.now(),
        actor: { kind: "practitioner", id: actor.practitionerId },
        action: rule.action,
        resourceType: rule.resourceType,
        resourceId: touched.resourceId ?? null,
        clientId: touched.clientId,
        ...requestOrigin(c),
        outcome: outcomeOfStatus(status),
        detail: touched.detail ?? {},
      },
      requestId,
    );
    if (failed && isRead) refuseUnauditedRead(c, failed.error);
  };
}

/** The address and (truncated) user agent of the request, as the audit log records them. */
export function requestOrigin(c: Context<AppEnv>): RequestOrigin {
  return origins.get(c.req.raw) ?? { ip: null, userAgent: truncateUserAgent(c.req.header("user-agent")) };
}

/**
 * What a refused or failed request is recorded with: its handler may not have run, so only the
 * route says what it was about. No client is linked: only a successful answer shows that the id
 * named something of this practice.
 */
function refusedTarget(
  c: Context<AppEnv>,
  rule: AuditedRoute,
  status: number,
): { resourceId: string | null; clientId: null; detail: AuditDetail } {
  const detail: AuditDetail = {};
  for (const name of rule.detailParams ?? []) {
    // Only codes we know the shape of: a parameter is typed by the caller and could hold anything.
    const value = param(c, name);
    if (value && /^[a-z_]{1,40}$/.test(value)) detail[name] = value;
  }
  detail.status = status;
  // Whatever was typed in the URL is kept only when it has the shape of our ids: anything else
  // (a name, an e-mail address) is stored as "invalid", so free text never reaches the audit log.
  const id = rule.idIsResource ? param(c, "id") : undefined;
  return { resourceId: id === undefined ? null : isIdShaped(id) ? id : INVALID_ID, clientId: null, detail };
}

/** A route parameter of the API handler, also when the role gate refused the request before it ran. */
function param(c: Context<AppEnv>, name: string): string | undefined {
  return handlerRouteParams(c)[name] ?? c.req.param(name);
}

const SIGN_IN_PATHS: Record<string, string> = {
  "/api/auth/sign-in/email": "password",
  "/api/auth/two-factor/verify-totp": "totp",
  "/api/auth/two-factor/verify-backup-code": "backup_code",
};
const SIGN_OUT_PATH = "/api/auth/sign-out";

/**
 * Runs a better-auth request and records sign-ins (successful, failed, or waiting for the second
 * factor) and sign-outs. A failed sign-in with a practitioner's e-mail is recorded in that
 * practice; with an unknown e-mail it is recorded with no practice and without the address.
 */
export async function auditedAuthRequest(
  deps: AuditDeps & Pick<AppDeps, "auth">,
  request: Request,
  ip: string | undefined,
  handle: (request: Request) => Promise<Response>,
): Promise<Response> {
  const path = new URL(request.url).pathname;
  if (request.method !== "POST") return handle(request);
  const method = SIGN_IN_PATHS[path];
  const base = { ip: ip ?? null, userAgent: truncateUserAgent(request.headers.get("user-agent")), resourceType: "session" };

  if (path === SIGN_OUT_PATH) {
    const session = await deps.auth.api.getSession({ headers: request.headers }).catch(() => null);
    const response = await handle(request);
    const who = session && (await findPractitionerByUserIdAcrossPractices(deps.database.db, session.user.id));
    if (who && response.ok) {
      await writeEvent(
        deps,
        {
          ...base,
          practiceId: who.practiceId,
          occurredAt: deps.clock.now(),
          actor: { kind: "practitioner", id: who.id },
          action: "sign_out",
          outcome: "success",
        },
        undefined,
      );
    }
    return response;
  }
  if (!method) return handle(request);

  const email = method === "password" ? await emailOf(request) : undefined;
  const response = await handle(request);
  const body = response.ok ? await jsonOf(response) : undefined;
  const userId = body && isRecord(body.user) && typeof body.user.id === "string" ? body.user.id : undefined;
  const secondFactor = body?.twoFactorRedirect === true;
  const who = userId
    ? await findPractitionerByUserIdAcrossPractices(deps.database.db, userId)
    : email
      ? await findPractitionerByEmailAcrossPractices(deps.database.db, email)
      : undefined;
  const outcome = userId ? "success" : secondFactor ? "second_factor_required" : "failure";
  await writeEvent(
    deps,
    {
      ...base,
      practiceId: who?.practiceId ?? null,
      occurredAt: deps.clock.now(),
      actor: who ? { kind: "practitioner", id: who.id } : { kind: "unknown", id: null },
      action: "sign_in",
      outcome,
      detail: { method, ...(outcome === "failure" ? { status: response.status } : {}) },
    },
    undefined,
  );
  return response;
}

async function emailOf(request: Request): Promise<string | undefined> {
  try {
    const body: unknown = await request.clone().json();
    return isRecord(body) && typeof body.email === "string" ? body.email : undefined;
  } catch {
    return undefined;
  }
}

async function jsonOf(response: Response): Promise<Record<string, unknown> | undefined> {
  if (!response.headers.get("content-type")?.includes("application/json")) return undefined;
  try {
    const body: unknown = await response.clone().json();
    return isRecord(body) ? body : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Records the client's own acts on the link pages: a check-in submission (the check-in's id, never
 * the answers) and an unsubscribe. The link token is the credential, so the actor is "the client
 * via the link"; a token that opens nothing declares nothing and is not recorded (there is no
 * practice to record it in).
 */
export function auditLinkPages(deps: AuditDeps, remoteAddress: RemoteAddress): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.req.method !== "POST") return;
    const rule = AUDITED_LINK_ROUTES[c.req.routePath];
    const declared = declaredAudit(c);
    if (!rule || typeof declared !== "object" || !("practiceId" in declared)) return;
    const status = c.res.status;
    await writeEvent(
      deps,
      {
        practiceId: declared.practiceId,
        occurredAt: deps.clock.now(),
        actor: { kind: "client", id: null },
        action: rule.action,
        resourceType: rule.resourceType,
        resourceId: declared.resourceId ?? null,
        clientId: declared.clientId,
        ip: remoteAddress(c) ?? null,
        userAgent: truncateUserAgent(c.req.header("user-agent")),
        outcome: outcomeOfStatus(status),
        detail: { ...declared.detail, ...(status >= 400 ? { status } : {}) },
      },
      c.get("requestId"),
    );
  };
}
