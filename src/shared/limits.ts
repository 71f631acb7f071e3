/**
 * Every size limit on what the server accepts, in one place: request bodies, uploads, what an
 * import may read or inflate, and what a client may send through a "send your runs" link.
 * Each refusal names the limit it hit (413 with the size). No imports.
 */

/** Request bodies that are not uploads. */
export const REQUEST_LIMITS = {
  /** JSON API bodies are small; file uploads get their own, larger limit on their own routes. */
  apiBodyBytes: 256 * 1024,
  /** A check-in answered on its link page (a plain form). */
  checkinFormBytes: 64 * 1024,
  /** The invitation form on /join (name and password). */
  joinFormBytes: 16 * 1024,
} as const;

/** One training upload by the practice may be a whole multi-year export (a zip). */
export const TRAINING_UPLOAD_MAX_BYTES = 4 * 1024 * 1024 * 1024;

/** Bounds on what an import may make us read or inflate; each is far above any real file. */
export const IMPORT_LIMITS = {
  /** A single activity file, after gunzip or unzip. The 12-hour, 42,709-record corpus run is 2.6 MB. */
  maxFileBytes: 128 * 1024 * 1024,
  /** Entries in one archive, nested archives included. A five-year Strava export has a few thousand. */
  maxArchiveEntries: 100_000,
  /**
   * Bytes inflated from one upload in all, nested archives included. A five-year export inflates
   * to a few hundred MB; a crafted archive is stopped here rather than after gigabytes.
   */
  maxTotalInflatedBytes: 2 * 1024 * 1024 * 1024,
  /**
   * Processor time spent inflating one upload (process CPU time measured around each entry, so
   * other work running meanwhile counts too and the budget errs towards stopping early).
   */
  maxInflateCpuMs: 20_000,
  /** Garmin exports nest zips two deep; anything deeper is refused. */
  maxArchiveDepth: 3,
} as const;

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
