import { FREE_TEXT } from "./free-text.js";
import { GROC } from "./groc.js";
import { LEFS } from "./lefs.js";
import { NPRS } from "./nprs.js";
import { RUNNING_SMOOTHNESS_NRS, TIGHTNESS_NRS } from "./practice-nrs.js";
import { PSFS } from "./psfs.js";
import { SENSATION_CHANGE } from "./sensation-change.js";
import type { Measure } from "./types.js";
import { UWRI } from "./uwri.js";

/** Every measure the practice can put on a check-in, in display order. */
export const MEASURES: readonly Measure[] = [
  NPRS,
  TIGHTNESS_NRS,
  GROC,
  RUNNING_SMOOTHNESS_NRS,
  SENSATION_CHANGE,
  PSFS,
  LEFS,
  UWRI,
  FREE_TEXT,
];

const BY_CODE: ReadonlyMap<string, Measure> = new Map(MEASURES.map((measure) => [measure.code, measure]));

/** The measure with this stable code, or undefined. */
export function measureByCode(code: string): Measure | undefined {
  return BY_CODE.get(code);
}

/**
 * Check-in measures that a session also records before and after treatment (the same 0–10 scale),
 * and the session field that holds them: read from each measure's `sessionField`.
 */
export const SESSION_MEASURE_FIELDS: Readonly<Partial<Record<string, "pain" | "tightness">>> = Object.fromEntries(
  MEASURES.flatMap((measure) => (measure.kind === "item-scale" && measure.sessionField ? [[measure.code, measure.sessionField]] : [])),
);
