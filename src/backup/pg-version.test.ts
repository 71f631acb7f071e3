import { describe, expect, it } from "vitest";
import { majorVersion, pgDumpVersionProblem } from "./pg-version.js";

describe("pg_dump version check", () => {
  it("reads the major version from pg_dump's output and from a server version", () => {
    expect(majorVersion("pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)")).toBe(15);
    expect(majorVersion("16.4 (Debian 16.4-1.pgdg120+2)")).toBe(16);
    expect(majorVersion("9.6.24")).toBe(9);
  });

  it("names both versions when pg_dump is older than the server", () => {
    const problem = pgDumpVersionProblem("pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n", "17.2 (Debian 17.2-1)");
    expect(problem).toContain("pg_dump 15 is older than the PostgreSQL 17 server (17.2 (Debian 17.2-1))");
  });

  it("accepts a pg_dump of the same or a newer major version", () => {
    expect(pgDumpVersionProblem("pg_dump (PostgreSQL) 15.20", "15.20 (Debian 15.20-0+deb12u1)")).toBeUndefined();
    expect(pgDumpVersionProblem("pg_dump (PostgreSQL) 17.0", "15.4")).toBeUndefined();
  });
});
