import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/database.js";
import { buildFitRun, DOWNHILL_TRAIL } from "../../test/support/runs.js";
import { PALPABLE_BIN } from "../../test/support/cli.js";

const run = promisify(execFile);

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
    const { stdout, stderr } = await run(process.execPath, [PALPABLE_BIN, ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("palpable CLI", () => {
  it.each(["start", "demo", "user add", "import", "activity", "reprocess"])("%s --help explains its options", async (command) => {
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

  it("refuses to create a practice without an owner (--role therapist on a new practice)", async () => {
    const args = ["user", "add", "--email", "t@example.test", "--name", "Tess", "--practice-name", "Nowhere Clinic", "--role", "therapist"];
    const result = await palpable(...args);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('There is no practice called "Nowhere Clinic" yet, and a new practice needs an owner first');
    const again = await palpable("user", "add", "--email", "o@example.test", "--name", "Otto", "--practice-name", "Nowhere Clinic");
    expect(again.stdout).toContain('Created practice "Nowhere Clinic" with o@example.test as owner');
  });

  it("refuses to load the demo over existing data", async () => {
    const result = await palpable("demo");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("already has a practice");
  });
});

describe("palpable training commands", () => {
  it("activity --json describes files without a database, one JSON line per file, errors included", async () => {
    const fs = await import("node:fs");
    const dir = fs.mkdtempSync(path.join(db.dataDir, "files-"));
    fs.writeFileSync(
      path.join(dir, "trail.fit"),
      buildFitRun({ start: "2026-11-20T07:00:00Z", segments: DOWNHILL_TRAIL, subSport: "trail" }),
    );
    fs.writeFileSync(path.join(dir, "notes.txt"), "hello");
    const result = await palpable("activity", dir, "--json");
    expect(result.code).toBe(1);
    const lines = result.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    const [notes, trail] = lines;
    expect(notes).toMatchObject({ file: path.join(dir, "notes.txt"), reason: "unsupported_format" });
    expect(notes?.error).toBeTruthy();
    expect(trail).toMatchObject({ file: path.join(dir, "trail.fit"), sport: "trail_running", startTime: "2026-11-20T07:00:01.000Z" });
    for (const key of ["durationS", "distanceM", "elevationGainM", "elevationLossM", "avgCadenceSpm", "avgHeartRate"])
      expect(typeof trail?.[key]).toBe("number");
    expect((trail?.labels as { kind: string }[]).map((l) => l.kind)).toContain("downhill");
  });

  it("import --client reads files and zips for a client, skips duplicates, and reprocess recomputes them", async () => {
    const fs = await import("node:fs");
    await palpable(
      "user",
      "add",
      "--email",
      "imp@example.test",
      "--name",
      "Imp",
      "--practice-name",
      "Importers",
      "--password",
      "a-long-password-1",
    );
    const { createClient } = await import("../clients/service.js");
    const [practiceId] = await (await import("../practices/repository.js")).findPracticeIdsByName(db.database.db, "Importers");
    await createClient(
      { database: db.database, clock: { now: () => new Date() } },
      { practiceId: practiceId ?? "" },
      { firstName: "Run", lastName: "Ner", email: "runner@example.test", phone: undefined, notes: undefined },
    );
    const file = path.join(db.dataDir, "easy.fit");
    fs.writeFileSync(file, buildFitRun({ start: "2026-11-21T07:00:00Z" }));
    const first = await palpable("import", "--client", "runner@example.test", file, "--json");
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout.trim())).toMatchObject({ file: "easy.fit", status: "imported" });
    const again = await palpable("import", "--client", "runner@example.test", file);
    expect(again.stdout).toContain("0 imported, 1 duplicates, 0 rejected");
    const unknown = await palpable("import", "--client", "nobody@example.test", file);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No client has the email nobody@example.test");
    const { LABEL_VERSION } = await import("../training/analysis/thresholds.js");
    const stored = await db.database.db.selectFrom("activity").select(["id", "labels_json", "label_version"]).executeTakeFirstOrThrow();
    expect(stored.label_version).toBe(LABEL_VERSION);
    const unchanged = await palpable("reprocess");
    expect(unchanged.code).toBe(0);
    expect(unchanged.stdout).toMatch(/^1 activities recomputed, labels changed on 0 /);
    // As if labelled by older rules: other labels, version 1.
    await db.database.db
      .updateTable("activity")
      .set({
        labels_json: JSON.stringify([{ kind: "intervals", confidence: 0.9, evidence: "old", details: { segments: [], figures: {} } }]),
        label_version: 1,
      })
      .where("id", "=", stored.id)
      .execute();
    const reprocess = await palpable("reprocess");
    expect(reprocess.code).toBe(0);
    expect(reprocess.stdout).toMatch(/^1 activities recomputed, labels changed on 1 \(labelling rules version \d+\)/);
    const after = await db.database.db
      .selectFrom("activity")
      .select(["labels_json", "label_version"])
      .where("id", "=", stored.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ labels_json: stored.labels_json, label_version: LABEL_VERSION });
  }, 90_000); // seven CLI processes, each starting from source

  it("imports and reprocesses a zip on worker threads (the source's or the build's) with the same results", async () => {
    const fs = await import("node:fs");
    const { buildZip, gzip } = await import("../../test/support/zip.js");
    const { IN_THREAD_FIRST_FILES } = await import("../training/import/analysis-pool.js");
    await palpable(
      "user",
      "add",
      "--email",
      "zip@example.test",
      "--name",
      "Zip",
      "--practice-name",
      "Zippers",
      "--password",
      "a-long-password-1",
    );
    const { createClient } = await import("../clients/service.js");
    const [practiceId] = await (await import("../practices/repository.js")).findPracticeIdsByName(db.database.db, "Zippers");
    await createClient(
      { database: db.database, clock: { now: () => new Date() } },
      { practiceId: practiceId ?? "" },
      { firstName: "Zip", lastName: "Runner", email: "zip-runner@example.test", phone: undefined, notes: undefined },
    );
    const runs = IN_THREAD_FIRST_FILES + 4;
    const entries: Record<string, Uint8Array> = {};
    for (let i = 0; i < runs; i++)
      entries[`activities/${i}.fit.gz`] = gzip(buildFitRun({ start: `2026-10-${10 + i}T07:00:00Z`, seed: 80 + i }));
    entries["activities/zz-broken.fit"] = new Uint8Array([1, 2, 3]);
    const file = path.join(db.dataDir, "export.zip");
    fs.writeFileSync(file, await buildZip(entries));
    const imported = await palpable("import", "--client", "zip-runner@example.test", file, "--json");
    const lines = imported.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { file: string; status: string });
    expect(lines.map((l) => l.status)).toEqual([...Array<string>(runs).fill("imported"), "rejected"]);
    expect(lines.at(-1)?.file).toBe("export.zip/activities/zz-broken.fit");
    const reprocess = await palpable("reprocess");
    expect(reprocess.code).toBe(0);
    expect(reprocess.stdout).toMatch(/ activities recomputed, labels changed on 0 /);
  }, 120_000);
});
