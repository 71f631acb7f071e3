import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "./data-dir-lock.js";

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "palpable-lock-"));
}

describe("data directory lock", () => {
  it("refuses a second claim while the first is held, and allows one after release", () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    lock.release();
    lockDataDir(dir).release();
  });

  it("takes over a lock left by a process that no longer exists", () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    fs.writeFileSync(path.join(dir, "palpable.lock"), `${dead.stdout}\n`);
    const lock = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, "palpable.lock"), "utf8").trim()).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(path.join(dir, "palpable.lock"))).toBe(false);
  });
});
