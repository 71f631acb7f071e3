import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { AppError } from "./errors.js";
import type { AppEnv } from "./context.js";

/**
 * Security headers for every response. The CSP allows only our own scripts and styles (the web
 * app is built without inline code) and forbids framing. HSTS is sent only when the request
 * arrived over TLS, directly or through a proxy that says so, since HSTS over plain HTTP is
 * ignored by browsers and would mislead.
 */
export function securityHeaders(options: { trustProxy: boolean }): MiddlewareHandler<AppEnv> {
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: "DENY",
    xContentTypeOptions: "nosniff",
    referrerPolicy: "same-origin",
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  return async (c, next) => {
    await headers(c, next);
    if (isTls(c.req.url, c.req.header("x-forwarded-proto"), options.trustProxy)) {
      c.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
  };
}

function isTls(url: string, forwardedProto: string | undefined, trustProxy: boolean): boolean {
  if (url.startsWith("https:")) return true;
  return trustProxy && forwardedProto?.split(",")[0]?.trim() === "https";
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * CSRF defence for cookie-authenticated writes: a browser always says where a request comes
 * from (Origin, and Sec-Fetch-Site in current browsers), so a write whose origin is not ours is
 * refused. Requests without those headers do not come from a browser page and cannot ride on a
 * victim's cookies. JSON bodies are also required by the validators, which a cross-site form
 * cannot send without a CORS preflight that we never grant.
 */
export function csrfProtection(allowedOrigins: readonly string[]): MiddlewareHandler<AppEnv> {
  const allowed = new Set(allowedOrigins);
  return async (c, next) => {
    if (UNSAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header("origin");
      const fetchSite = c.req.header("sec-fetch-site");
      // Pages served with `Referrer-Policy: no-referrer` (the check-in links) make the browser send
      // `Origin: null` on their own form posts; Sec-Fetch-Site, which no page can set, still says same-origin.
      const nullOriginSameSite = origin === "null" && fetchSite === "same-origin";
      const originOk = origin === undefined || allowed.has(origin) || origin === new URL(c.req.url).origin || nullOriginSameSite;
      const siteOk = fetchSite === undefined || fetchSite === "same-origin" || fetchSite === "none";
      if (!originOk || !siteOk) {
        throw new AppError(403, "cross_site_request", "This request came from another site and was refused");
      }
    }
    await next();
  };
}
