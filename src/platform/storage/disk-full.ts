import { AppError } from "../errors.js";

/**
 * A full disk, however it shows: ENOSPC (or EDQUOT, a full quota) from the file system,
 * SQLITE_FULL from SQLite, 53100 disk_full from PostgreSQL. Each becomes one clear answer, 507,
 * instead of a 500 or a misleading "interrupted".
 */
export function isDiskFull(error: unknown): boolean {
  if (error === null || typeof error !== "object") return false;
  const code = (error as { code?: unknown }).code;
  if (code === "ENOSPC" || code === "EDQUOT" || code === "SQLITE_FULL" || code === "53100") return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isDiskFull(cause);
}

export function diskFull(): AppError {
  return new AppError(507, "disk_full", "The server's disk is full: nothing was saved. Ask whoever runs Palpable to free some space.");
}
