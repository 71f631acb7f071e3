import fs from "node:fs";

/**
 * Health data on disk is the server's alone: folders it makes are owner-only (0700) and files
 * owner read/write (0600), whatever the process umask allows.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Makes a folder (and missing parents) owner-only. Folders that already exist keep their mode. */
export async function makePrivateDir(dir: string): Promise<void> {
  await fs.promises.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

export function makePrivateDirSync(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Creates an empty file owner-only if it does not exist yet, so a library that creates it later
 * (SQLite, with the umask's 0644) finds it private; SQLite gives its -wal and -shm files the same mode.
 */
export function ensurePrivateFileSync(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, "wx", PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}
