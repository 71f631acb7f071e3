import { createHash } from "node:crypto";
import { analyseHeadline } from "./analyse.js";
import { RejectedFileError } from "./import/rejection.js";
import { parseTrainingFile } from "./parse-file.js";

/**
 * What `palpable activity` prints for one file: one object per leg (parsed, summarised and
 * labelled without any client history), or the file and why it was refused. Also what
 * `npm run bench:fit` times end to end.
 */
export function describeActivityFile(file: string, bytes: Uint8Array | undefined): Record<string, unknown>[] {
  try {
    if (!bytes) throw new RejectedFileError("corrupt", "could not be read");
    const parsed = parseTrainingFile(bytes, { detail: false });
    const recordingId = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
    return parsed.legs.map((leg, index) => {
      const analysis = analyseHeadline(leg, { recentWeeklyDistancesM: [] });
      return {
        file,
        format: parsed.format,
        recordingId,
        leg: index + 1,
        legs: parsed.legs.length,
        sport: leg.sport,
        sportEvidence: leg.sportEvidence ?? null,
        startTime: new Date(leg.startTime).toISOString(),
        durationS: round(analysis.elapsedS),
        movingS: round(analysis.movingS),
        distanceM: round(analysis.distanceM),
        elevationGainM: round(analysis.elevationGainM),
        elevationLossM: round(analysis.elevationLossM),
        avgPaceSPerKm: roundOrNull(analysis.avgPaceSPerKm),
        avgCadenceSpm: roundOrNull(analysis.avgCadenceSpm),
        avgHeartRate: roundOrNull(analysis.avgHeartRate),
        labels: analysis.labels.map((l) => ({ kind: l.kind, confidence: l.confidence, evidence: l.evidence })),
        warnings: parsed.warnings,
      };
    });
  } catch (error) {
    if (error instanceof RejectedFileError) return [{ file, error: error.message, reason: error.reason }];
    throw error;
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function roundOrNull(n: number | null): number | null {
  return n === null ? null : round(n);
}
