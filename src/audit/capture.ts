import type { Context, MiddlewareHandler } from "hono";
import type { AppDeps, AppEnv } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { handlerRouteParams, handlerRoutePath } from "../platform/route-policy.js";
import { diskFull, isDiskFull } from "../platform/storage/disk-full.js";
import type { Actor } from "../shared/scope.js";
import { isIdShaped } from "../shared/ids.js";
import { loggableError } from "../shared/loggable-error.js";
import {
  declaredAudit,
  declaredSignIn,
  RECORDED_BY_SERVICE,
  type AuditDetail,
  type LinkAuditTouched,
  type SignInAuditTouched,
} from "./declare.js";
import {
  AUDITED_LINK_ROUTES,
  auditedRoute,
  outcomeOfStatus,
  SIGN_IN_METHODS,
  truncateUserAgent,
  type AuditedRoute,
  type RequestOrigin,
} from "./events.js";
import { recordAuditEvent, type AuditEventInput } from "./repository.js";

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

/**
 * Runs a better-auth request and records the sign-in (successful, failed, or waiting for the
 * second factor) or sign-out that the auth module declared for it from better-auth's hooks
 * (auth/sign-in-audit.ts). A sign-in refused before any hook ran (better-auth's own rate limit on
 * a two-factor code) declared nothing and is recorded as a failure of no known practitioner.
 */
export async function auditedAuthRequest(
  deps: AuditDeps,
  request: Request,
  ip: string | undefined,
  handle: (request: Request) => Promise<Response>,
): Promise<Response> {
  if (request.method !== "POST") return handle(request);
  const response = await handle(request);
  const method = SIGN_IN_METHODS[new URL(request.url).pathname.replace(/^\/api\/auth/, "")];
  const declared: SignInAuditTouched | undefined =
    declaredSignIn(request) ??
    (method ? { action: "sign_in", practitioner: null, outcome: "failure", detail: { method, status: response.status } } : undefined);
  if (!declared) return response;
  await writeEvent(
    deps,
    {
      practiceId: declared.practitioner?.practiceId ?? null,
      occurredAt: deps.clock.now(),
      actor: declared.practitioner ? { kind: "practitioner", id: declared.practitioner.id } : { kind: "unknown", id: null },
      action: declared.action,
      resourceType: "session",
      ip: ip ?? null,
      userAgent: truncateUserAgent(request.headers.get("user-agent")),
      outcome: declared.outcome,
      detail: declared.detail,
    },
    undefined,
  );
  return response;
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
    const declared = declaredAudit(c);
    if (typeof declared !== "object" || !("practiceId" in declared)) return;
    const event = linkPageEvent(c, declared, c.res.status, remoteAddress(c), deps.clock.now());
    if (event) await writeEvent(deps, event, c.get("requestId"));
  };
}

/**
 * A link-page act as the audit log records it; undefined for a route that is not audited. The
 * check-in answer writes the event of its success itself, in the answer's transaction (one commit,
 * not two), and then declares `auditRecordedByService`; refusals are written by `auditLinkPages`.
 */
export function linkPageEvent(
  c: Context<AppEnv>,
  declared: LinkAuditTouched,
  status: number,
  ip: string | undefined,
  occurredAt: Date,
): AuditEventInput | undefined {
  const rule = AUDITED_LINK_ROUTES[c.req.routePath];
  if (!rule) return undefined;
  return {
    practiceId: declared.practiceId,
    occurredAt,
    actor: { kind: "client", id: null },
    action: rule.action,
    resourceType: rule.resourceType,
    resourceId: declared.resourceId ?? null,
    clientId: declared.clientId,
    ip: ip ?? null,
    userAgent: truncateUserAgent(c.req.header("user-agent")),
    outcome: outcomeOfStatus(status),
    detail: { ...declared.detail, ...(status >= 400 ? { status } : {}) },
  };
}
