import { FitStreamDecoder } from "./decode-stream.js";
import type { RecordFieldSelection } from "./record-columns.js";
import { FILE_NAMES } from "./enum-names.js";
import { FitParseError } from "./errors.js";
import { EMPTY_FILE_ID } from "./summaries.js";
import type { FitParseResult } from "./types.js";

/**
 * Decodes a FIT activity file (or several chained in one stream) from its bytes.
 *
 * Damage that leaves data readable — a bad CRC, a truncated tail, trailing garbage — is reported
 * in `warnings` and everything before it is kept. Throws only {@link FitParseError}: when the
 * bytes are not FIT, when nothing could be read, or when the file is not an activity
 * (`not_activity`: settings, workouts, monitoring, weight...).
 * Time and memory are linear in the input size, whatever the input.
 */
export interface FitParseOptions {
  /**
   * "analysed" keeps only the record fields the activity analysis reads: the others (power,
   * running dynamics, developer fields) come back null or absent, and nothing else changes —
   * not the warnings, not the memory limits, which count the skipped fields as if they were kept.
   */
  readonly recordFields?: RecordFieldSelection;
}

export function parseFit(bytes: Uint8Array, options: FitParseOptions = {}): FitParseResult {
  try {
    return decodeActivity(bytes, options.recordFields ?? "all");
  } catch (error) {
    if (error instanceof FitParseError) throw error;
    // A bug, not bad input; callers are promised a FitParseError either way.
    throw new FitParseError("internal_error", "The FIT decoder failed unexpectedly on this file.", { cause: error });
  }
}

function decodeActivity(bytes: Uint8Array, recordFields: RecordFieldSelection): FitParseResult {
  const decoder = new FitStreamDecoder(bytes, recordFields);
  decoder.decode();
  const { summaries, warnings } = decoder;
  const records = decoder.records.finish();
  const hasActivityContent = records.count > 0 || summaries.sessions.length > 0 || summaries.laps.length > 0;

  if (!summaries.activityFileId) {
    const otherType = summaries.fileTypes.find((type) => type !== null);
    if (otherType !== undefined && otherType !== null) {
      const name = FILE_NAMES[otherType] ?? `type ${otherType}`;
      throw new FitParseError("not_activity", `This FIT file holds ${name} data, not an activity.`);
    }
    if (!hasActivityContent) throw nothingReadable(warnings.has("truncated"), warnings.has("corrupt_data"));
    warnings.add("missing_file_id", "The file has no file_id message; it was read as an activity because it holds activity data.", 0);
  }

  for (let i = 1; i < summaries.fileTypes.length; i++) {
    const type = summaries.fileTypes[i];
    if (type !== null && type !== undefined && type !== 4) {
      warnings.add("skipped_non_activity_file", `A chained ${FILE_NAMES[type] ?? `type ${type}`} file was skipped.`, 0);
    }
  }

  return {
    activity: {
      fileId: summaries.activityFileId ?? EMPTY_FILE_ID,
      records,
      sessions: summaries.sessions,
      laps: summaries.laps,
      lengths: summaries.lengths,
      events: summaries.events,
      devices: summaries.devices,
      sports: summaries.sports,
      developerFields: decoder.developer.described,
      localTimeOffsetSeconds: summaries.localTimeOffsetSeconds,
    },
    warnings: warnings.list(),
  };
}

function nothingReadable(truncated: boolean, corrupt: boolean): FitParseError {
  if (truncated) return new FitParseError("truncated", "The file is cut short before any activity data.");
  if (corrupt) return new FitParseError("corrupt_data", "The file is damaged before any activity data.");
  return new FitParseError("not_activity", "This FIT file has no file_id and no activity data.");
}
