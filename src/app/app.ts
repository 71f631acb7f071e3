import { randomUUID } from "node:crypto";
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { auditApiRequests, auditedAuthRequest, auditLinkPages } from "../audit/capture.js";
import { auditRoutes } from "../audit/routes.js";
import { CLIENT_IP_HEADER } from "../auth/auth.js";
import { guardedPasswordChange, guardedSignIn } from "../auth/sign-in-guard.js";
import { requirePractitioner } from "../auth/session.js";
import { sessionStatusRoutes } from "../auth/session-status.js";
import { checkinLinkRoutes, linkPageHeaders, linkRateLimit } from "../checkins/link-routes.js";
import { errorPage } from "../checkins/pages.js";
import { isConcurrencyAbort, isUniqueViolation } from "../db/concurrency.js";
import { checkinRoutes } from "../checkins/routes.js";
import { questionnaireRoutes } from "../questionnaires/routes.js";
import { experimentRoutes } from "../experiments/routes.js";
import { patternRoutes } from "../experiments/patterns/routes.js";
import type { HeavyReads } from "../experiments/heavy-pages.js";
import { exportRoutes } from "../exports/routes.js";
import { clientRoutes } from "../clients/routes.js";
import { clinicalRoutes } from "../clinical/routes.js";
import { joinRoutes } from "../practices/join-routes.js";
import { practiceRoutes, setupRoutes } from "../practices/routes.js";
import { caseReportRoutes } from "../reports/routes.js";
import { draftRoutes } from "../drafts/routes.js";
import { trainingRoutes } from "../training/routes.js";
import { runsLinkApiRoutes } from "../runs-link/routes.js";
import { runsLinkRoutes } from "../runs-link/link-routes.js";
import { intakeApiRoutes } from "../intake/routes.js";
import { intakeLinkRoutes, unsubscribeConsentPart, unsubscribeConsentRoutes } from "../intake/link-routes.js";
import type { AppDeps, AppEnv } from "../platform/context.js";
import { AppError, writeConflict, type ErrorBody } from "../platform/errors.js";
import { enforceRoutePolicy } from "../platform/route-policy.js";
import { clientAddress, isTrustedPeer, type TrustProxy } from "../platform/client-address.js";
import { sendText } from "../platform/compression.js";
import { csrfProtection, securityHeaders } from "../platform/security.js";
import { serveWebApp } from "../platform/static.js";
import { diskFull, isDiskFull } from "../platform/storage/disk-full.js";
import { REQUEST_LIMITS } from "../shared/limits.js";
import { loggableError } from "../shared/loggable-error.js";
import { searchRoutes } from "../search/routes.js";

const UPLOAD_PATH = /^\/api\/clients\/[^/]+\/training\/uploads$/;

export interface CreateAppOptions {
  /** Directory of the built web app; omitted in API-only tests. */
  webDir?: string;
  /** Origins allowed to make cookie-authenticated writes, besides the base URL's. */
  extraOrigins?: string[];
  /** Reverse proxies to believe (X-Forwarded-For for the client address, X-Forwarded-Proto for HSTS). */
  trustProxy?: TrustProxy | undefined;
  /** How to learn the socket address of a request (the Node adapter provides it). */
  remoteAddress?: (request: Request, env: unknown) => string | undefined;
  /** SQLite: the worker thread the heavy read pages run in (heavy-reads.ts); absent on PostgreSQL. */
  heavyReads?: HeavyReads | undefined;
}

