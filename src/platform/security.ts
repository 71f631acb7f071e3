import type { MiddlewareHandler } from "hono";
import { AppError } from "./errors.js";
import type { AppEnv } from "./context.js";

/** The app and the API: our own scripts and styles only (the web app is built without inline code). */
const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The client's check-in pages: no script at all, one stylesheet, forms posting back to us. */
const LINK_PAGE_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * The "send your runs" page: like the check-in pages, plus our own two scripts (the page's and
 * tus-js-client, both served from /r/assets) and uploads back to us.
 */
const RUNS_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** The client's check-in pages, the runs link and the invitation pages: links whose token is the credential. */
const LINK_PAGES = /^\/(c|r|i|join)(\/|$)/;

/**
 * Security headers for every response, set once, last, on whatever answer the request got (a
 * handler's, the error handler's, the 404, a static file), so no later `c.header()` and no
 * middleware order can leave a response without them. The check-in link pages get a CSP with no
 * script source at all and `Referrer-Policy: no-referrer` (the token is in their URL). HSTS is sent
 * only when the request arrived over TLS (directly, or through a trusted proxy that says so):
 * over plain HTTP browsers ignore it.
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const linkPage = LINK_PAGES.test(c.req.path);
    const headers: Record<string, string> = {
      "Content-Security-Policy": c.req.path.startsWith("/r/") ? RUNS_PAGE_CSP : linkPage ? LINK_PAGE_CSP : APP_CSP,
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": linkPage ? "no-referrer" : "same-origin",
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Resource-Policy": "same-origin",
      "X-Permitted-Cross-Domain-Policies": "none",
    };
    if (c.get("secure")) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
    try {
      for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
    } catch {
      // A response with immutable headers (e.g. a fetched one): copy it with ours added.
      const copy = new Headers(c.res.headers);
      for (const [name, value] of Object.entries(headers)) copy.set(name, value);
      c.res = new Response(c.res.body, { status: c.res.status, statusText: c.res.statusText, headers: copy });
    }
  };
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
