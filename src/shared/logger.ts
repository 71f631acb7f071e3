import { pino, type Logger } from "pino";

export type { Logger };

/**
 * Structured logs. Health data never goes in: request logs carry method, route pattern, status and
 * timing only (no query strings, no bodies), and anything that looks like a credential is redacted.
 */
export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: { service: "palpable" },
      redact: {
        paths: ["req.headers.cookie", "req.headers.authorization", "password", "*.password", "token", "*.token"],
        censor: "[redacted]",
      },
    },
    options.destination ?? process.stdout,
  );
}

/** A logger that writes nothing; used by tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
