import { gunzipSync } from "node:zlib";
import type { ActivityFormat, ActivityParseResult, ParsedActivity } from "./activity.js";
import { FitParseError, parseFit } from "./fit/index.js";
import { fitToActivity } from "./fit-adapter.js";
import { parseGpx } from "./gpx/index.js";
import { IMPORT_LIMITS } from "./import/limits.js";
import { RejectedFileError } from "./import/rejection.js";
import { cutImplausible, PLAUSIBLE } from "./plausibility.js";
import { inferSport, withSport } from "./sport-inference.js";
import { parseTcx } from "./tcx/index.js";
import { TrainingFileError } from "./xml/errors.js";

export interface ParsedTrainingFile extends ActivityParseResult {
  format: ActivityFormat;
  /** Every leg, in start order; `activity` is the first. */
  legs: readonly ParsedActivity[];
}

/**
 * Reads one training file of any supported kind — FIT, GPX or TCX, each optionally gzipped —
 * recognising it by its content rather than its name. A file may hold several legs (sessions,
 * activities, multisport legs); each comes back separately. A leg whose file does not say its
 * sport gets one inferred from its samples, with the evidence. Throws only {@link RejectedFileError}.
 * `detail: false` leaves out of FIT records what the summary without detail does not read (power,
 * running dynamics, developer fields), for `palpable activity`.
 */
export function parseTrainingFile(bytes: Uint8Array, options: { detail?: boolean } = {}): ParsedTrainingFile {
  if (bytes.byteLength === 0) throw new RejectedFileError("empty", "the file is empty");
  const content = isGzip(bytes) ? gunzip(bytes) : bytes;
  const format = sniffFormat(content);
  try {
    switch (format) {
      case "fit":
        return withLegs(format, fitToActivity(parseFit(content, { recordFields: options.detail === false ? "analysed" : "all" })));
      case "gpx":
        return withLegs(format, parseGpx(content));
      case "tcx":
        return withLegs(format, parseTcx(content));
      case undefined:
        throw new RejectedFileError("unsupported_format", "not a FIT, GPX or TCX file");
    }
  } catch (error) {
    throw toRejection(error);
  }
}

/**
 * Per leg: the sport inferred when the file does not say it, then physically impossible values
 * cut (plausibility.ts). A file whose checksum failed and whose values are impossible is refused:
 * its bytes cannot be trusted, and what it would add (a 42,000 km run) would poison the load.
 */
function withLegs(format: ActivityFormat, result: ActivityParseResult): ParsedTrainingFile {
  const warnings = [...result.warnings];
  const legs = (result.legs ?? [result.activity]).map((parsed) => {
    let leg = parsed;
    if (leg.sportStated === false) {
      const guess = inferSport(leg);
      leg = withSport(leg, guess.sport, guess.evidence);
    }
    const checked = cutImplausible(leg);
    if (result.checksumFailed && checked.cut >= PLAUSIBLE.rejectCutMin && checked.cutShare > PLAUSIBLE.rejectCutShare) {
      throw new RejectedFileError(
        "implausible",
        `the file's checksum fails and ${Math.round(checked.cutShare * 100)}% of its samples hold impossible values: ${checked.warnings.join(" ")}`,
      );
    }
    warnings.push(...checked.warnings);
    return checked.activity;
  });
  const first = legs[0] ?? result.activity;
  return { format, activity: first, legs, warnings };
}

function toRejection(error: unknown): RejectedFileError {
  if (error instanceof RejectedFileError) return error;
  if (error instanceof FitParseError) {
    const reason = error.code === "not_activity" ? "not_an_activity" : error.code === "corrupt_header" ? "corrupt_header" : "corrupt";
    return new RejectedFileError(reason, error.message);
  }
  if (error instanceof TrainingFileError) {
    const reason = error.code === "too_large" ? "too_large" : error.code === "no_track_points" ? "not_an_activity" : "corrupt";
    return new RejectedFileError(reason, error.message);
  }
  // A parser bug must not take an import down: the file is reported, the rest goes on.
  return new RejectedFileError("corrupt", `the file could not be read (${error instanceof Error ? error.message : "unknown error"})`);
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function gunzip(bytes: Uint8Array): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: IMPORT_LIMITS.maxFileBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw new RejectedFileError("zip_bomb", `the gzip data expands beyond ${IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MB`);
    }
    throw new RejectedFileError("corrupt", "the gzip data is damaged");
  }
}

/** FIT files say ".FIT" at byte 8; GPX and TCX are XML with a telling root element. */
export function sniffFormat(bytes: Uint8Array): ActivityFormat | undefined {
  if (bytes.byteLength >= 12 && bytes[8] === 0x2e && bytes[9] === 0x46 && bytes[10] === 0x49 && bytes[11] === 0x54) return "fit";
  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 4096));
  if (/<(?:[A-Za-z_][\w.-]*:)?gpx[\s>]/.test(head)) return "gpx";
  if (/<(?:[A-Za-z_][\w.-]*:)?TrainingCenterDatabase[\s>]/.test(head)) return "tcx";
  return undefined;
}
