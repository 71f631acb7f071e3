import { IMPORT_LIMITS } from "../training/import/limits.js";

/** Bounds on what a client may send through a "send your runs" link; each refusal names the one it hit. */
export interface RunsLinkLimits {
  /** One activity file (FIT, GPX, TCX, gzipped or not) sent on its own. */
  maxFileBytes: number;
  /** One upload: a whole export zip, or all the files of one form post. */
  maxUploadBytes: number;
  /** Bytes one client may send in any 24 hours, through all their links. */
  dailyBytesPerClient: number;
  /** How long a new link works. */
  linkLifetimeDays: number;
}

/**
 * A five-year Strava export is a few hundred MB; a watch's activity file a few MB. The daily quota
 * allows two large exports a day and stops a link that leaked from filling the disk.
 */
export const RUNS_LINK_LIMITS: RunsLinkLimits = {
  maxFileBytes: IMPORT_LIMITS.maxFileBytes,
  maxUploadBytes: 1024 * 1024 * 1024,
  dailyBytesPerClient: 2 * 1024 * 1024 * 1024,
  linkLifetimeDays: 30,
};

/** How long after it arrived the runner may still remove an upload. */
export const REMOVE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** "1 GB" or "128 MB" or "12 KB": sizes the way the refusals say them. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${+(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${+(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
