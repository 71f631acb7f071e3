import type { Context, MiddlewareHandler } from "hono";
import { findDeliveryByUnsubscribeHashAcrossPractices } from "../checkins/delivery-repository.js";
import { findCheckin } from "../checkins/repository.js";
import { hashLinkToken, isWellFormedToken } from "../platform/link-token.js";
import type { Executor } from "../db/database.js";
import type { AppDeps, AppEnv } from "../platform/context.js";
import { AppError } from "../platform/errors.js";
import { handlerRouteParams, handlerRoutePath } from "../platform/route-policy.js";
import { diskFull, isDiskFull } from "../platform/storage/disk-full.js";
import type { Actor } from "../shared/scope.js";
import { isIdShaped } from "../shared/ids.js";
import { loggableError } from "../shared/loggable-error.js";
import { auditedRoute, outcomeOfStatus, truncateUserAgent, type AuditedRoute } from "./events.js";
import {
  findClientIdOf,
  findPractitionerByEmailAcrossPractices,
  findPractitionerByUserIdAcrossPractices,
  recordAuditEvent,
  type AuditEventInput,
} from "./repository.js";

/*
 * Turning requests into audit events. Events are written after the request's own transaction has
 * committed (see docs/DECISIONS.md): a failed audit write is logged, without any request data,
 * and never turns a saved change into an error answer.
 */

type AuditDeps = Pick<AppDeps, "database" | "clock" | "logger">;
/** What the audit log records for a route `:id` that is not shaped like one of our ids. */
export const INVALID_ID = "invalid";
type RemoteAddress = (c: Context<AppEnv>) => string | undefined;
/** The check-in a link page opened: its id, practice and client. */
type LinkCheckinRef = { id: string; practiceId: string; clientId: string };

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
  const refusal = isDiskFull(error)
    ? diskFull()
    : new AppError(503, "audit_unavailable", "This could not be recorded in the audit log, so it is not shown; try again shortly");
  c.res = new Response(JSON.stringify(refusal.toBody()), {
    status: refusal.status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}

/** Where each /api request came from, for services that record their own events (erasure, export). */
const origins = new WeakMap<Request, RequestOrigin>();

/**
 * After each signed-in /api request listed in `AUDITED_ROUTES`, records who did what to which
 * resource (and client), from where, and how it went. Requests without a signed-in practitioner
 * are not recorded here: sign-in attempts are recorded by `auditedAuthRequest`.
 */
export function auditApiRequests(deps: AuditDeps, remoteAddress: RemoteAddress): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    origins.set(c.req.raw, { ip: remoteAddress(c) ?? null, userAgent: truncateUserAgent(c.req.header("user-agent")) });
    await next();
    // The handler's pattern, also when the role gate refused the request before the handler ran.
    const rule = auditedRoute(c.req.method, handlerRoutePath(c) ?? c.req.routePath);
    const actor: Actor | undefined = c.get("actor");
    if (!rule || !actor) return;
    const status = c.res.status;
    if (rule.recordedBy === "service" && status < 400) return;
    const requestId = c.get("requestId");
    try {
      const target = await resolveTarget(deps, c, rule, actor, status);
      const detail: Record<string, string | number> = {};
      for (const name of rule.detailParams ?? []) {
        // Only codes we know the shape of: a parameter is typed by the caller and could hold anything.
        const value = param(c, name);
        if (value && /^[a-z_]{1,40}$/.test(value)) detail[name] = value;
      }
      if (status >= 400) detail.status = status;
      const failed = await writeEvent(
        deps,
        {
          practiceId: actor.practiceId,
          occurredAt: deps.clock.now(),
          actor: { kind: "practitioner", id: actor.practitionerId },
          action: rule.action,
          resourceType: rule.resourceType,
          resourceId: target.resourceId,
          clientId: target.clientId,
          ...requestOrigin(c),
          outcome: outcomeOfStatus(status),
          detail,
        },
        requestId,
      );
      if (failed && c.req.method === "GET" && status < 400) refuseUnauditedRead(c, failed.error);
    } catch (error) {
      deps.logger.error({ requestId, err: loggableError(error) }, "audit event not recorded");
      if (c.req.method === "GET" && status < 400) refuseUnauditedRead(c, error);
    }
  };
}

export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** The address and (truncated) user agent of the request, as the audit log records them. */
export function requestOrigin(c: Context<AppEnv>): RequestOrigin {
  return origins.get(c.req.raw) ?? { ip: null, userAgent: truncateUserAgent(c.req.header("user-agent")) };
}

/** The resource and client a request touched, from its `:id` (or, for a create, its answer). */
async function resolveTarget(
  deps: AuditDeps,
  c: Context<AppEnv>,
  rule: AuditedRoute,
  actor: Actor,
  status: number,
): Promise<{ resourceId: string | null; clientId: string | null }> {
  // Whatever was typed in the URL is kept only when it has the shape of our ids: anything else
  // (a name, an e-mail address) is stored as "invalid", so free text never reaches the audit log.
  const idParam = rule.id === "none" ? undefined : param(c, "id");
  const id = idParam === undefined ? undefined : isIdShaped(idParam) ? idParam : INVALID_ID;
  const created = rule.action === "create" && status < 300 ? await createdId(c) : null;
  // Only a successful answer shows the id named something of this practice: link a client then only.
  const known = status >= 200 && status < 300;
  switch (rule.id) {
    case "none":
      return { resourceId: created, clientId: rule.resourceType === "client" ? created : null };
    case "client":
      return {
        resourceId: rule.resourceType === "client" ? (id ?? null) : created,
        clientId: known && id !== INVALID_ID ? (id ?? null) : null,
      };
    case "resource": {
      const clientId = !known
        ? undefined
        : rule.clientParam
          ? shapedOrUndefined(param(c, rule.clientParam))
          : id && rule.ownedBy
            ? await findClientIdOf(deps.database.db, actor, rule.ownedBy, id)
            : undefined;
      return { resourceId: id ?? null, clientId: clientId ?? null };
    }
  }
}