/** Builds the whole HTTP app: middleware, the auth endpoints, the API and the web app. */
export function createApp(deps: AppDeps, options: CreateAppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const origins = [new URL(deps.config.baseUrl).origin, ...(options.extraOrigins ?? [])];

  // Outermost, so every answer gets them, errors and 404s included.
  app.use("*", securityHeaders());
  app.use("*", async (c, next) => {
    const started = performance.now();
    c.set("requestId", randomUUID());
    // One client address for every rate limit and the audit log.
    const socket = options.remoteAddress?.(c.req.raw, c.env);
    c.set("clientIp", clientAddress(socket, c.req.header("x-forwarded-for"), options.trustProxy));
    const forwardedProto = c.req.header("x-forwarded-proto")?.split(",").at(-1)?.trim();
    c.set("secure", c.req.url.startsWith("https:") || (isTrustedPeer(socket, options.trustProxy) && forwardedProto === "https"));
    await next();
    const route = c.req.routePath;
    // Method, route pattern and status only: never query strings or bodies, which can hold health data.
    deps.logger.info(
      { requestId: c.get("requestId"), method: c.req.method, route, status: c.res.status, ms: Math.round(performance.now() - started) },
      "request",
    );
  });
  // gzip for JSON and pages over 1 KB, as a stream (downloads are not buffered); zips and images
  // are left alone, and the web app's own files come precompressed (platform/static.ts).
  // The link pages' no-store is set on the context before their handlers run (checkins/link-routes.ts),
  // so it survives compression replacing the finished response.
  app.use("/c/*", linkPageHeaders);
  app.use("/r/*", linkPageHeaders);
  app.use("/i/*", linkPageHeaders);
  app.use("*", compress({ encoding: "gzip" }));
  app.use("/api/*", async (c, next) => {
    c.header("Cache-Control", "no-store");
    await next();
  });
  const jsonBodyLimit: MiddlewareHandler<AppEnv> = bodyLimit({
    maxSize: REQUEST_LIMITS.apiBodyBytes,
    onError: () => {
      throw new AppError(413, "payload_too_large", `The request body is larger than ${REQUEST_LIMITS.apiBodyBytes / 1024} KB`);
    },
  });
  // File uploads stream to disk under their own, much larger limit (training/upload.ts). A GET
  // has no body to limit, and asking for one would build a whole web Request for every read.
  const apiBodyLimit: MiddlewareHandler<AppEnv> = (c, next) =>
    c.req.method === "GET" || c.req.method === "HEAD" || UPLOAD_PATH.test(c.req.path) ? next() : jsonBodyLimit(c, next);
  app.use("/api/*", apiBodyLimit);
  app.use("/api/*", csrfProtection(origins));
  app.use(
    "/api/*",
    auditApiRequests(deps, (c) => c.get("clientIp")),
  );

  // The client's check-in link pages: token-authenticated, so no cookies; forms still need our origin.
  app.use(
    "/c/*",
    linkRateLimit(deps, (c) => c.get("clientIp")),
  );
  app.use("/c/*", csrfProtection(origins));
  app.use(
    "/c/*",
    auditLinkPages(deps, (c) => c.get("clientIp")),
  );
  app.route("/c", unsubscribeConsentRoutes(deps));
  // The unsubscribe page also lists the client's signed consents to withdraw (intake's part).
  app.route(
    "/c",
    checkinLinkRoutes(deps, (scope, clientId, token) => unsubscribeConsentPart(deps, scope, clientId, token)),
  );

  // The client's intake and consent link: the same protections as the check-in pages.
  app.use(
    "/i/*",
    linkRateLimit(deps, (c) => c.get("clientIp")),
  );
  app.use("/i/*", csrfProtection(origins));
  app.route("/i", intakeLinkRoutes(deps));

  // The client's "send your runs" link: the same protections; uploads stream to disk under its own limits.
  app.use(
    "/r/*",
    linkRateLimit(deps, (c) => c.get("clientIp")),
  );
  app.use("/r/*", csrfProtection(origins));
  app.route("/r", runsLinkRoutes(deps));

  // Invitation links: the same protections as the check-in pages.
  app.use(
    "/join/*",
    linkRateLimit(deps, (c) => c.get("clientIp")),
  );
  app.use("/join/*", csrfProtection(origins));
  app.route("/join", joinRoutes(deps));

  app.get("/api/health", (c) => {
    // Polled often (load balancers, monitors): sent ready-made, not through the streaming compression.
    return sendText(c, JSON.stringify({ status: "ok", database: deps.database.dialect }), 200, "application/json");
  });

  app.on(["GET", "POST"], "/api/auth/*", async (c) => {
    const headers = new Headers(c.req.raw.headers);
    headers.delete(CLIENT_IP_HEADER);
    const ip = c.get("clientIp");
    headers.set(CLIENT_IP_HEADER, ip);
    const request = new Request(c.req.raw, { headers });
    const handle = async (r: Request): Promise<Response> => {
      const pathname = new URL(r.url).pathname;
      if (r.method === "POST" && pathname === "/api/auth/change-password") {
        return guardedPasswordChange(deps.auth, r, (inner) => deps.auth.handler(inner));
      }
      if (r.method !== "POST" || pathname !== "/api/auth/sign-in/email") return deps.auth.handler(r);
      const { secret } = await deps.auth.$context;
      const guard = {
        database: deps.database,
        clock: deps.clock,
        logger: deps.logger,
        secret,
        mailer: deps.mailer,
        baseUrl: deps.config.baseUrl,
      };
      return guardedSignIn(guard, r, (inner) => deps.auth.handler(inner));
    };
    return withoutSessionToken(await auditedAuthRequest(deps, request, ip, handle));
  });

  app.route("/api", setupRoutes(deps));
  app.route("/api", sessionStatusRoutes(deps));
  const api = new Hono<AppEnv>();
  api.use("*", requirePractitioner(deps));
  api.use("*", enforceRoutePolicy());
  api.route("/", practiceRoutes(deps));
  api.route("/", clientRoutes(deps));
  api.route("/", trainingRoutes(deps));
  api.route("/", runsLinkApiRoutes(deps));
  api.route("/", intakeApiRoutes(deps));
  api.route("/", clinicalRoutes(deps));
  api.route("/", checkinRoutes(deps));
  api.route("/", questionnaireRoutes(deps));
  api.route("/", experimentRoutes(deps, options.heavyReads));
  api.route("/", patternRoutes(deps, options.heavyReads));
  api.route("/", exportRoutes(deps));
  api.route("/", auditRoutes(deps));
  api.route("/", caseReportRoutes(deps, options.heavyReads));
  api.route("/", draftRoutes(deps));
  api.route("/", searchRoutes(deps));
  app.route("/api", api);

  app.all("/api/*", () => {
    throw new AppError(404, "not_found", "No such API route");
  });
  if (options.webDir) serveWebApp(app, options.webDir);

  app.onError((error, c) => {
    if (isDiskFull(error)) {
      deps.logger.error({ requestId: c.get("requestId"), err: loggableError(error) }, "disk full");
      return c.json(diskFull().toBody(), 507);
    }
    // A link page (a client's check-in, intake or runs page, an invitation) answers with a page, never
    // JSON, whatever went wrong; the runs link's resumable-upload protocol endpoints keep their own bodies.
    const linkPage = isLinkPagePath(c.req.path);
    if (isUniqueViolation(error) || isConcurrencyAbort(error)) {
      // A race the service did not resolve itself: the other write won, so this one is a conflict, not a failure.
      deps.logger.warn({ requestId: c.get("requestId"), err: loggableError(error) }, "write conflict");
      if (linkPage) return c.html(errorPage(), 409);
      return c.json(writeConflict().toBody(), 409);
    }
    if (linkPage) {
      if (!(error instanceof AppError)) deps.logger.error({ requestId: c.get("requestId"), err: loggableError(error) }, "unhandled error");
      return c.html(errorPage(), error instanceof AppError ? error.status : 500);
    }
    if (error instanceof AppError) {
      // The rest of an oversized body is still on the wire: close the connection rather than reuse it.
      if (error.status === 413) c.header("Connection", "close");
      return c.json(error.toBody(), error.status);
    }
    deps.logger.error(
      { requestId: c.get("requestId"), err: { name: error.name, message: error.message, stack: error.stack } },
      "unhandled error",
    );
    const body: ErrorBody = { error: { code: "internal", message: "Something went wrong on the server; it has been logged" } };
    return c.json(body, 500);
  });
  app.notFound((c) => c.json({ error: { code: "not_found", message: "Not found" } } satisfies ErrorBody, 404));
  return app;
}

/**
 * better-auth echoes the session token in sign-in response bodies; the cookie is HttpOnly so that
 * page scripts can never read the token, so the copy in the body is removed.
 */
async function withoutSessionToken(response: Response): Promise<Response> {
  if (!response.headers.get("content-type")?.includes("application/json")) return response;
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new Response(text, response);
  }
  if (body !== null && typeof body === "object" && ("token" in body || "session" in body)) {
    const { token: _token, ...rest } = body as Record<string, unknown>;
    const session = rest.session;
    if (session !== null && typeof session === "object" && "token" in session) {
      const { token: _sessionToken, ...sessionRest } = session as Record<string, unknown>;
      rest.session = sessionRest;
    }
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    return new Response(JSON.stringify(rest), { status: response.status, statusText: response.statusText, headers });
  }
  return new Response(text, response);
}

function isLinkPagePath(path: string): boolean {
  if (path.startsWith("/r/")) return !/\/tus(\/|$)/.test(path);
  return path.startsWith("/c/") || path.startsWith("/join/") || path.startsWith("/i/");
}
