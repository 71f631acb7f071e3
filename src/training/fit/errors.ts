/**
 * Why a FIT file could not be read at all. Anything less severe is a {@link FitWarning}.
 * - `not_fit`: the bytes do not start with a FIT file header.
 * - `corrupt_header`: a FIT signature is present but the header itself is unusable.
 * - `truncated`: the file ends before anything useful could be read.
 * - `corrupt_data`: the data is damaged before anything useful could be read.
 * - `not_activity`: a valid FIT file of another kind (settings, workout, monitoring, weight...).
 * - `internal_error`: a bug in this decoder; never expected, reported rather than leaked.
 */
export type FitParseErrorCode = "not_fit" | "corrupt_header" | "truncated" | "corrupt_data" | "not_activity" | "internal_error";

/** The only error `parseFit` throws: a stable `code` plus a sentence a user can read. */
export class FitParseError extends Error {
  override readonly name = "FitParseError";

  constructor(
    readonly code: FitParseErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Something odd that did not stop the decoder. Each code is reported once, with the byte offset
 * of its first occurrence and how often it happened, so a hostile file cannot flood the list.
 */
export type FitWarningCode =
  | "bad_header_crc"
  | "bad_file_crc"
  | "truncated"
  | "corrupt_data"
  | "trailing_bytes"
  | "skipped_non_activity_file"
  | "missing_file_id"
  | "invalid_base_type"
  | "timestamp_without_reference"
  | "limit_reached";

export interface FitWarning {
  readonly code: FitWarningCode;
  readonly message: string;
  /** Offset in the input of the first occurrence. */
  readonly byteOffset: number;
  readonly occurrences: number;
}

/** Collects warnings, one entry per code, so memory stays bounded whatever the input. */
export class WarningLog {
  readonly #byCode = new Map<FitWarningCode, { first: Omit<FitWarning, "occurrences">; count: number }>();
  #added = 0;

  /** How many warnings were added, repeats included. */
  get added(): number {
    return this.#added;
  }

  add(code: FitWarningCode, message: string, byteOffset: number): void {
    this.#added += 1;
    const seen = this.#byCode.get(code);
    if (seen) {
      seen.count += 1;
      return;
    }
    this.#byCode.set(code, { first: { code, message, byteOffset }, count: 1 });
  }

  has(code: FitWarningCode): boolean {
    return this.#byCode.has(code);
  }

  list(): FitWarning[] {
    return [...this.#byCode.values()].map(({ first, count }) => ({ ...first, occurrences: count }));
  }
}
