import type { Auth } from "../auth/auth.js";
import type { Mailer } from "./mailer.js";
import type { AppConfig } from "./config.js";
import type { Database } from "../db/database.js";
import type { Clock } from "../shared/clock.js";
import type { Logger } from "../shared/logger.js";
import type { BlobStore } from "./storage/blob-store.js";
import type { Actor } from "../shared/scope.js";

/** What the HTTP layer is built from. Passed explicitly; nothing is a global. */
export interface AppDeps {
  config: AppConfig;
  database: Database;
  auth: Auth;
  clock: Clock;
  logger: Logger;
  blobs: BlobStore;
  /** Outgoing mail (SMTP_URL); absent when none is configured. */
  mailer?: Mailer | undefined;
}

export interface AppEnv {
  Variables: {
    actor: Actor;
    requestId: string;
    /** The client's address: the socket's, or the first untrusted X-Forwarded-For hop behind a trusted proxy. */
    clientIp: string;
    /** The request reached us over TLS (directly, or by a trusted proxy's X-Forwarded-Proto). */
    secure: boolean;
  };
}