/** A route parameter of the API handler, also when the role gate refused the request before it ran. */
function param(c: Context<AppEnv>, name: string): string | undefined {
  return handlerRouteParams(c)[name] ?? c.req.param(name);
}

function shapedOrUndefined(value: string | undefined): string | undefined {
  return value !== undefined && isIdShaped(value) ? value : undefined;
}

/** The id of the row a create made, read from the JSON answer (`{ "<thing>": { "id": … } }`). */
async function createdId(c: Context<AppEnv>): Promise<string | null> {
  if (!c.res.headers.get("content-type")?.includes("application/json")) return null;
  try {
    const body: unknown = await c.res.clone().json();
    if (!isRecord(body)) return null;
    for (const value of Object.values(body)) {
      if (isRecord(value) && typeof value.id === "string") return value.id;
    }
  } catch {
    return null;
  }
  return null;
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

/** The event of a client's check-in submission through its link, the answers never included. */
export function linkSubmissionEvent(
  c: Context<AppEnv>,
  deps: Pick<AuditDeps, "clock">,
  remoteAddress: RemoteAddress,
  checkin: LinkCheckinRef,
  status: number,
): AuditEventInput {
  return {
    occurredAt: deps.clock.now(),
    actor: { kind: "client", id: null },
    ip: remoteAddress(c) ?? null,
    userAgent: truncateUserAgent(c.req.header("user-agent")),
    outcome: outcomeOfStatus(status),
    detail: status >= 400 ? { status } : {},
    practiceId: checkin.practiceId,
    action: "submit_checkin",
    resourceType: "checkin",
    resourceId: checkin.id,
    clientId: checkin.clientId,
  };
}

/**
 * Writes a check-in submission's event with the answer, in its transaction (checkins/link-routes.ts
 * passes this to the service, and marks the request `linkCheckinAudited` once it is stored); the
 * middleware below then records nothing more for the request.
 */
export function recordLinkSubmission(
  c: Context<AppEnv>,
  deps: Pick<AuditDeps, "clock">,
  remoteAddress: RemoteAddress,
): (tx: Executor, checkin: LinkCheckinRef) => Promise<void> {
  return async (tx, checkin) => {
    await recordAuditEvent(tx, linkSubmissionEvent(c, deps, remoteAddress, checkin, 200));
  };
}

/**
 * Records the client's own acts on the link pages: a check-in submission (the check-in's id, never
 * the answers) and an unsubscribe. The link token is the credential, so the actor is "the client
 * via the link"; a token that opens nothing is not recorded (there is no practice to record it in).
 */
export function auditLinkPages(deps: AuditDeps, remoteAddress: RemoteAddress): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.req.method !== "POST") return;
    const route = c.req.routePath;
    const token = c.req.param("token");
    if (!token || !isWellFormedToken(token)) return;
    const status = c.res.status;
    if (status === 404 || status === 429 || status === 413) return;
    const statusDetail: Record<string, number> = status >= 400 ? { status } : {};
    const base = {
      occurredAt: deps.clock.now(),
      actor: { kind: "client" as const, id: null },
      ip: remoteAddress(c) ?? null,
      userAgent: truncateUserAgent(c.req.header("user-agent")),
      outcome: outcomeOfStatus(status),
      detail: statusDetail,
    };
    try {
      if (route === "/c/:token") {
        // The submit handler found the check-in by its token already; no second lookup. A stored
        // submission was recorded with its answer; what is left is a refused one (an invalid form).
        const checkin = c.get("linkCheckin");
        if (!checkin || c.get("linkCheckinAudited")) return;
        await writeEvent(deps, linkSubmissionEvent(c, deps, remoteAddress, checkin, status), c.get("requestId"));
      } else if (route === "/c/unsubscribe/:token") {
        const delivery = await findDeliveryByUnsubscribeHashAcrossPractices(deps.database.db, hashLinkToken(token));
        const scope = delivery && { practiceId: delivery.practice_id };
        const checkin = delivery && scope && (await findCheckin(deps.database.db, scope, delivery.checkin_id));
        if (!checkin) return;
        await writeEvent(
          deps,
          {
            ...base,
            practiceId: checkin.practice_id,
            action: "unsubscribe",
            resourceType: "consent",
            resourceId: null,
            clientId: checkin.client_id,
            detail: { ...base.detail, kind: "checkin_messages" },
          },
          c.get("requestId"),
        );
      }
    } catch (error) {
      deps.logger.error({ requestId: c.get("requestId"), err: loggableError(error) }, "audit event not recorded");
    }
  };
}
