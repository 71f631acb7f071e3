import type { ActivityFormat, ParsedActivity, Sport } from "../activity.js";
import { analyseRecords, EMPTY_STREAM, type RecordsAnalysis } from "../analyse.js";
import { storedStream, type StoredStream } from "../stored-stream.js";
import { parseTrainingFile } from "../parse-file.js";
import { withSport } from "../sport-inference.js";
import { RejectedFileError, type RejectionReason } from "./rejection.js";

/** The parts of a parsed leg that are stored as columns (no samples: they stay with the worker). */
export type LegFacts = Pick<ParsedActivity, "sport" | "sportStated" | "sportEvidence" | "sportLabel" | "startTime" | "localOffsetMinutes">;

/**
 * One file read and analysed as far as its own records go: per leg, the stored facts and the
 * history-free analysis (analyse.ts completeAnalysis finishes it with the client's history), or
 * why the file is refused. Plain data, so it crosses from a worker thread by structured clone.
 */
export type FileAnalysis =
  | { ok: true; format: ActivityFormat; warnings: string[]; legs: { facts: LegFacts; records: RecordsAnalysis; stored: StoredStream }[] }
  | { ok: false; reason: RejectionReason; message: string };

/**
 * Parses and analyses one file's bytes. `sports[i]`, when set, is a practitioner's correction of
 * leg i's sport, applied before the analysis. A file we cannot read is `ok: false`; any other
 * error is a fault in our code and is thrown.
 */
export function analyseFile(bytes: Uint8Array, sports: readonly (Sport | null)[] = []): FileAnalysis {
  let parsed;
  try {
    parsed = parseTrainingFile(bytes);
  } catch (error) {
    if (error instanceof RejectedFileError) return { ok: false, reason: error.reason, message: error.message };
    throw error;
  }
  return {
    ok: true,
    format: parsed.format,
    warnings: [...parsed.warnings],
    legs: parsed.legs.map((parsedLeg, index) => {
      const sport = sports[index] ?? null;
      const leg = sport ? withSport(parsedLeg, sport, null) : parsedLeg;
      const records = analyseRecords(leg);
      // The stream's stored JSON and run features are made here, on the worker in bulk imports,
      // rather than on the thread that writes to the database; the stream itself is not sent back
      // (copying its arrays across threads cost the writing thread more than storing them).
      const stored = storedStream(records.summary.stream);
      return { facts: legFacts(leg), records: { ...records, summary: { ...records.summary, stream: EMPTY_STREAM } }, stored };
    }),
  };
}

function legFacts(leg: ParsedActivity): LegFacts {
  return {
    sport: leg.sport,
    sportStated: leg.sportStated,
    sportEvidence: leg.sportEvidence,
    sportLabel: leg.sportLabel,
    startTime: leg.startTime,
    localOffsetMinutes: leg.localOffsetMinutes,
  };
}
