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
