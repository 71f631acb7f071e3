import { describe, expect, it } from "vitest";
import { startServer } from "../app/start.js";
import { fixedClock } from "../shared/clock.js";
import { silentLogger } from "../shared/logger.js";
import { startTestApp } from "../../test/support/server.js";
import { testDialect } from "../../test/support/database.js";
import { DataDirLockedError } from "./data-dir-lock.js";

describe.runIf(testDialect === "sqlite")("a second server on the same data directory", () => {
  it("refuses with a clear message and leaves the first one serving", async () => {
    const app = await startTestApp();
    try {
      const second = startServer({
        config: {
          dataDir: app.db.dataDir,
          database: app.db.config,
          port: 0,
          host: "127.0.0.1",
          baseUrl: "http://localhost",
          authSecret: "test-secret-test-secret-test-secret-0123",
          signInAttemptsPerMinute: 10,
          logLevel: "silent",
        },
        logger: silentLogger(),
        clock: fixedClock(new Date()),
      });
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toThrow(/already using the data directory/);
      expect((await app.browser().get("/api/health")).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
