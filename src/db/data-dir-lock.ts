import fs from "node:fs";
import path from "node:path";
import { makePrivateDirSync } from "../platform/storage/private-files.js";

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `Another Palpable process (pid ${holderPid}) is already using the data directory ${dataDir}. ` +
        "Stop it first, or start this one with a different PALPABLE_DATA_DIR.",
    );
    this.name = "DataDirLockedError";
  }
}

export interface DataDirLock {
  release(): void;
}

/**
 * Claims the data directory for this process so a second server cannot open the same SQLite
 * database and files. The lock file holds the owner's pid; a lock left by a process that no
 * longer exists (a crash, a power cut) is taken over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  makePrivateDirSync(dataDir);
  const lockPath = path.join(dataDir, "palpable.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx", 0o600);
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      return { release: () => releaseIfOurs(lockPath) };
    } catch (error) {
      if (!isErrno(error, "EEXIST")) throw error;
      const holder = readHolderPid(lockPath);
      if (holder !== undefined && (holder === process.pid || isAlive(holder))) throw new DataDirLockedError(dataDir, holder);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not claim the data directory ${dataDir}: its lock file keeps reappearing`);
}

function releaseIfOurs(lockPath: string): void {
  if (readHolderPid(lockPath) === process.pid) fs.rmSync(lockPath, { force: true });
}

function readHolderPid(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(lockPath, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrno(error, "EPERM");
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
