import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { Context, Hono } from "hono";
import type { AppEnv } from "./context.js";
import { acceptsEncoding } from "./compression.js";

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
      const type = CONTENT_TYPES[ext] ?? "application/octet-stream";
      const headers: Record<string, string> = {
        "Content-Type": type,
        "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      };
      if (!COMPRESSIBLE.test(type)) return c.body(await fs.promises.readFile(candidate), 200, headers);
      const file = await compressedFile(candidate);
      const encoding = pickEncoding(c);
      headers.Vary = "Accept-Encoding";
      if (encoding) headers["Content-Encoding"] = encoding;
      const body = encoding === "br" ? file.br : encoding === "gzip" ? file.gzip : file.raw;
      return c.body(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), 200, headers);
    }
    const index = path.join(root, "index.html");
    if (!isFile(index)) {
      return c.text("The web app has not been built. Run `npm run build` (npm install does this for you).", 503);
    }
    return c.html(await fs.promises.readFile(index, "utf8"), 200, { "Cache-Control": "no-cache" });
  });
}

const COMPRESSIBLE = /^(text\/|application\/json|image\/svg\+xml)/;
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

interface CompressedFile {
  mtimeMs: number;
  raw: Buffer;
  br: Buffer;
  gzip: Buffer;
}

/**
 * The app's files compressed once, at their first request, and kept: the build never changes
 * under a running server (a rebuilt file has a new modification time and is compressed again).
 * zlib runs on libuv's thread pool, not the event loop.
 */
const compressedFiles = new Map<string, Promise<CompressedFile>>();

async function compressedFile(file: string): Promise<CompressedFile> {
  const mtimeMs = fs.statSync(file).mtimeMs;
  const cached = compressedFiles.get(file);
  if (cached && (await cached).mtimeMs === mtimeMs) return cached;
  const made = (async () => {
    const raw = await fs.promises.readFile(file);
    const [br, gz] = await Promise.all([
      brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
      gzip(raw, { level: 9 }),
    ]);
    return { mtimeMs, raw, br, gzip: gz };
  })();
  compressedFiles.set(file, made);
  made.catch(() => compressedFiles.delete(file));
  return made;
}

/** Brotli when the browser takes it, else gzip, else none (a q=0 refusal is honoured). */
function pickEncoding(c: Context<AppEnv>): "br" | "gzip" | undefined {
  const header = c.req.header("accept-encoding");
  if (acceptsEncoding(header, "br")) return "br";
  if (acceptsEncoding(header, "gzip")) return "gzip";
  return undefined;
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
