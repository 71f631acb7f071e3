/** Bounds on what an import may make us read or inflate; each is far above any real file. */
export const IMPORT_LIMITS = {
  /** A single activity file, after gunzip or unzip. The 12-hour, 42,709-record corpus run is 2.6 MB. */
  maxFileBytes: 128 * 1024 * 1024,
  /** Entries in one archive, nested archives included. A five-year Strava export has a few thousand. */
  maxArchiveEntries: 100_000,
  /** Bytes inflated from one upload in all, nested archives included. */
  maxTotalInflatedBytes: 8 * 1024 * 1024 * 1024,
  /** Garmin exports nest zips two deep; anything deeper is refused. */
  maxArchiveDepth: 3,
} as const;
