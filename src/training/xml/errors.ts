/**
 * Why a GPX or TCX file could not be read at all. Anything less severe becomes a warning.
 * - `not_xml`: the bytes are not well-formed XML (or break before any sample could be kept).
 * - `xml_entity_forbidden`: a DOCTYPE declares entities (XXE, "billion laughs"); refused outright.
 * - `too_large`: the input is over the byte limit.
 * - `too_deep`: elements nest deeper than any real GPX/TCX file does.
 * - `not_gpx` / `not_tcx`: well-formed XML whose root element is not the expected one.
 * - `no_track_points`: the right format, but no sample with a time (a route, a course, an empty track).
 * - `internal_error`: a bug in these parsers; never expected, reported rather than leaked.
 */
export type TrainingFileErrorCode =
  "not_xml" | "xml_entity_forbidden" | "too_large" | "too_deep" | "not_gpx" | "not_tcx" | "no_track_points" | "internal_error";

/** The only error `parseGpx` and `parseTcx` throw: a stable `code` plus a sentence a user can read. */
export class TrainingFileError extends Error {
  override readonly name = "TrainingFileError";

  constructor(
    readonly code: TrainingFileErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Runs a parser and turns anything but a {@link TrainingFileError} into `internal_error`. */
export function withTypedErrors<T>(formatName: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof TrainingFileError) throw error;
    // A bug, not bad input; callers are promised a TrainingFileError either way.
    throw new TrainingFileError("internal_error", `The ${formatName} reader failed unexpectedly on this file.`, { cause: error });
  }
}
