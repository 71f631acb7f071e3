import type { SchedulerFaultHooks } from "../../src/checkins/scheduler.js";
import type { AppConfig } from "../../src/platform/config.js";
import type { RunsLinkLimits } from "../../src/runs-link/limits.js";
import { parseTrustProxy } from "../../src/platform/client-address.js";
import { startServer, type RunningServer } from "../../src/app/start.js";
import { fixedClock } from "../../src/shared/clock.js";
import { silentLogger } from "../../src/shared/logger.js";
import { createTestDatabase, type TestDatabase } from "./database.js";
import { TestBrowser } from "./http.js";

export interface TestApp {
  server: RunningServer;
  db: TestDatabase;
  clock: ReturnType<typeof fixedClock>;
  url: string;
  browser(): TestBrowser;
  close(): Promise<void>;
}

/** The real server on a free port over a fresh database, with a clock the test controls. */
export async function startTestApp(
  options: {
    webDir?: string;
    now?: Date;
    smtpUrl?: string;
    schedulerHooks?: SchedulerFaultHooks;
    trustProxy?: string;
    runsLinkLimits?: RunsLinkLimits;
  } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const clock = fixedClock(options.now ?? new Date());
  const config: AppConfig = {
    dataDir: db.dataDir,
    database: db.config,
    port: 0,
    host: "127.0.0.1",
    baseUrl: "http://localhost",
    authSecret: "test-secret-test-secret-test-secret-0123",
    signInAttemptsPerMinute: 10,
    logLevel: "silent",
    // A pass runs at start-up; tests then drive the scheduler with runOnce() and the test clock.
    scheduler: { enabled: true, intervalMs: 3_600_000 },
    trustProxy: parseTrustProxy(options.trustProxy),
    ...(options.runsLinkLimits ? { runsLinkLimits: options.runsLinkLimits } : {}),
    ...(options.smtpUrl ? { smtp: { url: options.smtpUrl, from: "Palpable <checkins@palpable.test>" } } : {}),
  };
  const server = await startServer({
    config,
    logger: silentLogger(),
    clock,
    database: db.database,
    ...(options.schedulerHooks ? { schedulerHooks: options.schedulerHooks } : {}),
    ...(options.webDir ? { webDir: options.webDir } : {}),
  });
  const url = server.url.replace("localhost", "127.0.0.1");
  return {
    server,
    db,
    clock,
    url,
    browser: () => new TestBrowser(url),
    close: async () => {
      await server.close();
      await db.cleanup().catch(() => undefined);
    },
  };
}
