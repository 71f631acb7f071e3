import fs from "node:fs";
import type http from "node:http";
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { serve } from "@hono/node-server";
import { createAuth } from "../auth/auth.js";
import { loadAuthSecret } from "../auth/secret.js";
import { createCheckinScheduler, type CheckinScheduler, type SchedulerFaultHooks } from "../checkins/scheduler.js";
import { postgresLease } from "../checkins/scheduler-lease.js";
import { smtpMailer, type Mailer } from "../platform/mailer.js";
import type { AppConfig } from "../platform/config.js";
import { openDatabase, type Database } from "../db/database.js";
import { checkpointInBackground, type WalCheckpointer } from "../db/wal-checkpointer.js";
import { lockDataDir, type DataDirLock } from "../db/data-dir-lock.js";
import { migrateToLatest } from "../db/migrate.js";
import { packageRoot } from "../shared/package-root.js";
import type { Clock } from "../shared/clock.js";
import type { Logger } from "../shared/logger.js";
import { DiskBlobStore } from "../platform/storage/blob-store.js";
import { createApp } from "./app.js";
import { startHeavyReads } from "./heavy-reads.js";
import { warmHeavyPages } from "../experiments/heavy-pages.js";

/** The web app Vite built (`npm run build`), the same folder from source and from the bundle. */
export const WEB_DIR = path.join(packageRoot(), "dist", "web");

export interface RunningServer {
  url: string;
  port: number;
  database: Database;
  /** Every route the app answers, for the tenancy test that checks each one. */
  routes: { method: string; path: string }[];
  /** The check-in e-mail scheduler, when SMTP is configured and the scheduler is not turned off. */
  scheduler: CheckinScheduler | undefined;
  close(): Promise<void>;
}

/**
 * Opens (and on SQLite, locks) the data, migrates, and listens. With port 0 the OS picks a free
 * port and the base URL follows it, which the tests use.
 */
export async function startServer(options: {
  config: AppConfig;
  logger: Logger;
  clock: Clock;
  webDir?: string;
  database?: Database;
  /** Replaces the SMTP mailer built from the configuration (tests). */
  mailer?: Mailer;
  schedulerHooks?: SchedulerFaultHooks;
}): Promise<RunningServer> {
  const { config, logger, clock } = options;
  const lock: DataDirLock | undefined = config.database.kind === "sqlite" ? lockDataDir(config.dataDir) : undefined;
  // Uploads half-received when a previous run stopped; safe to clear while we hold the lock.
  if (lock) fs.rmSync(path.join(config.dataDir, "tmp"), { recursive: true, force: true });
  const ownsDatabase = options.database === undefined;
  let database: Database | undefined;
  let checkpointer: WalCheckpointer | undefined;
  try {
    database = options.database ?? openDatabase(config.database, { logger });
    const { applied } = await migrateToLatest(database);
    if (applied.length > 0) logger.info({ applied }, "database migrated");
    // Planner statistics before the first request (refreshed hourly while running).
    await database.optimize?.();
    // SQLite: the write-ahead log is checkpointed in a worker thread, not in the middle of a request.
    checkpointer = config.database.kind === "sqlite" ? checkpointInBackground(database, config.database.file, logger) : undefined;
    const mailer = options.mailer ?? (config.smtp ? smtpMailer(config.smtp.url, config.smtp.from) : undefined);
    const { server, routes } = await listen(config, logger, clock, database, options.webDir, mailer);
    const port = (server.address() as AddressInfo).port;
    const url = config.port === 0 ? `http://localhost:${port}` : config.baseUrl;
    const openDb = database;
    const scheduler =
      mailer && config.scheduler?.enabled !== false
        ? createCheckinScheduler({
            database,
            clock,
            logger,
            mailer,
            baseUrl: url,
            intervalMs: config.scheduler?.intervalMs,
            ...(config.database.kind === "postgres" ? { lease: postgresLease(config.database.url, database.schema) } : {}),
            ...(options.schedulerHooks ? { hooks: options.schedulerHooks } : {}),
          })
        : undefined;
    await scheduler?.start();
    return {
      url,
      port,
      database: openDb,
      routes,
      scheduler,
      close: async () => {
        await scheduler?.stop();
        mailer?.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await checkpointer?.close();
        if (ownsDatabase) await openDb.close();
        lock?.release();
      },
    };
  } catch (error) {
    await checkpointer?.close();
    if (ownsDatabase) await database?.close();
    lock?.release();
    throw error;
  }
}

async function listen(
  config: AppConfig,
  logger: Logger,
  clock: Clock,
  database: Database,
  webDir: string | undefined,
  mailer: Mailer | undefined,
): Promise<{ server: http.Server; routes: RunningServer["routes"] }> {
  // With port 0 the base URL is only known after binding, so bind first, then build the app.
  const ready: { handler?: (request: Request, env: unknown) => Response | Promise<Response> } = {};
  const server = serve({
    fetch: (request, env) => (ready.handler ? ready.handler(request, env) : new Response("Starting", { status: 503 })),
    port: config.port,
    hostname: config.host,
  }) as http.Server;
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  server.on("error", (error) => logger.error({ err: error.message }, "server error"));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = config.port === 0 ? `http://localhost:${port}` : config.baseUrl;
  const effective = { ...config, baseUrl };
  const origins = [baseUrl, `http://127.0.0.1:${port}`, `http://localhost:${port}`];
  const auth = createAuth({
    database,
    config: effective,
    secret: loadAuthSecret(config.dataDir, config.authSecret),
    trustedOrigins: origins,
  });
  const blobsDir = path.join(config.dataDir, "blobs");
  // An in-memory SQLite database cannot be opened a second time by a worker: its pages run in place.
  const heavyReads =
    config.database.kind === "sqlite" && config.database.file === ":memory:"
      ? undefined
      : startHeavyReads({ database: config.database, blobsDir }, logger);
  server.once("close", () => void heavyReads?.close());
  const app = createApp(
    { config: effective, database, auth, clock, logger, blobs: new DiskBlobStore(blobsDir), mailer },
    {
      ...(webDir ? { webDir } : {}),
      extraOrigins: origins,
      trustProxy: config.trustProxy,
      heavyReads,
      remoteAddress: (_request, env) => (env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress,
    },
  );
  ready.handler = (request, env) => app.fetch(request, env);
  // The patterns pages are computed once in the background, off this thread.
  if (heavyReads) {
    warmHeavyPages(database, heavyReads, clock).catch((error: unknown) =>
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, "heavy pages not computed ahead"),
    );
  }
  return { server, routes: app.routes.map((r) => ({ method: r.method, path: r.path })) };
}
