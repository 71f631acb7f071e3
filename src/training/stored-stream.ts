import type { ChartStream } from "./analysis/types.js";
import { runFeatures } from "./outcomes/run-features.js";

/** An activity's chart stream and its run features, as the activity table stores them (JSON). */
export interface StoredStream {
  readonly streamJson: string;
  readonly runFeaturesJson: string;
}

export function storedStream(stream: ChartStream): StoredStream {
  return { streamJson: JSON.stringify(stream), runFeaturesJson: JSON.stringify(runFeatures(stream)) };
}
