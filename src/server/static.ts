import fs from "node:fs";
import path from "node:path";
import type { Hono } from "hono";
import type { AppEnv } from "./context.js";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves the built web app. Hashed assets are cached for a year; every other path that is not
 * an API route gets index.html so the app's own router can show the page (or its "Not found").
 */
export function serveWebApp(app: Hono<AppEnv>, webDir: string): void {
  const root = path.resolve(webDir);
  app.get("*", async (c, next) => {
    const pathname = safeDecode(new URL(c.req.url).pathname);
    if (pathname === undefined) return c.text("Malformed path", 400);
    if (pathname.startsWith("/api/")) return next();
    const candidate = path.resolve(root, `.${pathname}`);
    const inside = candidate === root || candidate.startsWith(root + path.sep);
    if (inside && pathname !== "/" && isFile(candidate)) {
      const ext = path.extname(candidate);
      const immutable = pathname.startsWith("/assets/");
      return c.body(await fs.promises.readFile(candidate), 200, {
        "Content-Type": CONTENT_TYPES[ext] ?? "application/octet-stream",
        "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      });
    }
    const index = path.join(root, "index.html");
    if (!isFile(index)) {
      return c.text("The web app has not been built. Run `npm run build` (npm install does this for you).", 503);
    }
    return c.html(await fs.promises.readFile(index, "utf8"), 200, { "Cache-Control": "no-cache" });
  });
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function safeDecode(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}
