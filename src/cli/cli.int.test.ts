import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database.js";

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, "../../bin/palpable.mjs");

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.cleanup());

/** Runs the real CLI against this test's database and returns its exit code and output. */
async function palpable(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PALPABLE_DATA_DIR: db.dataDir, LOG_LEVEL: "silent" };
  if (db.config.kind === "postgres") env.DATABASE_URL = db.config.url;
  else delete env.DATABASE_URL;
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("palpable CLI", () => {
  it.each(["start", "demo", "user add"])("%s --help explains its options", async (command) => {
    const result = await palpable(...command.split(" "), "--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: palpable /);
  });

  it("adds a practitioner, creating the practice when it is new, then adds another to it", async () => {
    const first = await palpable(
      "user",
      "add",
      "--email",
      "Ines@Example.test",
      "--name",
      "Ines Ortega",
      "--practice-name",
      "Riverside",
      "--password",
      "a-long-password-1",
    );
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain('Created practice "Riverside" with ines@example.test as owner');
    const second = await palpable("user", "add", "--email", "jo@example.test", "--name", "Jo", "--practice-name", "Riverside");
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Added jo@example.test to "Riverside" as therapist');
    expect(second.stdout).toMatch(/Temporary password \(shown once\): [0-9a-z]{20}/);
  });

  it("names the option that is wrong", async () => {
    const missing = await palpable("user", "add", "--email", "x@example.test", "--practice-name", "Riverside");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--name is required");
    const badRole = await palpable(
      "user",
      "add",
      "--email",
      "x@example.test",
      "--name",
      "X",
      "--practice-name",
      "Riverside",
      "--role",
      "boss",
    );
    expect(badRole.stderr).toContain("--role must be one of owner, therapist, assistant");
    const duplicate = await palpable("user", "add", "--email", "jo@example.test", "--name", "Jo", "--practice-name", "Riverside");
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain("already exists");
    const unknown = await palpable("frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  });

  it("refuses to load the demo over existing data", async () => {
    const result = await palpable("demo");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("already has a practice");
  });
});
