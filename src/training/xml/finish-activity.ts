import type { ActivityParseResult, ParsedActivity } from "../activity.js";
import { TrainingFileError } from "./errors.js";
import { countOf } from "./plural.js";
import type { XmlReadOutcome } from "./read-xml.js";
import type { SampleBuilder } from "./sample-builder.js";

export interface CollectedActivity extends Omit<ParsedActivity, "samples" | "startTime"> {
  readonly builder: SampleBuilder;
  /** 2 when the file's cadence counts one foot (foot sports), else 1. */
  readonly cadenceFactor: number;
  /** The sentence for `no_track_points` when the file offered no point at all. */
  readonly noPointsMessage: string;
}

/**
 * Turns what a GPX or TCX reader collected into the parse result: keeps the samples read before a
 * well-formedness error (a truncated download) with a warning, refuses a file with no timed
 * sample, and reports dropped points once per kind.
 */
export function finishActivity(
  collected: CollectedActivity,
  outcome: XmlReadOutcome,
  readerWarnings: readonly string[],
): ActivityParseResult {
  const { builder, cadenceFactor, noPointsMessage, ...activity } = collected;
  if (builder.count === 0) {
    if (outcome.malformed !== null) throw new TrainingFileError("not_xml", `The file is not well-formed XML (${outcome.malformed}).`);
    if (builder.offered > 0) {
      throw new TrainingFileError(
        "no_track_points",
        `None of the file's ${countOf(builder.offered, "point")} has a valid time, so it describes a route rather than a recorded activity.`,
      );
    }
    throw new TrainingFileError("no_track_points", noPointsMessage);
  }
  const warnings = [...outcome.warnings, ...readerWarnings, ...builder.dropWarnings()];
  if (outcome.malformed !== null) {
    warnings.push(`The file is damaged or cut short (${outcome.malformed}); the ${builder.count} samples before that point were kept.`);
  }
  const samples = builder.build({ cadenceFactor });
  return { activity: { ...activity, startTime: samples.time[0] ?? NaN, samples }, warnings };
}
