import { z } from "zod";
import { DEFAULT_WINDOW_WEEKS, type TestedPair, type UntestedPair } from "./rules.js";

export const patternsQuery = z.strictObject({
  weeks: z.coerce
    .number()
    .int("must be a whole number")
    .min(4, "must be at least 4")
    .max(26, "must be at most 26")
    .default(DEFAULT_WINDOW_WEEKS),
});

export type PatternPairView = TestedPair;
export type UntestedPairView = UntestedPair;

/** GET /api/patterns: the practice's training × findings comparisons. */
export interface PatternsView {
  weeks: number;
  /** Clients with a signed session with findings. */
  clientsWithFindings: number;
  /** Of those, clients with at least one run in the window: the ones compared. */
  clientsIncluded: number;
  pairs: PatternPairView[];
  notEnoughData: UntestedPairView[];
  rules: string[];
  caveats: readonly string[];
}
