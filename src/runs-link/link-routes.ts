import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { Hono, type Context } from "hono";
import type { AppDeps, AppEnv } from "../platform/context.js";
import { RUNS_LINK_LIMITS } from "./limits.js";
import { MultipartRefusedError, receiveMultipartFiles } from "./multipart.js";
import { RUNS_CSS, RUNS_SCRIPT, runsLinkUnusablePage, runsPage, type RunsPageInput } from "./pages.js";
import { plainOutcome, type PlainOutcome } from "./plain-words.js";
import {
  checkUploadAllowed,
  importReceivedFile,
  openRunsLink,
  receivedThroughLink,
  removeTempFile,
  removeUpload,
  setUploadSize,
  startUpload,
  UploadRefusedError,
  type OpenLink,
  type RunsLinkDeps,
} from "./service.js";
import { runsTus } from "./tus.js";
import { truncateUserAgent } from "../audit/events.js";

/** At most this many files in one plain form post; more belong in a zip. */
const MAX_FORM_FILES = 50;

/** The browser build of tus-js-client, served from our own origin (the page loads nothing from elsewhere). */
function tusClientScript(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve("tus-js-client");
  const packageDir = main.slice(0, main.lastIndexOf(`${path.sep}tus-js-client${path.sep}`) + `${path.sep}tus-js-client`.length);
  return fs.readFileSync(path.join(packageDir, "dist", "tus.min.js"), "utf8");
}

/**
 * The runner's "send your runs" pages under /r: opening the link changes nothing (mail scanners
 * open links); files arrive by tus (resumable) or a plain form post; an upload can be removed
 * within a day. The link token is the only credential.
 */
export function runsLinkRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const limits = deps.config.runsLinkLimits ?? RUNS_LINK_LIMITS;
  const runs: RunsLinkDeps = { database: deps.database, clock: deps.clock, blobs: deps.blobs, baseUrl: deps.config.baseUrl, limits };
  const tus = runsTus(runs, deps.config.dataDir);
  const tempDir = path.join(deps.config.dataDir, "tmp");
  let tusScript: string | undefined;
  const unusable = (c: Context<AppEnv>) => c.html(runsLinkUnusablePage(), 404);
  /** The link, if it works, with where this request came from (for the audit log). */
  const openFor = async (c: Context<AppEnv>, token: string): Promise<OpenLink | undefined> => {
    const open = await openRunsLink(runs, token);
    return open && { ...open, origin: { ip: c.get("clientIp"), userAgent: truncateUserAgent(c.req.header("user-agent")) } };
  };

  app.get("/assets/runs.css", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(RUNS_CSS, 200, { "Content-Type": "text/css; charset=utf-8" });
  });
  app.get("/assets/runs.js", (c) => {
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(RUNS_SCRIPT, 200, { "Content-Type": "text/javascript; charset=utf-8" });
  });
  app.get("/assets/tus.min.js", (c) => {
    tusScript ??= tusClientScript();
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(tusScript, 200, { "Content-Type": "text/javascript; charset=utf-8" });
  });

  const page = async (
    c: Context<AppEnv>,
    open: OpenLink,
    token: string,
    extra: Partial<RunsPageInput> = {},
    status: 200 | 413 | 429 | 400 = 200,
  ) =>
    c.html(
      runsPage({
        practiceName: open.practiceName,
        locale: open.locale,
        timeZone: open.timeZone,
        token,
        limits,
        received: await receivedThroughLink(runs, open),
        ...extra,
      }),
      status,
    );

  app.get("/:token", async (c) => {
    const token = c.req.param("token");
    const open = await openFor(c, token);
    return open ? page(c, open, token) : unusable(c);
  });

  // The page without JavaScript: the chosen files as one multipart post, streamed to disk.
  app.post("/:token", async (c) => {
    const token = c.req.param("token");
    const open = await openFor(c, token);
    if (!open) return unusable(c);
    const announced = Number(c.req.header("content-length") ?? 0);
    try {
      await checkUploadAllowed(runs, open, Number.isFinite(announced) ? announced : 0);
    } catch (error) {
      if (!(error instanceof UploadRefusedError)) throw error;
      c.header("Connection", "close");
      return page(c, open, token, { error: error.message }, error.status);
    }
    let files;
    try {
      files = await receiveMultipartFiles(c.req.raw, tempDir, {
        maxFileBytes: limits.maxFileBytes,
        maxUploadBytes: limits.maxUploadBytes,
        maxFiles: MAX_FORM_FILES,
      });
    } catch (error) {
      if (!(error instanceof MultipartRefusedError)) throw error;
      return page(c, open, token, { error: error.message }, error.status);
    }
    try {
      const total = files.reduce((sum, f) => sum + f.sizeBytes, 0);
      const label = files.length === 1 ? (files[0]?.name ?? "upload") : `${files.length} files`;
      let uploadId: string;
      try {
        uploadId = await startUpload(runs, open, label, total);
      } catch (error) {
        if (!(error instanceof UploadRefusedError)) throw error;
        return page(c, open, token, { error: error.message }, error.status);
      }
      await setUploadSize(runs, open, uploadId, total);
      const justSent: PlainOutcome[] = [];
      for (const file of files) {
        const report = await importReceivedFile(runs, open, uploadId, { path: file.path, name: file.name });
        justSent.push(...report.results.map((r) => plainOutcome(r)));
      }
      return page(c, open, token, { justSent });
    } finally {
      await Promise.all(files.map((f) => removeTempFile(f.path)));
    }
  });

  app.post("/:token/uploads/:uploadId/remove", async (c) => {
    const token = c.req.param("token");
    const open = await openFor(c, token);
    if (!open) return unusable(c);
    const outcome = await removeUpload(runs, open, c.req.param("uploadId"));
    switch (outcome) {
      case "removed":
        return page(c, open, token, { notice: "Removed. Your therapist will not see those files." });
      case "too_late":
        return page(
          c,
          open,
          token,
          { error: "That upload arrived more than a day ago and can no longer be removed here. Please ask your therapist." },
          400,
        );
      case "not_found":
        return unusable(c);
    }
  });

  // Resumable uploads (tus): create, then HEAD for the offset and PATCH the rest after a drop.
  const tusHandler = async (c: Context<AppEnv>) => {
    const token = c.req.param("token") ?? "";
    const open = await openFor(c, token);
    if (!open) return c.text("This link can't be used.", 404);
    const uploadId = c.req.param("uploadId");
    if (uploadId !== undefined && !(await tus.belongsTo(uploadId, open))) return c.text("No such upload.", 404);
    // Each new upload first clears partial files nobody resumed within a day.
    if (c.req.method === "POST") await tus.cleanUpExpired().catch(() => 0);
    return tus.handle(c.req.raw, open, token);
  };
  app.on(["POST", "OPTIONS"], "/:token/tus", tusHandler);
  app.on(["PATCH", "OPTIONS"], "/:token/tus/:uploadId", tusHandler);
  // Hono answers HEAD through the GET route (dropping the body); a real GET would download the bytes, so it is refused.
  app.get("/:token/tus/:uploadId", async (c) => (c.req.raw.method === "HEAD" ? tusHandler(c) : c.text("Not found", 404)));

  return app;
}
