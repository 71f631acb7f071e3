import { request } from "../api";
import type { PatternPairView, PatternsView, UntestedPairView } from "../../experiments/patterns/schema";

export type Patterns = PatternsView;
export type PatternPair = PatternPairView;
export type UntestedPair = UntestedPairView;

/** The practice's training × findings patterns over the given number of weeks. */
export const patternsApi = {
  list: (weeks: number) => request<Patterns>("GET", `/api/patterns?weeks=${encodeURIComponent(String(weeks))}`),
};
