import { describe, expect, it } from "vitest";
import { configFromEnv } from "./config.js";

describe("configFromEnv", () => {
  it("has no SMTP and the scheduler on when nothing is set", () => {
    const config = configFromEnv({}, "/srv");
    expect(config.smtp).toBeUndefined();
    expect(config.scheduler).toEqual({ enabled: true, intervalMs: 60_000 });
  });

  it("reads SMTP_URL and SMTP_FROM, and PALPABLE_SCHEDULER=off turns the scheduler off", () => {
    const config = configFromEnv(
      { SMTP_URL: " smtp://user:pass@mail.example:587 ", SMTP_FROM: "Hill Massage <hi@example.com>", PALPABLE_SCHEDULER: "off" },
      "/srv",
    );
    expect(config.smtp).toEqual({ url: "smtp://user:pass@mail.example:587", from: "Hill Massage <hi@example.com>" });
    expect(config.scheduler?.enabled).toBe(false);
  });
});
