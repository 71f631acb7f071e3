/** The size limits live with every other limit in shared/limits.ts. */
export { RUNS_LINK_LIMITS, type RunsLinkLimits } from "../shared/limits.js";

/** How long after it arrived the runner may still remove an upload. */
export const REMOVE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** "1 GB" or "128 MB" or "12 KB": sizes the way the refusals say them. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${+(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${+(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
