import path from "node:path";
import type { RunsLinkLimits } from "../shared/limits.js";
import { parseTrustProxy, type TrustProxy } from "../shared/trust-proxy.js";

export type DatabaseConfig = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };

export interface AppConfig {
  /** Directory for the SQLite database, the lock file and raw uploaded files. */
  dataDir: string;
  database: DatabaseConfig;
  port: number;
  host: string;
  /** Public origin of the app, used for cookie scope and the same-origin check on writes. */
  baseUrl: string;
  /** Secret used to sign session cookies and encrypt two-factor secrets. */
  authSecret: string | undefined;
  /** Sign-in attempts allowed per client address per minute. */
  signInAttemptsPerMinute: number;
  logLevel: string;
  /** Outgoing mail for check-ins; without it, check-ins go to the outbox only. */
  smtp?: { url: string; from: string };
  /** Reverse proxies whose X-Forwarded-For/-Proto are believed (PALPABLE_TRUST_PROXY); unset, none are. */
  trustProxy?: TrustProxy | undefined;
  /** The check-in scheduler (on unless PALPABLE_SCHEDULER=off); it sends only when SMTP is configured. */
  scheduler?: { enabled: boolean; intervalMs: number };
  /** Size limits and quota of the client's "send your runs" link; the defaults in runs-link/limits.ts when absent. */
  runsLinkLimits?: RunsLinkLimits;
}

const DEFAULT_PORT = 3000;

/** Reads configuration from environment variables (see README, "Configuration"). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const dataDir = path.resolve(cwd, env.PALPABLE_DATA_DIR ?? "data");
  const port = parsePort(env.PORT);
  const host = env.HOST ?? "127.0.0.1";
  const databaseUrl = env.DATABASE_URL?.trim();
  const smtpUrl = env.SMTP_URL?.trim();
  return {
    dataDir,
    database: databaseUrl ? { kind: "postgres", url: databaseUrl } : { kind: "sqlite", file: path.join(dataDir, "palpable.sqlite") },
    port,
    host,
    baseUrl: (env.PALPABLE_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, ""),
    authSecret: env.PALPABLE_SECRET,
    signInAttemptsPerMinute: 10,
    logLevel: env.LOG_LEVEL ?? "info",
    ...(smtpUrl ? { smtp: { url: smtpUrl, from: env.SMTP_FROM?.trim() || "Palpable <no-reply@localhost>" } } : {}),
    scheduler: { enabled: env.PALPABLE_SCHEDULER !== "off", intervalMs: 60_000 },
    trustProxy: parseTrustProxy(env.PALPABLE_TRUST_PROXY),
  };
}

/** The configuration with the command line's choices (--port, --data-dir) over the environment's. */
export function configFromCommandLine(options: { port?: string | undefined; dataDir?: string | undefined }): AppConfig {
  return configFromEnv({
    ...process.env,
    ...(options.port !== undefined ? { PORT: options.port } : {}),
    ...(options.dataDir !== undefined ? { PALPABLE_DATA_DIR: options.dataDir } : {}),
  });
}

/** The environment a child process (pg_dump, pg_restore) runs with: this process's, with `extra` over it. */
export function childProcessEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === "") return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${value}"`);
  }
  return port;
}
